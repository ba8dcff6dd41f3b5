package vn.loa.gateway.auth;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/** Turns a missing identity set-up into Spring Boot's "APPLICATION FAILED TO START" with what to set. */
class IdentityFailureAnalyzer extends AbstractFailureAnalyzer<IllegalStateException> {

    static final String ACTION = """
            Give the gateway its users in one of these ways (gateway/README.md, "Identity"):
              1. a users file: LOA_AUTH_USERS_FILE=/path/to/users.yml (YAML: users: [{username, password-hash, roles, org-unit}];
                 hashes from 'java -jar loa-gateway.jar hash-password'), e.g. a Kubernetes secret mounted as a file;
              2. an external OpenID Connect provider: LOA_AUTH_ISSUER_ENABLED=false and
                 SPRING_SECURITY_OAUTH2_RESOURCESERVER_JWT_ISSUER_URI=https://idp.example/realms/loa (or ..._JWK_SET_URI),
                 with tokens for audience 'loa' carrying 'roles' and 'org_unit' claims;
              3. for a local try only: demo mode, LOA_DEMODATA_ENABLED=true (the demo users of API.md, password 'demo').""";

    @Override
    protected FailureAnalysis analyze(Throwable rootFailure, IllegalStateException cause) {
        if (cause instanceof IdentityNotConfiguredException) {
            return new FailureAnalysis("The gateway has no way to sign anyone in: " + cause.getMessage() + ".",
                    ACTION, cause);
        }
        if (cause instanceof UsersFile.InvalidUsersFileException invalid) {
            return new FailureAnalysis("The gateway's users file " + invalid.file() + " cannot be used:\n  - "
                    + String.join("\n  - ", invalid.problems()), "Correct the entries above. " + ACTION, cause);
        }
        return null;
    }
}
