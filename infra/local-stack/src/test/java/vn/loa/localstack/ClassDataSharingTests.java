package vn.loa.localstack;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.Optional;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

import static org.assertj.core.api.Assertions.assertThat;

/** When an archive is used, trained again or dropped; the JVM is not started here. */
class ClassDataSharingTests {

    @TempDir
    Path home;

    private Path jar() throws IOException {
        Path jar = home.resolve("plan-service/target/loa-plan-service-1-exec.jar");
        Files.createDirectories(jar.getParent());
        build(jar, "v1", Instant.parse("2026-12-01T10:00:00Z"));
        return jar;
    }

    /** A jar of one class whose bytes are {@code content}, its entry dated {@code built}, as a build writes it. */
    private static void build(Path jar, String content, Instant built) throws IOException {
        try (ZipOutputStream zip = new ZipOutputStream(Files.newOutputStream(jar))) {
            ZipEntry entry = new ZipEntry("BOOT-INF/classes/vn/loa/App.class");
            entry.setTime(built.toEpochMilli());
            zip.putNextEntry(entry);
            zip.write(content.getBytes(StandardCharsets.UTF_8));
            zip.closeEntry();
        }
        Files.setLastModifiedTime(jar, FileTime.from(built));
    }

    /** As after an extraction and a training run that wrote {@code bytes}. */
    private static void trained(ClassDataSharing cds, Path jar, int bytes) throws IOException {
        cds.recordExtracted(LoaService.PLAN, jar);
        Files.write(cds.trainingArchive(LoaService.PLAN), new byte[bytes]);
    }

    @Test
    void anArchiveTrainedOnTheJarIsUsedUntilTheJarIsRebuilt() throws IOException {
        ClassDataSharing cds = new ClassDataSharing(home.resolve(".loa/cds"));
        Path jar = jar();
        assertThat(cds.usableArchive(LoaService.PLAN, jar)).isEmpty();

        trained(cds, jar, 1000);
        assertThat(cds.adoptTrainedArchive(LoaService.PLAN, jar)).isTrue();
        assertThat(cds.usableArchive(LoaService.PLAN, jar)).contains(cds.archive(LoaService.PLAN));
        assertThat(cds.trainingArchive(LoaService.PLAN)).doesNotExist();

        build(jar, "v2", Instant.parse("2026-12-02T10:00:00Z"));
        assertThat(cds.usableArchive(LoaService.PLAN, jar)).isEmpty();
    }

    @Test
    void aJarRebuiltFromTheSameSourcesKeepsItsArchive() throws IOException {
        ClassDataSharing cds = new ClassDataSharing(home.resolve(".loa/cds"));
        Path jar = jar();
        trained(cds, jar, 1000);
        cds.adoptTrainedArchive(LoaService.PLAN, jar);

        build(jar, "v1", Instant.parse("2026-12-02T10:00:00Z")); // new entry times and file time, same classes

        assertThat(cds.usableArchive(LoaService.PLAN, jar)).contains(cds.archive(LoaService.PLAN));
    }

    @Test
    void aTruncatedArchiveIsNeverUsedBecauseTheJvmWouldCrashOnIt() throws IOException {
        ClassDataSharing cds = new ClassDataSharing(home.resolve(".loa/cds"));
        Path jar = jar();
        trained(cds, jar, 1000);
        cds.adoptTrainedArchive(LoaService.PLAN, jar);

        Files.write(cds.archive(LoaService.PLAN), new byte[400]);

        assertThat(cds.usableArchive(LoaService.PLAN, jar)).isEmpty();
    }

    @Test
    void aTrainingRunThatWroteNothingLeavesNoArchive() throws IOException {
        ClassDataSharing cds = new ClassDataSharing(home.resolve(".loa/cds"));
        Path jar = jar();
        trained(cds, jar, 0);

        assertThat(cds.adoptTrainedArchive(LoaService.PLAN, jar)).isFalse();
        assertThat(cds.usableArchive(LoaService.PLAN, jar)).isEmpty();
        assertThat(cds.trainingArchive(LoaService.PLAN)).doesNotExist();
    }

    @Test
    void aDiscardedArchiveIsGoneWithItsStamp() throws IOException {
        ClassDataSharing cds = new ClassDataSharing(home.resolve(".loa/cds"));
        Path jar = jar();
        trained(cds, jar, 1000);
        cds.adoptTrainedArchive(LoaService.PLAN, jar);

        cds.discardArchive(LoaService.PLAN);

        assertThat(cds.archive(LoaService.PLAN)).doesNotExist();
        assertThat(cds.archiveStamp(LoaService.PLAN)).doesNotExist();
        assertThat(cds.usableArchive(LoaService.PLAN, jar)).isEmpty();
    }

    @Test
    void theServiceRunsWithItsArchiveOnlyWhenThereIsOneAndNeverInsistsOnIt() {
        Path archive = Path.of("/srv/loa/.loa/cds/plan-service/plan-service.jsa");

        assertThat(ClassDataSharing.runOptions(Optional.of(archive)))
                .containsExactly("-XX:SharedArchiveFile=" + archive, "-Xshare:auto");
        assertThat(ClassDataSharing.runOptions(Optional.empty())).isEmpty();
    }

    @Test
    void theTrainingRunExitsAfterTheRefreshAndWritesBesideTheArchive() {
        ClassDataSharing cds = new ClassDataSharing(Path.of("/srv/loa/.loa/cds"));

        assertThat(cds.trainingOptions(LoaService.GATEWAY)).containsExactly(
                "-XX:ArchiveClassesAtExit=/srv/loa/.loa/cds/gateway/gateway.jsa.training", "-Dspring.context.exit=onRefresh");
        assertThat(cds.applicationJar(LoaService.GATEWAY, Path.of("/srv/loa/gateway/target/loa-gateway-1.jar")))
                .isEqualTo(Path.of("/srv/loa/.loa/cds/gateway/app/loa-gateway-1.jar"));
    }
}
