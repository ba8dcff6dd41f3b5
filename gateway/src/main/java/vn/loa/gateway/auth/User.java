package vn.loa.gateway.auth;

import java.util.List;

/** A user of the built-in issuer: what goes into the token, and the BCrypt hash of the password. */
record User(String username, String passwordHash, List<String> roles, String orgUnit) {

    User {
        roles = roles == null ? List.of() : List.copyOf(roles);
    }
}
