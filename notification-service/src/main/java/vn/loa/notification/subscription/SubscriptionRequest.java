package vn.loa.notification.subscription;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.Size;

import java.util.List;

/**
 * {@code POST /api/subscriptions}. Every field has a maximum (issue 14): the sizes are checked first
 * (400 naming the field and the limit), then the values ({@link SubscriptionService}).
 */
record SubscriptionRequest(
        @NotBlank(message = "is required") @Size(max = 100, message = "must have at most {max} characters")
        String orgUnit,
        @Size(max = 100, message = "must have at most {max} characters")
        String unit,
        @Size(max = 20, message = "must have at most {max} characters")
        String channel,
        /* A URL (2,048, what browsers and proxies reliably carry) or an e-mail address (254, RFC 5321). */
        @Size(max = 2048, message = "must have at most {max} characters")
        String target,
        @NotEmpty(message = "must name at least one notification type")
        @Size(max = 20, message = "must have at most {max} entries")
        List<@Size(max = 40, message = "must have at most {max} characters") String> events,
        @Size(max = WebhookSecrets.MAX_LENGTH, message = "must have at most {max} characters")
        String secret,
        @Size(max = 5, message = "must have at most {max} characters")
        String language) {
}
