package vn.loa.deployment;

import org.junit.jupiter.api.Test;
import org.springframework.util.AntPathMatcher;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The HTTP calls of docs/runbook.md exist: the gateway routes each path, and after the route's
 * rewrite a controller of the target service (or a library it uses) maps it with that method.
 */
class RunbookTests {

    private static final AntPathMatcher PATHS = new AntPathMatcher();

    record Call(String method, String path) {
    }

    record Route(String id, List<String> patterns, String service, String rewriteFrom, String rewriteTo) {
    }

    @Test
    void everyCallOfTheRunbookIsRoutedAndServed() {
        List<Call> calls = calls(Repo.read(Repo.path("docs/runbook.md")));
        assertThat(calls).extracting(Call::path).contains("/ops/activity/dead-letters",
                "/ops/activity/dead-letters/x/replay", "/api/ops/projections/rebuild", "/api/org-units/duc-thinh",
                "/auth/token", "/auth/jwks");
        List<Route> routes = routes();
        for (Call call : calls) {
            if (call.path().startsWith("/auth/")) {
                assertThat(mappings("gateway")).as("gateway serves %s", call)
                        .anySatisfy(m -> assertThat(matches(m, call)).isTrue());
                continue;
            }
            Route route = routes.stream().filter(r -> r.patterns().stream().anyMatch(p -> PATHS.match(p, call.path())))
                    .findFirst().orElseThrow(() -> new AssertionError("no gateway route for " + call));
            String target = call.path();
            if (route.rewriteFrom() != null) {
                target = target.replaceAll(route.rewriteFrom(), route.rewriteTo().replace("$\\{rest}", "${rest}"));
            }
            Call served = new Call(call.method(), target);
            List<Call> candidates = new ArrayList<>(mappings(route.service()));
            candidates.addAll(mappings("infra/messaging"));
            assertThat(candidates).as("%s (route %s) is mapped by %s", served, route.id(), route.service())
                    .anySatisfy(m -> assertThat(matches(m, served)).isTrue());
        }
    }

    /** {@code curl … -X POST "$GW/path?query" …} lines; placeholders such as {@code <id>} or {@code $id} become a segment. */
    static List<Call> calls(String text) {
        List<Call> calls = new ArrayList<>();
        Matcher line = Pattern.compile("curl[^\\n]*\\$GW(/[^\"\\s?]*)").matcher(text);
        while (line.find()) {
            String whole = line.group();
            Matcher method = Pattern.compile("-X (GET|POST|PUT|DELETE)").matcher(whole);
            String path = line.group(1).replaceAll("<[^>]+>", "x").replaceAll("\\$[a-z]+", "x");
            calls.add(new Call(method.find() ? method.group(1) : "GET", path));
        }
        return calls;
    }

    /** The gateway's routes: path predicates, the target service module, a RewritePath if any. */
    static List<Route> routes() {
        Map<String, Object> yml = Repo.yamlMap(Repo.path("gateway/src/main/resources/application.yml"));
        List<Route> routes = new ArrayList<>();
        for (Object route : Repo.list(yml, "spring", "cloud", "gateway", "server", "webflux", "routes")) {
            String uri = Repo.string(route, "uri");
            Matcher service = Pattern.compile("\\$\\{loa\\.services\\.([a-z]+)\\.uri}").matcher(uri);
            assertThat(service.matches()).as(uri).isTrue();
            List<String> patterns = new ArrayList<>();
            for (Object predicate : Repo.list(route, "predicates")) {
                String p = String.valueOf(predicate);
                if (p.startsWith("Path=")) {
                    patterns.addAll(List.of(p.substring(5).split(",")));
                }
            }
            String from = null;
            String to = null;
            for (Object filter : Repo.list(route, "filters")) {
                String f = String.valueOf(filter);
                if (f.startsWith("RewritePath=")) {
                    String[] parts = f.substring("RewritePath=".length()).split(",\\s*");
                    from = parts[0];
                    to = parts[1];
                }
            }
            routes.add(new Route(Repo.string(route, "id"), patterns, service.group(1) + "-service", from, to));
        }
        return routes;
    }

    /** Request mappings of a module's controllers: class-level @RequestMapping + method-level mapping. */
    static Set<Call> mappings(String module) {
        Set<Call> calls = new LinkedHashSet<>();
        Pattern annotation = Pattern.compile("@(Request|Get|Post|Put|Delete|Patch)Mapping(?:\\((?:value = |path = )?\"([^\"]*)\"[^)]*\\))?");
        try (Stream<Path> files = Files.walk(Repo.path(module + "/src/main/java"))) {
            for (Path file : files.filter(f -> f.toString().endsWith(".java")).toList()) {
                String source = Repo.read(file);
                if (!source.contains("Controller")) {
                    continue;
                }
                Matcher declaration = Pattern.compile("(?m)^(public |final |abstract )*class ").matcher(source);
                int classAt = declaration.find() ? declaration.start() : 0;
                String base = "";
                Matcher m = annotation.matcher(source);
                while (m.find()) {
                    String path = m.group(2) == null ? "" : m.group(2);
                    if (m.start() < classAt) {
                        if (m.group(1).equals("Request")) {
                            base = path;
                        }
                    } else if (!m.group(1).equals("Request")) {
                        calls.add(new Call(m.group(1).toUpperCase(), base + path));
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return calls;
    }

    static boolean matches(Call mapping, Call call) {
        String pattern = mapping.path().replaceAll("\\{[^}]+}", "*");
        return mapping.method().equals(call.method()) && PATHS.match(pattern, call.path());
    }
}
