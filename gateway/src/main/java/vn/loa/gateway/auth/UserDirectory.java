package vn.loa.gateway.auth;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
import org.springframework.security.crypto.password.PasswordEncoder;

/** The users held in configuration, with BCrypt password hashes. */
final class UserDirectory {

    // Compared against when the username is unknown, so that a miss costs as long as a hit.
    private static final String DUMMY_HASH = "$2a$10$sJcqtNgI4sZECoBnK1XfgOAev.5hDWtZ.5gnL6X9u6L43RGPBF8R6";

    private final Map<String, AuthProperties.User> users;
    private final PasswordEncoder encoder = new BCryptPasswordEncoder();

    UserDirectory(List<AuthProperties.User> users) {
        this.users = users.stream().collect(Collectors.toUnmodifiableMap(AuthProperties.User::username,
                Function.identity()));
    }

    Optional<AuthProperties.User> authenticate(String username, String password) {
        if (username == null || password == null) {
            return Optional.empty();
        }
        AuthProperties.User user = users.get(username);
        boolean matches = encoder.matches(password, user == null ? DUMMY_HASH : user.passwordHash());
        return user != null && matches ? Optional.of(user) : Optional.empty();
    }
}
