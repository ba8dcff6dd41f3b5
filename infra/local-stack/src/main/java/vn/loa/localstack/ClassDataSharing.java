package vn.loa.localstack;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

/**
 * Class-data sharing for {@code ./loa up} (issue 17.4): each service runs from its executable jar extracted with
 * Spring Boot's {@code -Djarmode=tools extract} (plain jars on the class path, which CDS needs and which load
 * faster than nested jars), with a dynamic AppCDS archive of the classes it loads while starting
 * ({@code -XX:ArchiveClassesAtExit} during a training run that exits after the context refresh,
 * {@code -Dspring.context.exit=onRefresh}; then {@code -XX:SharedArchiveFile}). On two cores this cuts a service's
 * start-up CPU from 14–17 s to about 6 s.
 *
 * <p>Everything lives under one directory per service ({@code .loa/cds/<module>/}): {@code app/} (the extracted
 * jar), {@code jar.stamp} (which jar it came from: path, size, modification time, content hash), {@code <module>.jsa} and
 * {@code <module>.jsa.stamp} (the jar's content hash, the JVM, and the archive's size). A stamp that does not match means
 * stale: extracted again, trained again. The archive is trained into a temporary file and moved into place only
 * after the training JVM exited cleanly, and its size is checked before each use, because the JVM of JDK 17 does
 * not survive a truncated archive (SIGBUS while mapping it); a mismatched one (other jar, other JVM) it only
 * ignores with a warning. {@link Stack} also restarts a service without its archive if it dies during start-up.
 */
public final class ClassDataSharing {

    private final Path directory;

    public ClassDataSharing(Path directory) {
        this.directory = directory.toAbsolutePath().normalize();
    }

    public Path directory() {
        return directory;
    }

    Path serviceDirectory(LoaService service) {
        return directory.resolve(service.moduleName());
    }

    Path extracted(LoaService service) {
        return serviceDirectory(service).resolve("app");
    }

    Path jarStamp(LoaService service) {
        return serviceDirectory(service).resolve("jar.stamp");
    }

    public Path archive(LoaService service) {
        return serviceDirectory(service).resolve(service.moduleName() + ".jsa");
    }

    Path archiveStamp(LoaService service) {
        return serviceDirectory(service).resolve(service.moduleName() + ".jsa.stamp");
    }

    /** Where a training run writes, before the archive is known to be whole. */
    Path trainingArchive(LoaService service) {
        return serviceDirectory(service).resolve(service.moduleName() + ".jsa.training");
    }

    /** The application jar of the extracted layout (its manifest's class path names {@code lib/*.jar}). */
    public Path applicationJar(LoaService service, Path executableJar) {
        return extracted(service).resolve(executableJar.getFileName().toString());
    }

    /**
     * Path, size, modification time and content of the jar. {@code ./loa} touches every jar after building any
     * module, and a rebuilt jar differs in its entries' timestamps only, so neither time nor bytes say whether the
     * jar changed: the content does, read from the zip's central directory (each entry's name, CRC-32 and size,
     * hashed), and only when the time moved.
     */
    static List<String> stampOf(Path jar) throws IOException {
        return List.of(jar.toAbsolutePath().normalize().toString(), Long.toString(Files.size(jar)),
                Long.toString(Files.getLastModifiedTime(jar).toMillis()), content(jar));
    }

