package vn.loa.gateway.auth;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.io.Resource;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
import org.springframework.security.crypto.password.PasswordEncoder;

/**
 * The built-in issuer's users: the demo users in demo mode, and the operator's users file. The file
 * is looked at again at most every {@link #RECHECK} during sign-ins and re-read when it changed (a
 * Kubernetes secret is updated in place), so adding or removing a user needs no restart; a file that
 * became invalid is refused with an error in the log and the previous users stay.
 * <p>
 * Usernames are compared without case. Blocking (BCrypt, file reads): call it off the event loop.
 */
final class UserDirectory {

    static final Duration RECHECK = Duration.ofSeconds(10);
    // Compared against when the username is unknown, so that a miss costs as long as a hit.
    private static final String DUMMY_HASH = UsersFile.DEMO_HASH;
    /** BCrypt looks at 72 bytes at most; Spring Security refuses longer passwords outright. */
    static final int MAX_PASSWORD_BYTES = 72;

    private static final Logger log = LoggerFactory.getLogger(UserDirectory.class);

    private final List<User> demoUsers;
    private final Resource file;
    private final Clock clock;
    private final PasswordEncoder encoder = new BCryptPasswordEncoder();
    private volatile Map<String, User> users;
    private volatile String fileVersion;
    private volatile Instant nextCheck;

    UserDirectory(List<User> demoUsers, Resource file, Clock clock) {
        this.demoUsers = List.copyOf(demoUsers);
        this.file = file;
        this.clock = clock;
        List<User> fromFile = file == null ? List.of() : UsersFile.read(file, false);
        this.fileVersion = version(file);
        this.users = merge(fromFile);
        this.nextCheck = clock.instant().plus(RECHECK);
    }

    int size() {
        return users.size();
    }

    Optional<User> find(String username) {
        refreshIfChanged();
        return username == null ? Optional.empty()
                : Optional.ofNullable(users.get(username.trim().toLowerCase(Locale.ROOT)));
    }

    Optional<User> authenticate(String username, String password) {
        if (username == null || password == null || password.getBytes(StandardCharsets.UTF_8).length > MAX_PASSWORD_BYTES) {
            encoder.matches("", DUMMY_HASH); // the same time as a real check
            return Optional.empty();
        }
        Optional<User> user = find(username);
        boolean matches = encoder.matches(password, user.map(User::passwordHash).orElse(DUMMY_HASH));
        return user.isPresent() && matches ? user : Optional.empty();
    }

    private Map<String, User> merge(List<User> fromFile) {
        Map<String, User> merged = new LinkedHashMap<>();
        demoUsers.forEach(u -> merged.put(u.username(), u));
        for (User user : fromFile) {
            if (merged.put(user.username(), user) != null) {
                log.warn("The users file replaces the demo user {}", user.username());
            }
        }
        return Map.copyOf(merged);
    }

    private void refreshIfChanged() {
        if (file == null || clock.instant().isBefore(nextCheck)) {
            return;
        }
        synchronized (this) {
            if (clock.instant().isBefore(nextCheck)) {
                return;
            }
            nextCheck = clock.instant().plus(RECHECK);
            String version = version(file);
            if (version.equals(fileVersion)) {
                return;
            }
            try {
                Map<String, User> reloaded = merge(UsersFile.read(file, false));
                log.info("Re-read the users file {}: {} users (was {})", UsersFile.name(file), reloaded.size(), users.size());
                users = reloaded;
                fileVersion = version;
            }
            catch (RuntimeException e) {
                log.error("The users file {} changed but cannot be used; keeping the previous {} users: {}",
                        UsersFile.name(file), users.size(), e.getMessage());
                fileVersion = version; // say it once, not at every sign-in
            }
        }
    }

    private static String version(Resource file) {
        if (file == null) {
            return "";
        }
        try {
            return file.lastModified() + "/" + file.contentLength();
        }
        catch (IOException e) {
            return "unreadable";
        }
    }
}
