package vn.loa.notification.subscription;

import vn.loa.common.problem.Text;

import java.security.SecureRandom;
import java.util.Base64;
import java.util.Optional;

/**
 * Webhook secrets as Standard Webhooks writes them: {@code whsec_} and the base64 of 24 to 64 random
 * bytes. The HMAC key is the decoded bytes, so any Standard Webhooks library verifies with the
 * secret as given ({@code new Webhook(secret)}).
 */
public final class WebhookSecrets {

    public static final String PREFIX = "whsec_";
    public static final int MIN_BYTES = 24;
    public static final int MAX_BYTES = 64;
    /** {@code whsec_} plus the base64 of 64 bytes. */
    public static final int MAX_LENGTH = 6 + 88;
    private static final int GENERATED_BYTES = 32;
    private static final SecureRandom RANDOM = new SecureRandom();

    private WebhookSecrets() {
    }

    public static String generate() {
        byte[] bytes = new byte[GENERATED_BYTES];
        RANDOM.nextBytes(bytes);
        return PREFIX + Base64.getEncoder().encodeToString(bytes);
    }

    /** Why {@code secret} is not a Standard Webhooks secret, or empty if it is one. */
    public static Optional<Text> problem(String secret) {
        Text expected = Text.of("field.subscription.secret", String.valueOf(MIN_BYTES), String.valueOf(MAX_BYTES));
        if (secret == null || !secret.startsWith(PREFIX)) {
            return Optional.of(expected);
        }
        try {
            int n = Base64.getDecoder().decode(secret.substring(PREFIX.length())).length;
            return n >= MIN_BYTES && n <= MAX_BYTES ? Optional.empty() : Optional.of(expected);
        } catch (IllegalArgumentException e) {
            return Optional.of(expected);
        }
    }

    /** The HMAC key of a secret accepted by {@link #problem}. */
    public static byte[] key(String secret) {
        return Base64.getDecoder().decode(secret.substring(PREFIX.length()));
    }
}
