package vn.loa.notification.subscription;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.Size;

import java.util.List;

/**
 * {@code POST /api/subscriptions}. Every field has a maximum (issue 14): the sizes are checked first
 * (400 naming the field and the limit, in the caller's language: service-support's ConstraintMessages), then the
 * values ({@link SubscriptionService}).
 */
record SubscriptionRequest(
        @NotBlank @Size(max = 100) String orgUnit,
        @Size(max = 100) String unit,
        @Size(max = 20) String channel,
        /* A URL (2,048, what browsers and proxies reliably carry) or an e-mail address (254, RFC 5321). */
        @Size(max = 2048) String target,
        @NotEmpty(message = "{field.subscription.events-required}") @Size(max = 20) List<@Size(max = 40) String> events,
        @Size(max = WebhookSecrets.MAX_LENGTH) String secret,
        @Size(max = 5) String language) {
}
