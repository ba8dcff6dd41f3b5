package vn.loa.notification.subscription;

import org.springframework.stereotype.Service;
import vn.loa.notification.dispatch.NotificationTypes;
import vn.loa.notification.orgunit.OrgUnit;
import vn.loa.notification.orgunit.OrgUnits;
import vn.loa.notification.template.TemplateStore;
import vn.loa.support.security.CurrentUser;
import vn.loa.support.security.OrgScope;
import vn.loa.support.security.Roles;
import vn.loa.support.web.ApiException;
import vn.loa.support.web.FieldError;

import java.net.URI;
import java.security.SecureRandom;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Pattern;

/** Subscriptions are made by the officers of an org unit (or an operator) for that unit or below it. */
@Service
class SubscriptionService {

    record Created(Subscription subscription, String generatedSecret) {
    }

    private static final Pattern EMAIL = Pattern.compile("^[^@\\s]+@[^@\\s]+\\.[^@\\s]+$");
    private static final SecureRandom RANDOM = new SecureRandom();

    private final Subscriptions subscriptions;
    private final OrgUnits orgUnits;

    SubscriptionService(Subscriptions subscriptions, OrgUnits orgUnits) {
        this.subscriptions = subscriptions;
        this.orgUnits = orgUnits;
    }

    Created create(CurrentUser user, SubscriptionController.SubscriptionRequest r) {
        List<FieldError> errors = new ArrayList<>();
        if (r.orgUnit() == null || r.orgUnit().isBlank()) {
            errors.add(new FieldError("orgUnit", "is required"));
        }
        Subscription.Channel channel = null;
        try {
            channel = r.channel() == null ? null : Subscription.Channel.valueOf(r.channel());
        } catch (IllegalArgumentException e) {
            // reported below
        }
        if (channel == null) {
            errors.add(new FieldError("channel", "must be EMAIL or WEBHOOK"));
        }
        String target = r.target() == null ? "" : r.target().trim();
        if (channel == Subscription.Channel.EMAIL && !EMAIL.matcher(target).matches()) {
            errors.add(new FieldError("target", "must be an email address"));
        }
        if (channel == Subscription.Channel.WEBHOOK && !isHttpUrl(target)) {
            errors.add(new FieldError("target", "must be an absolute http or https URL"));
        }
        List<String> events = r.events() == null ? List.of() : List.copyOf(new LinkedHashSet<>(r.events()));
        if (events.isEmpty()) {
            errors.add(new FieldError("events", "must name at least one of " + NotificationTypes.ALL));
        }
        for (String e : events) {
            if (!NotificationTypes.ALL.contains(e)) {
                errors.add(new FieldError("events", "unknown type '" + e + "', expected one of " + NotificationTypes.ALL));
            }
        }
        String language = r.language() == null || r.language().isBlank() ? TemplateStore.DEFAULT_LANGUAGE : r.language();
        if (!TemplateStore.LANGUAGES.contains(language)) {
            errors.add(new FieldError("language", "must be one of " + TemplateStore.LANGUAGES));
        }
        if (r.secret() != null && r.secret().length() < 16) {
            errors.add(new FieldError("secret", "must have at least 16 characters"));
        }
        if (!errors.isEmpty()) {
            throw ApiException.validation(errors);
        }
        Optional<OrgUnit> org = orgUnits.find(r.orgUnit());
        List<String> path = org.map(OrgUnit::path).filter(p -> !p.isEmpty()).orElse(List.of(r.orgUnit()));
        requireManageable(user, path, "Org unit " + r.orgUnit());
        String unit = r.unit() == null || r.unit().isBlank() ? null : r.unit();
        if (unit != null && org.isPresent() && !org.get().units().isEmpty() && org.get().unitName(unit).isEmpty()) {
            throw ApiException.validation("unit", "is not a unit of " + r.orgUnit());
        }
        String generated = null;
        String secret = r.secret();
        if (channel == Subscription.Channel.WEBHOOK && secret == null) {
            byte[] bytes = new byte[32];
            RANDOM.nextBytes(bytes);
            secret = generated = HexFormat.of().formatHex(bytes);
        }
        Subscription s = new Subscription(UUID.randomUUID(), r.orgUnit(), path, unit, channel, target, events, secret,
                language, user.username(), OffsetDateTime.now(ZoneOffset.UTC));
        subscriptions.insert(s);
        return new Created(subscriptions.find(s.id()).orElseThrow(), generated);
    }

    Subscription readable(CurrentUser user, UUID id) {
        Subscription s = subscriptions.find(id)
                .orElseThrow(() -> ApiException.notFound("Subscription " + id + " was not found."));
        OrgScope.requireReadable(user, s.orgUnitPath(), "Subscription " + id);
        return s;
    }

    void delete(CurrentUser user, UUID id) {
        Subscription s = readable(user, id);
        requireManageable(user, s.orgUnitPath(), "Subscription " + id);
        subscriptions.delete(id);
    }

    /** The org unit whose subtree the caller may list: its own (an operator sees everything). */
    static String listScope(CurrentUser user) {
        if (user.orgUnit() == null) {
            throw ApiException.forbidden("Your token names no org unit.");
        }
        return user.orgUnit();
    }

    private static void requireManageable(CurrentUser user, List<String> path, String what) {
        OrgScope.requireReadable(user, path, what);
        if (!user.canWrite() && !user.hasRole(Roles.OPERATOR)) {
            throw ApiException.forbidden("Your role (" + String.join(", ", user.roles())
                    + ") may read subscriptions but not change them.");
        }
    }

    private static boolean isHttpUrl(String s) {
        try {
            URI uri = URI.create(s);
            return uri.isAbsolute() && uri.getHost() != null
                    && ("http".equals(uri.getScheme()) || "https".equals(uri.getScheme()));
        } catch (IllegalArgumentException e) {
            return false;
        }
    }
}
