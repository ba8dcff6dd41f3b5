package vn.loa.notification.egress;

import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;

import java.util.Optional;

/**
 * Strict e-mail addresses: exactly one RFC 5322 addr-spec ({@code local@domain}), nothing else — no
 * list ({@code a@b,c.d}), no group, no display name or comment, no line break, a domain with a dot.
 * A string that would reach the SMTP server as more than one recipient never becomes a target.
 */
public final class EmailAddresses {

    /** RFC 5321: 64 octets of local part, 254 in all (what fits in a path). */
    public static final int MAX_LENGTH = 254;
    private static final int MAX_LOCAL_PART = 64;

    private EmailAddresses() {
    }

    /** The address, if {@code text} is exactly one plain address; otherwise the reason it is not. */
    public static Optional<String> problem(String text) {
        if (text == null || text.isBlank()) {
            return Optional.of("must be an email address");
        }
        if (text.length() > MAX_LENGTH) {
            return Optional.of("must have at most " + MAX_LENGTH + " characters");
        }
        if (text.chars().anyMatch(c -> c < 0x21 || c == 0x7f)) {
            return Optional.of("must be one email address, without spaces or control characters");
        }
        InternetAddress[] parsed;
        try {
            parsed = InternetAddress.parseHeader(text, true);
        } catch (AddressException e) {
            return Optional.of("must be one valid email address (" + e.getMessage() + ")");
        }
        if (parsed.length != 1) {
            return Optional.of("must be exactly one email address, not a list");
        }
        InternetAddress a = parsed[0];
        try {
            a.validate();
        } catch (AddressException e) {
            return Optional.of("must be one valid email address (" + e.getMessage() + ")");
        }
        if (a.isGroup() || a.getPersonal() != null || !text.equals(a.getAddress())) {
            return Optional.of("must be a plain address (local@domain), without a name, comment or group");
        }
        int at = text.lastIndexOf('@');
        if (at <= 0 || at > MAX_LOCAL_PART || text.indexOf('@') != at) {
            return Optional.of("must be one address local@domain with at most " + MAX_LOCAL_PART
                    + " characters before the @");
        }
        String domain = text.substring(at + 1);
        if (!domain.contains(".") || domain.startsWith(".") || domain.endsWith(".") || domain.startsWith("[")) {
            return Optional.of("must have a domain name with a dot after the @");
        }
        return Optional.empty();
    }

    /** Parses an address already accepted by {@link #problem}; throws if it is not one. */
    public static InternetAddress parse(String text) throws AddressException {
        Optional<String> problem = problem(text);
        if (problem.isPresent()) {
            throw new AddressException(problem.get(), text);
        }
        return new InternetAddress(text, true);
    }
}
