package vn.loa.deployment;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The READMEs stay true (issue 20, point 2): every relative link of every Markdown file of the repository
 * resolves, and a figure the documentation quotes next to a link to {@code docs/figures/} (where
 * {@code ./loa verify} and {@code ./loa bench} write what they measured, with date and commit) is in that file,
 * character for character. A quoted figure is a {@code **bold**} span on the line of the link.
 */
class DocumentationTests {

    private static final Set<String> SKIPPED_DIRECTORIES = Set.of("target", ".git", "node_modules", ".loa", ".idea");
    /** [text](target) and ![alt](target), the target without a title; [id]: target reference definitions. */
    private static final Pattern INLINE_LINK = Pattern.compile("!?\\[[^\\]]*]\\(\\s*<?([^)\\s>]+)>?(?:\\s+\"[^\"]*\")?\\s*\\)");
    private static final Pattern REFERENCE = Pattern.compile("^\\s{0,3}\\[[^\\]]+]:\\s*<?(\\S+?)>?(?:\\s+\"[^\"]*\")?\\s*$");
    private static final Pattern BOLD = Pattern.compile("\\*\\*([^*]+)\\*\\*");
    private static final Pattern FIGURES_LINK = Pattern.compile("\\(((?:\\.\\./)*docs/figures/[^)#\\s]+\\.md)\\)");
    private static final Pattern DATE = Pattern.compile("\\b20\\d\\d-\\d\\d-\\d\\d\\b");

    @Test
    void everyRelativeLinkOfEveryMarkdownFileResolves() {
        List<String> broken = new ArrayList<>();
        for (Path file : markdownFiles()) {
            for (Link link : links(file)) {
                if (!Files.exists(link.resolved())) {
                    broken.add(Repo.ROOT.relativize(file) + ":" + link.line() + " links " + link.target()
                            + ", which does not exist");
                }
            }
        }
        assertThat(broken).as("broken relative links").isEmpty();
    }

    @Test
    void everyFigureQuotedBesideAFiguresFileIsInThatFile() {
        List<String> wrong = new ArrayList<>();
        int quoted = 0;
        for (Path file : markdownFiles()) {
            List<String> lines = lines(file);
            for (int i = 0; i < lines.size(); i++) {
                String line = stripCode(lines.get(i));
                Matcher link = FIGURES_LINK.matcher(line);
                while (link.find()) {
                    Path source = file.getParent().resolve(link.group(1)).normalize();
                    if (!Files.exists(source)) {
                        continue; // reported by the link test
                    }
                    String figures = Repo.read(source);
                    Matcher bold = BOLD.matcher(line);
                    while (bold.find()) {
                        quoted++;
                        if (!figures.contains(bold.group(1).trim())) {
                            wrong.add(Repo.ROOT.relativize(file) + ":" + (i + 1) + " quotes **" + bold.group(1)
                                    + "**, which " + Repo.ROOT.relativize(source) + " does not say");
                        }
                    }
                }
            }
        }
        assertThat(wrong).as("figures that differ from their source").isEmpty();
        assertThat(quoted).as("figures quoted from docs/figures (the README's verify time at least)").isPositive();
    }

    @Test
    void theReadmeQuotesTheVerifyTimeFromItsFileAndEveryFiguresFileCarriesItsDateAndCommit() {
        assertThat(Repo.read(Repo.path("README.md")))
                .as("README.md quotes the verify figures from docs/figures/verify.md")
                .containsPattern("\\*\\*[^*]+\\*\\*[^\\n]*\\(docs/figures/verify\\.md\\)");
        try (Stream<Path> files = Files.list(Repo.path("docs/figures"))) {
            for (Path figures : files.filter(f -> f.toString().endsWith(".md")).toList()) {
                assertThat(Repo.read(figures)).as(figures.getFileName().toString())
                        .containsPattern(DATE).containsPattern("commit [0-9a-f]{7,}");
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Test
    void linksAreFoundOutsideCodeOnly() {
        List<String> text = List.of("See [the runbook](docs/runbook.md#restart) and ![a picture](img/a.png \"title\").",
                "Not `[this](nowhere.md)`, nor https://example.org, [nor this](https://example.org/x.md).",
                "[ref]: ../other.md",
                "```", "[inside](a fence.md)", "```");

        assertThat(targets(text)).containsExactly("docs/runbook.md#restart", "img/a.png", "../other.md");
    }

    // ---------------------------------------------------------------------------------------------

    record Link(int line, String target, Path resolved) {
    }

    static List<Path> markdownFiles() {
        List<Path> files = new ArrayList<>();
        try {
            Files.walkFileTree(Repo.ROOT, new java.nio.file.SimpleFileVisitor<>() {
                @Override
                public java.nio.file.FileVisitResult preVisitDirectory(Path dir, java.nio.file.attribute.BasicFileAttributes a) {
                    return SKIPPED_DIRECTORIES.contains(dir.getFileName().toString()) && !dir.equals(Repo.ROOT)
                            ? java.nio.file.FileVisitResult.SKIP_SUBTREE : java.nio.file.FileVisitResult.CONTINUE;
                }

                @Override
                public java.nio.file.FileVisitResult visitFile(Path file, java.nio.file.attribute.BasicFileAttributes a) {
                    if (file.getFileName().toString().endsWith(".md")) {
                        files.add(file);
                    }
                    return java.nio.file.FileVisitResult.CONTINUE;
                }
            });
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        assertThat(files).as("Markdown files under " + Repo.ROOT).isNotEmpty();
        return files;
    }

    private static List<Link> links(Path file) {
        List<String> lines = lines(file);
        List<Link> links = new ArrayList<>();
        targetsWithLines(lines, (line, target) -> {
            String path = target.replaceFirst("[#?].*$", "");
            if (!path.isEmpty()) {
                Path resolved = path.startsWith("/") ? Repo.ROOT.resolve(path.substring(1))
                        : file.getParent().resolve(java.net.URLDecoder.decode(path, java.nio.charset.StandardCharsets.UTF_8));
                links.add(new Link(line, target, resolved.normalize()));
            }
        });
        return links;
    }

    static List<String> targets(List<String> lines) {
        return targetsWithLines(lines, (line, target) -> { });
    }

    /** Relative link targets outside fenced code blocks and inline code, in order. */
    private static List<String> targetsWithLines(List<String> lines, java.util.function.BiConsumer<Integer, String> each) {
        List<String> targets = new ArrayList<>();
        boolean fenced = false;
        for (int i = 0; i < lines.size(); i++) {
            String raw = lines.get(i);
            if (raw.trim().startsWith("```") || raw.trim().startsWith("~~~")) {
                fenced = !fenced;
                continue;
            }
            if (fenced) {
                continue;
            }
            String line = stripCode(raw);
            List<String> onLine = new ArrayList<>();
            Matcher inline = INLINE_LINK.matcher(line);
            while (inline.find()) {
                onLine.add(inline.group(1));
            }
            Matcher reference = REFERENCE.matcher(line);
            if (reference.find()) {
                onLine.add(reference.group(1));
            }
            for (String target : onLine) {
                if (!target.matches("^[a-zA-Z][a-zA-Z0-9+.-]*:.*") && !target.startsWith("#")) {
                    targets.add(target);
                    each.accept(i + 1, target);
                }
            }
        }
        return targets;
    }

    private static String stripCode(String line) {
        return line.replaceAll("`[^`]*`", "``");
    }

    private static List<String> lines(Path file) {
        try {
            return Files.readAllLines(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
