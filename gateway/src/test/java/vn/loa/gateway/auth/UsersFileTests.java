package vn.loa.gateway.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.core.io.ClassPathResource;
import org.springframework.core.io.FileSystemResource;
import vn.loa.testsupport.MutableClock;

/** The operator's users file: what is accepted, what is refused (all problems at once), and re-reading it. */
class UsersFileTests {

    /** BCrypt, cost 10, of "Phòng Văn hóa Đức Thọ 2022". */
    static final String HASH = "$2a$10$MSpsaeACZvEg4a/fN9td.uhqvuqaSC/r8Rrk/UeKoxmJ.aSEKrJ9K";

    @TempDir
    Path dir;

    @Test
    void readsUsersWithTheirRolesAndOrgUnit() throws Exception {
        Path file = write("""
                users:
                  - username: Nguyen.Van.A
                    password-hash: "%s"
                    roles: [DISTRICT_OFFICER]
                    org-unit: duc-tho
                  - username: le.thi.b
                    password-hash: "%s"
                    roles: [COMMUNE_OFFICER, OPERATOR]
                    org-unit: lien-minh
                """.formatted(HASH, HASH));
        assertThat(UsersFile.read(new FileSystemResource(file), false))
                .containsExactly(new User("nguyen.van.a", HASH, java.util.List.of("DISTRICT_OFFICER"), "duc-tho"),
                        new User("le.thi.b", HASH, java.util.List.of("COMMUNE_OFFICER", "OPERATOR"), "lien-minh"));
    }

    @Test
    void namesEveryProblemOfEveryEntryAtOnce() throws Exception {
        Path file = write("""
                users:
                  - username: a
                    password-hash: "plain-text"
                    roles: [ADMIN]
                    org-unit: Liên Minh
                  - username: ok.user
                    password-hash: "$2a$04$MSpsaeACZvEg4a/fN9td.uhqvuqaSC/r8Rrk/UeKoxmJ.aSEKrJ9K"
                    roles: []
                    org-unit: lien-minh
                  - username: OK.user
                    password-hash: "%s"
                    roles: [OPERATOR]
                    org-unit: ha-tinh
                """.formatted(HASH));
        assertThatThrownBy(() -> UsersFile.read(new FileSystemResource(file), false))
                .isInstanceOfSatisfying(UsersFile.InvalidUsersFileException.class, e -> assertThat(e.problems())
                        .anySatisfy(p -> assertThat(p).startsWith("users[0] (a): username"))
                        .anySatisfy(p -> assertThat(p).contains("users[0] (a): password-hash is not a BCrypt hash",
                                "hash-password"))
                        .anySatisfy(p -> assertThat(p).contains("unknown role 'ADMIN'"))
                        .anySatisfy(p -> assertThat(p).contains("users[0] (a): org-unit"))
                        .anySatisfy(p -> assertThat(p).contains("users[1] (ok.user): password-hash has BCrypt cost 04"))
                        .anySatisfy(p -> assertThat(p).contains("users[1] (ok.user): roles is empty"))
                        .anySatisfy(p -> assertThat(p).contains("users[2] (OK.user): username appears twice")));
    }

    @Test
    void refusesTheDemoPasswordOutsideDemoMode() throws Exception {
        Path file = write("""
                users:
                  - username: operator
                    password-hash: "%s"
                    roles: [OPERATOR]
                    org-unit: ha-tinh
                """.formatted(UsersFile.DEMO_HASH));
        assertThatThrownBy(() -> UsersFile.read(new FileSystemResource(file), false))
                .hasMessageContaining("demo password");
        assertThat(UsersFile.read(new ClassPathResource(IssuerConfiguration.DEMO_USERS), true)).hasSize(5);
    }

    @Test
    void reReadsTheFileWhenItChangesAndKeepsTheUsersWhenTheNewOneIsBroken() throws Exception {
        Path file = write(user("nguyen.van.a"));
        MutableClock clock = new MutableClock(Instant.parse("2026-12-01T00:30:00Z"), ZoneOffset.UTC);
        UserDirectory directory = new UserDirectory(java.util.List.of(), new FileSystemResource(file), clock);
        assertThat(directory.find("nguyen.van.a")).isPresent();

        Files.writeString(file, user("le.thi.b"), StandardCharsets.UTF_8);
        Files.setLastModifiedTime(file, FileTime.from(Instant.now().plusSeconds(5)));
        assertThat(directory.find("nguyen.van.a")).as("not looked at before %s", UserDirectory.RECHECK).isPresent();
        clock.advance(UserDirectory.RECHECK.plusSeconds(1));
        assertThat(directory.find("nguyen.van.a")).isEmpty();
        assertThat(directory.find("LE.THI.B")).isPresent();

        Files.writeString(file, "users: [{username: x}]", StandardCharsets.UTF_8);
        Files.setLastModifiedTime(file, FileTime.from(Instant.now().plusSeconds(10)));
        clock.advance(UserDirectory.RECHECK.plusSeconds(1));
        assertThat(directory.find("le.thi.b")).isPresent();
    }

    @Test
    void checksAPasswordAndRefusesOneLongerThanBcryptReads() throws Exception {
        UserDirectory directory = new UserDirectory(java.util.List.of(),
                new FileSystemResource(write(user("nguyen.van.a"))), Clock.systemUTC());
        assertThat(directory.authenticate("Nguyen.Van.A", "Phòng Văn hóa Đức Thọ 2022")).isPresent();
        assertThat(directory.authenticate("nguyen.van.a", "Phòng Văn hóa Đức Thọ 2023")).isEmpty();
        assertThat(directory.authenticate("nguyen.van.a", "x".repeat(100))).isEmpty();
    }

    private static String user(String username) {
        return """
                users:
                  - username: %s
                    password-hash: "%s"
                    roles: [DISTRICT_OFFICER]
                    org-unit: duc-tho
                """.formatted(username, HASH);
    }

    private Path write(String yaml) throws Exception {
        Path file = dir.resolve("users.yml");
        Files.writeString(file, yaml, StandardCharsets.UTF_8);
        return file;
    }

}
