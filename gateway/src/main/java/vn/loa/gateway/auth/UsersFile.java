package vn.loa.gateway.auth;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.boot.env.YamlPropertySourceLoader;
import org.springframework.core.env.PropertySource;
import org.springframework.core.io.FileSystemResource;
import org.springframework.core.io.Resource;

/**
 * Reads and checks a users file (YAML, or JSON, which is YAML too):
 * <pre>
 * users:
 *   - username: nguyen.van.a
 *     password-hash: "$2b$12$..."     # java -jar loa-gateway.jar hash-password
 *     roles: [COMMUNE_OFFICER]
 *     org-unit: lien-minh
 * </pre>
 * Every problem is reported at once, naming the entry, so that an operator fixes the file in one go.
 */
final class UsersFile {

    static final Set<String> ROLES = Set.of("COMMUNE_OFFICER", "DISTRICT_OFFICER", "PROVINCE_VIEWER", "OPERATOR");
    /** BCrypt as Spring Security writes it; cost 10 or more (about 50–100 ms per check here). */
    static final Pattern BCRYPT = Pattern.compile("\\$2[aby]?\\$(\\d\\d)\\$[./A-Za-z0-9]{53}");
    static final int MIN_COST = 10;
    private static final Pattern USERNAME = Pattern.compile("[a-z0-9][a-z0-9._@-]{1,63}");
    private static final Pattern ORG_UNIT = Pattern.compile("[a-z0-9][a-z0-9-]{0,63}");
    /** The hash of "demo" that the demo users share: never accepted outside demo mode. */
    static final String DEMO_HASH = "$2a$10$sJcqtNgI4sZECoBnK1XfgOAev.5hDWtZ.5gnL6X9u6L43RGPBF8R6";

    private UsersFile() {
    }

    /**
     * The users of {@code resource}, checked; throws {@link InvalidUsersFileException} listing every problem.
     *
     * @param demoAllowed whether the demo password's hash may appear (the demo users' own file)
     */
    static List<User> read(Resource resource, boolean demoAllowed) {
        String name = name(resource);
        if (!resource.exists()) {
            throw new InvalidUsersFileException(name, List.of("the file does not exist"));
        }
        List<User> raw;
        try {
            List<PropertySource<?>> sources = new YamlPropertySourceLoader().load(name, resource);
            raw = new Binder(ConfigurationPropertySources.from(sources))
                    .bind("users", Bindable.listOf(User.class)).orElse(List.of());
        }
        catch (IOException e) {
            throw new UncheckedIOException("Cannot read the users file " + name, e);
        }
        catch (RuntimeException e) {
            throw new InvalidUsersFileException(name, List.of("it is not a YAML list 'users:' of {username, "
                    + "password-hash, roles, org-unit}: " + rootMessage(e)));
        }
        List<String> problems = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        List<User> users = new ArrayList<>();
        for (int i = 0; i < raw.size(); i++) {
            User user = raw.get(i);
            String where = "users[" + i + "]" + (user.username() == null ? "" : " (" + user.username() + ")");
            String username = user.username() == null ? "" : user.username().trim().toLowerCase(Locale.ROOT);
            if (!USERNAME.matcher(username).matches()) {
                problems.add(where + ": username must be 2-64 of a-z 0-9 . _ @ - (was '" + user.username() + "')");
            }
            else if (!seen.add(username)) {
                problems.add(where + ": username appears twice (usernames are compared without case)");
            }
            problems.addAll(hashProblems(where, user.passwordHash(), demoAllowed));
            if (user.roles().isEmpty()) {
                problems.add(where + ": roles is empty (one or more of " + String.join(", ", ROLES.stream().sorted().toList()) + ")");
            }
            for (String role : user.roles()) {
                if (!ROLES.contains(role)) {
                    problems.add(where + ": unknown role '" + role + "' (one of "
                            + String.join(", ", ROLES.stream().sorted().toList()) + ")");
                }
            }
            if (user.orgUnit() == null || !ORG_UNIT.matcher(user.orgUnit()).matches()) {
                problems.add(where + ": org-unit must be an org unit code such as lien-minh (was '" + user.orgUnit() + "')");
            }
            users.add(new User(username, user.passwordHash(), user.roles(), user.orgUnit()));
        }
        if (!problems.isEmpty()) {
            throw new InvalidUsersFileException(name, problems);
        }
        return List.copyOf(users);
    }

    /** "/etc/loa/users.yml" rather than Spring's "file [/etc/loa/users.yml]". */
    static String name(Resource resource) {
        return resource instanceof FileSystemResource file ? file.getPath() : resource.getDescription();
    }

    private static List<String> hashProblems(String where, String hash, boolean demoAllowed) {
        Matcher bcrypt = hash == null ? null : BCRYPT.matcher(hash);
        if (bcrypt == null || !bcrypt.matches()) {
            return List.of(where + ": password-hash is not a BCrypt hash ($2a$/$2b$/$2y$...): make one with "
                    + "'java -jar loa-gateway.jar hash-password'");
        }
        if (Integer.parseInt(bcrypt.group(1)) < MIN_COST) {
            return List.of(where + ": password-hash has BCrypt cost " + bcrypt.group(1) + ", at least " + MIN_COST
                    + " is required");
        }
        if (!demoAllowed && DEMO_HASH.equals(hash)) {
            return List.of(where + ": password-hash is the demo password's; demo users exist only in demo mode "
                    + "(loa.demo-data.enabled=true)");
        }
        return List.of();
    }

    private static String rootMessage(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.getMessage();
    }

    /** A users file the gateway will not start with. */
    static final class InvalidUsersFileException extends IllegalStateException {

        private final String file;
        private final List<String> problems;

        InvalidUsersFileException(String file, List<String> problems) {
            super("The users file " + file + " cannot be used: " + String.join("; ", problems));
            this.file = file;
            this.problems = List.copyOf(problems);
        }

        String file() {
            return file;
        }

        List<String> problems() {
            return problems;
        }
    }
}
