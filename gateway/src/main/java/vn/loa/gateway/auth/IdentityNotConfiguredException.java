package vn.loa.gateway.auth;

/** The gateway would start with nobody able to sign in, or trusting nobody's tokens: it does not start. */
final class IdentityNotConfiguredException extends IllegalStateException {

    IdentityNotConfiguredException(String why) {
        super(why);
    }
}
