package vn.loa.gateway.auth;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;

/** {@code java -jar loa-gateway.jar hash-password}: the password policy and what it prints. */
class PasswordToolTests {

    @Test
    void acceptsALongPassphraseAndRefusesWhatGuessersTryFirst() {
        assertThat(PasswordTool.problems("Mùa lúa chín ở Đức Thọ", "ductho.vhtt")).isEmpty();
        assertThat(PasswordTool.problems("demo", null)).anySatisfy(p -> assertThat(p).contains("at least 12 characters"));
        assertThat(PasswordTool.problems("aaaaaaaaaaaaaaaa", null)).anySatisfy(p -> assertThat(p).contains("different"));
        assertThat(PasswordTool.problems("MatKhau-Xa-2024!", null)).anySatisfy(p -> assertThat(p).contains("matkhau"));
        assertThat(PasswordTool.problems("lienminh.vhtt-2024", "lienminh.vhtt"))
                .anySatisfy(p -> assertThat(p).contains("username"));
        assertThat(PasswordTool.problems("Đường đến Ủy ban nhân dân xã Liên Minh, huyện Đức Thọ, tỉnh Hà Tĩnh", null))
                .anySatisfy(p -> assertThat(p).contains("72 bytes"));
    }

    @Test
    void printsAUsersFileEntryWhoseHashChecksThePassword() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int exit = withStdin("Mùa lúa chín ở Đức Thọ\n", () -> PasswordTool.run(new String[] {"hash-password",
                "--username", "ductho.vhtt", "--roles", "DISTRICT_OFFICER", "--org-unit", "duc-tho", "--cost", "10"},
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8)));
        assertThat(exit).as(err.toString(StandardCharsets.UTF_8)).isZero();
        String entry = out.toString(StandardCharsets.UTF_8);
        assertThat(entry).contains("- username: ductho.vhtt", "roles: [DISTRICT_OFFICER]", "org-unit: duc-tho");
        String hash = entry.replaceAll("(?s).*password-hash: \"([^\"]+)\".*", "$1");
        assertThat(hash).matches(UsersFile.BCRYPT.pattern()).startsWith("$2b$10$");
        assertThat(new BCryptPasswordEncoder().matches("Mùa lúa chín ở Đức Thọ", hash)).isTrue();
    }

    @Test
    void refusesAWeakPasswordWithTheReasons() {
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int exit = withStdin("password123\n", () -> PasswordTool.run(new String[] {"hash-password"},
                new PrintStream(new ByteArrayOutputStream()), new PrintStream(err, true, StandardCharsets.UTF_8)));
        assertThat(exit).isEqualTo(1);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("at least 12 characters", "'password'");
    }

    private static int withStdin(String input, java.util.function.IntSupplier run) {
        InputStream original = System.in;
        System.setIn(new ByteArrayInputStream(input.getBytes(StandardCharsets.UTF_8)));
        try {
            return run.getAsInt();
        }
        finally {
            System.setIn(original);
        }
    }
}