    static String content(Path jar) throws IOException {
        try (ZipFile zip = new ZipFile(jar.toFile())) {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            for (ZipEntry entry : Collections.list(zip.entries())) {
                digest.update((entry.getName() + ":" + entry.getCrc() + ":" + entry.getSize() + "\n")
                        .getBytes(StandardCharsets.UTF_8));
            }
            return HexFormat.of().formatHex(digest.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Whether {@code jar} is the one its stamp names (the stamp's time is brought up to date when only that moved). */
    static boolean sameJar(Path stamp, Path jar) throws IOException {
        if (!Files.isRegularFile(stamp) || !Files.isRegularFile(jar)) {
            return false;
        }
        List<String> recorded = Files.readAllLines(stamp);
        if (recorded.size() != 4 || !recorded.get(0).equals(jar.toAbsolutePath().normalize().toString())) {
            return false;
        }
        if (recorded.get(1).equals(Long.toString(Files.size(jar)))
                && recorded.get(2).equals(Long.toString(Files.getLastModifiedTime(jar).toMillis()))) {
            return true;
        }
        List<String> now = stampOf(jar);
        if (!now.get(3).equals(recorded.get(3))) {
            return false;
        }
        Files.write(stamp, now);
        return true;
    }

    /** The content hash the jar stamp recorded (the archive's stamp names the jar by it). */
    private String recordedHash(LoaService service) throws IOException {
        List<String> recorded = Files.readAllLines(jarStamp(service));
        return recorded.size() == 4 ? recorded.get(3) : "";
    }

    /** Notes that {@code executableJar} is extracted (by {@link #extract}). */
    void recordExtracted(LoaService service, Path executableJar) throws IOException {
        Files.createDirectories(serviceDirectory(service));
        Files.write(jarStamp(service), stampOf(executableJar));
    }

    private String archiveStampOf(LoaService service, Path archive) throws IOException {
        return recordedHash(service) + "\n" + jvm() + Files.size(archive) + "\n";
    }

    /** The JVM the archive belongs to: a dynamic archive is only valid on top of the same JDK's base archive. */
    static String jvm() {
        return System.getProperty("java.home") + "\n" + System.getProperty("java.vm.version") + "\n";
    }

    /** Whether {@link #extract} has already been done for this jar. */
    public boolean isExtracted(LoaService service, Path executableJar) throws IOException {
        return Files.isRegularFile(applicationJar(service, executableJar)) && sameJar(jarStamp(service), executableJar);
    }

    /**
     * Extracts {@code executableJar} unless it already is; a new extraction drops the archive too (it names the
     * old jars). Returns the application jar to run.
     */
    public Path extract(LoaService service, Path executableJar) throws IOException, InterruptedException {
        Path app = applicationJar(service, executableJar);
        if (isExtracted(service, executableJar)) {
            return app;
        }
        Stack.deleteRecursively(serviceDirectory(service));
        Files.createDirectories(serviceDirectory(service));
        Path log = serviceDirectory(service).resolve("extract.log");
        Process process = new ProcessBuilder(ManagedProcess.java(), "-Djarmode=tools", "-jar",
                executableJar.toAbsolutePath().toString(), "extract", "--destination", extracted(service).toString())
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        if (!process.waitFor(5, TimeUnit.MINUTES)) {
            process.destroyForcibly();
            throw new IOException("extracting " + executableJar + " took more than 5 min");
        }
        if (process.exitValue() != 0 || !Files.isRegularFile(app)) {
            throw new IOException("extracting " + executableJar + " failed (exit " + process.exitValue() + "), see " + log);
        }
        recordExtracted(service, executableJar);
        return app;
    }

    /** The archive, if it was trained on this jar and this JVM and is whole. */
    public Optional<Path> usableArchive(LoaService service, Path executableJar) {
        try {
            Path archive = archive(service);
            Path stamp = archiveStamp(service);
            if (!Files.isRegularFile(archive) || !Files.isRegularFile(stamp) || !sameJar(jarStamp(service), executableJar)) {
                return Optional.empty();
            }
            return Files.readString(stamp).equals(archiveStampOf(service, archive)) ? Optional.of(archive) : Optional.empty();
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    /** Forgets the archive (stale, or a service died with it). */
    public void discardArchive(LoaService service) {
        try {
            Files.deleteIfExists(archiveStamp(service));
            Files.deleteIfExists(archive(service));
            Files.deleteIfExists(trainingArchive(service));
        } catch (IOException e) {
            // the stamp goes first: without it the archive is never used
        }
    }

    /** The options a service runs with: its archive when there is a usable one. */
    static List<String> runOptions(Optional<Path> archive) {
        List<String> options = new ArrayList<>();
        // -Xshare:auto (the default, said explicitly): an archive the JVM cannot use is ignored, never fatal.
        archive.ifPresent(a -> {
            options.add("-XX:SharedArchiveFile=" + a);
            options.add("-Xshare:auto");
        });
        return options;
    }

    /** The options of the training run: start, refresh the context, exit, write the archive. */
    List<String> trainingOptions(LoaService service) {
        return List.of("-XX:ArchiveClassesAtExit=" + trainingArchive(service), "-Dspring.context.exit=onRefresh");
    }

    /** After a clean training run: the archive moved into place, with its stamp. False when there is none. */
    public boolean adoptTrainedArchive(LoaService service, Path executableJar) throws IOException {
        Path trained = trainingArchive(service);
        if (!Files.isRegularFile(trained) || Files.size(trained) == 0) {
            Files.deleteIfExists(trained);
            return false;
        }
        Files.move(trained, archive(service), StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        if (!sameJar(jarStamp(service), executableJar)) {
            discardArchive(service); // the jar changed while it was trained
            return false;
        }
        Files.writeString(archiveStamp(service), archiveStampOf(service, archive(service)));
        return true;
    }
}
