package vn.loa.notification.egress;

import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;

import vn.loa.common.problem.ProblemTexts;
import vn.loa.common.problem.Text;

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
    public static Optional<Text> problem(String text) {
        if (text == null || text.isBlank()) {
            return Optional.of(Text.of("field.email.required"));
        }
        if (text.length() > MAX_LENGTH) {
            return Optional.of(Text.of("field.email.too-long", (long) MAX_LENGTH));
        }
        if (text.chars().anyMatch(c -> c < 0x21 || c == 0x7f)) {
            return Optional.of(Text.of("field.email.spaces"));
        }
        InternetAddress[] parsed;
        try {
            parsed = InternetAddress.parseHeader(text, true);
        } catch (AddressException e) {
            return Optional.of(Text.of("field.email.invalid", e.getMessage()));
        }
        if (parsed.length != 1) {
            return Optional.of(Text.of("field.email.list"));
        }
        InternetAddress a = parsed[0];
        try {
            a.validate();
        } catch (AddressException e) {
            return Optional.of(Text.of("field.email.invalid", e.getMessage()));
        }
        if (a.isGroup() || a.getPersonal() != null || !text.equals(a.getAddress())) {
            return Optional.of(Text.of("field.email.plain"));
        }
        int at = text.lastIndexOf('@');
        if (at <= 0 || at > MAX_LOCAL_PART || text.indexOf('@') != at) {
            return Optional.of(Text.of("field.email.local-part", (long) MAX_LOCAL_PART));
        }
        String domain = text.substring(at + 1);
        if (!domain.contains(".") || domain.startsWith(".") || domain.endsWith(".") || domain.startsWith("[")) {
            return Optional.of(Text.of("field.email.domain"));
        }
        return Optional.empty();
    }

    /** Parses an address already accepted by {@link #problem}; throws (in English, for logs) if it is not one. */
    public static InternetAddress parse(String text) throws AddressException {
        Optional<Text> problem = problem(text);
        if (problem.isPresent()) {
            throw new AddressException(ProblemTexts.shared().resolve(problem.get(), ProblemTexts.ENGLISH), text);
        }
        return new InternetAddress(text, true);
    }
}
