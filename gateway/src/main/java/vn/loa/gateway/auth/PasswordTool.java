package vn.loa.gateway.auth;

import java.io.BufferedReader;
import java.io.Console;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;

/**
 * {@code java -jar loa-gateway.jar hash-password [--username u --roles R1,R2 --org-unit c] [--cost 12]}:
 * reads a password (twice, without echo, on a terminal; one line from standard input otherwise),
 * checks it against the password policy and prints its BCrypt hash, or a whole users-file entry
 * when the user's details are given. The gateway only ever sees the hash.
 * <p>
 * The policy (NIST SP 800-63B in spirit: length over composition rules): at least 12 characters,
 * at most 72 bytes (what BCrypt reads), at least 5 different characters, not containing the
 * username, none of a few words every guesser tries first.
 */
public final class PasswordTool {

    static final int MIN_LENGTH = 12;
    static final int MIN_DISTINCT = 5;
    static final int DEFAULT_COST = 12;
    private static final List<String> COMMON = List.of("password", "matkhau", "mat khau", "123456", "654321",
            "qwerty", "abc123", "abcdef", "iloveyou", "admin", "letmein", "welcome", "demo");

    private PasswordTool() {
    }

    /** Entry point from {@code GatewayApplication.main}; answers the process exit code. */
    public static int run(String[] args, PrintStream out, PrintStream err) {
        Map<String, String> options = new TreeMap<>();
        for (int i = 1; i < args.length; i++) {
            if (args[i].startsWith("--") && i + 1 < args.length) {
                options.put(args[i].substring(2), args[++i]);
            }
            else {
                err.println("Unknown argument " + args[i] + ". Usage: hash-password [--username u --roles R1,R2 "
                        + "--org-unit code] [--cost 10..14]");
                return 2;
            }
        }
        int cost;
        try {
            cost = Integer.parseInt(options.getOrDefault("cost", Integer.toString(DEFAULT_COST)));
        }
        catch (NumberFormatException e) {
            cost = -1;
        }
        if (cost < UsersFile.MIN_COST || cost > 14) {
            err.println("--cost must be 10 to 14 (each step doubles the time of a sign-in; 12 is about 250 ms)");
            return 2;
        }
        String username = options.get("username");
        String password;
        try {
            password = readPassword(err);
        }
        catch (IOException e) {
            err.println("Cannot read the password: " + e.getMessage());
            return 1;
        }
        if (password == null) {
            err.println("The two passwords differ, or none was given.");
            return 1;
        }
        List<String> problems = problems(password, username);
        if (!problems.isEmpty()) {
            err.println("The password does not meet the policy:");
            problems.forEach(p -> err.println("  - " + p));
            return 1;
        }
        String hash = new BCryptPasswordEncoder(BCryptPasswordEncoder.BCryptVersion.$2B, cost).encode(password);
        if (username == null) {
            out.println(hash);
            return 0;
        }
        String roles = options.getOrDefault("roles", "");
        for (String role : roles.split(",")) {
            if (!UsersFile.ROLES.contains(role.trim())) {
                err.println("--roles: '" + role + "' is not one of " + UsersFile.ROLES);
                return 2;
            }
        }
        out.println("  - username: " + username.toLowerCase(Locale.ROOT));
        out.println("    password-hash: \"" + hash + "\"");
        out.println("    roles: [" + String.join(", ", Arrays.stream(roles.split(",")).map(String::trim).toList()) + "]");
        out.println("    org-unit: " + options.getOrDefault("org-unit", ""));
        return 0;
    }

    /** What is wrong with {@code password} under the policy; empty when it may be used. */
    static List<String> problems(String password, String username) {
        List<String> problems = new ArrayList<>();
        int length = password.codePointCount(0, password.length());
        if (length < MIN_LENGTH) {
            problems.add("at least " + MIN_LENGTH + " characters (has " + length + "); a short sentence is easiest to remember");
        }
        if (password.getBytes(StandardCharsets.UTF_8).length > UserDirectory.MAX_PASSWORD_BYTES) {
            problems.add("at most " + UserDirectory.MAX_PASSWORD_BYTES + " bytes in UTF-8 (Vietnamese letters take 2-3 each)");
        }
        if (password.codePoints().distinct().count() < MIN_DISTINCT) {
            problems.add("at least " + MIN_DISTINCT + " different characters");
        }
        String lower = password.toLowerCase(Locale.ROOT);
        if (username != null && !username.isBlank() && lower.contains(username.toLowerCase(Locale.ROOT))) {
            problems.add("must not contain the username");
        }
        for (String word : COMMON) {
            if (lower.contains(word)) {
                problems.add("must not contain '" + word + "', which guessers try first");
            }
        }
        return problems;
    }

    private static String readPassword(PrintStream err) throws IOException {
        Console console = System.console();
        if (console != null) {
            char[] first = console.readPassword("Password: ");
            char[] second = console.readPassword("Again: ");
            if (first == null || second == null || !Arrays.equals(first, second)) {
                return null;
            }
            return new String(first);
        }
        String line = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)).readLine();
        return line == null || line.isEmpty() ? null : line;
    }
}
