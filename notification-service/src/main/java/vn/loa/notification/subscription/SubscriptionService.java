package vn.loa.notification.subscription;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import vn.loa.notification.egress.EmailAddresses;
import vn.loa.notification.egress.RefusedTargetException;
import vn.loa.notification.egress.WebhookTargets;
import vn.loa.notification.notice.NotificationTypes;
import vn.loa.notification.orgunit.OrgUnit;
import vn.loa.notification.orgunit.OrgUnits;
import vn.loa.notification.template.TemplateStore;
import vn.loa.notification.web.IfMatch;
import vn.loa.support.security.CurrentUser;
import vn.loa.support.security.OrgScope;
import vn.loa.support.security.Roles;
import vn.loa.support.web.ApiException;
import vn.loa.support.web.FieldError;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** Subscriptions are made by the officers of an org unit (or an operator) for that unit or below it. */
@Service
class SubscriptionService {

    record Created(Subscription subscription, String generatedSecret) {
    }

    private final SubscriptionRepository subscriptions;
    private final OrgUnits orgUnits;
    private final WebhookTargets webhookTargets;

    SubscriptionService(SubscriptionRepository subscriptions, OrgUnits orgUnits, WebhookTargets webhookTargets) {
        this.subscriptions = subscriptions;
        this.orgUnits = orgUnits;
        this.webhookTargets = webhookTargets;
    }

    @Transactional
    Created create(CurrentUser user, SubscriptionRequest r) {
        List<FieldError> errors = new ArrayList<>();
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
        if (channel == Subscription.Channel.EMAIL) {
            EmailAddresses.problem(target).ifPresent(p -> errors.add(new FieldError("target", p)));
        }
        List<String> events = r.events() == null ? List.of() : List.copyOf(new LinkedHashSet<>(r.events()));
        for (String e : events) {
            if (!NotificationTypes.ALL.contains(e)) {
                errors.add(new FieldError("events", "unknown type '" + e + "', expected one of " + NotificationTypes.ALL));
            }
        }
        String language = r.language() == null || r.language().isBlank() ? TemplateStore.DEFAULT_LANGUAGE : r.language();
        if (!TemplateStore.LANGUAGES.contains(language)) {
            errors.add(new FieldError("language", "must be one of " + TemplateStore.LANGUAGES));
        }
        if (r.secret() != null && channel == Subscription.Channel.WEBHOOK) {
            WebhookSecrets.problem(r.secret()).ifPresent(p -> errors.add(new FieldError("secret", p)));
        }
        if (r.secret() != null && channel == Subscription.Channel.EMAIL) {
            errors.add(new FieldError("secret", "is for webhooks only"));
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
        if (channel == Subscription.Channel.WEBHOOK) {
            // The SSRF guard, first time: the URL and what its host resolves to now (again at every send).
            try {
                webhookTargets.check(target);
            } catch (RefusedTargetException e) {
                throw ApiException.validation("target", e.getMessage());
            }
        }
        String generated = null;
        String secret = r.secret();
        if (channel == Subscription.Channel.WEBHOOK && secret == null) {
            secret = generated = WebhookSecrets.generate();
        }
        Subscription s = new Subscription(UUID.randomUUID(), r.orgUnit(), path, unit, channel, target, events, secret,
                language, user.username(), OffsetDateTime.now(ZoneOffset.UTC));
        return new Created(subscriptions.saveAndFlush(s), generated);
    }

    @Transactional(readOnly = true)
    Subscription readable(CurrentUser user, UUID id) {
        Subscription s = subscriptions.findById(id)
                .orElseThrow(() -> ApiException.notFound("Subscription " + id + " was not found."));
        OrgScope.requireReadable(user, s.orgUnitPath(), "Subscription " + id);
        return s;
    }

    /** Deleting is a change: it needs the version read ({@code If-Match}), like every change of an aggregate. */
    @Transactional
    void delete(CurrentUser user, UUID id, String ifMatch) {
        Subscription s = readable(user, id);
        requireManageable(user, s.orgUnitPath(), "Subscription " + id);
        IfMatch.require(ifMatch, s.version(), "subscription " + id);
        subscriptions.delete(s);
    }

    @Transactional(readOnly = true)
    List<Subscription> within(String orgUnit, long offset, int limit) {
        return subscriptions.within(orgUnit, offset, limit);
    }

    @Transactional(readOnly = true)
    long countWithin(String orgUnit) {
        return subscriptions.countWithin(orgUnit);
    }

    /** The org unit whose subtree the caller may list: its own (an operator sees everything). */
    static String listScope(CurrentUser user) {
        if (user.orgUnit() == null) {
            throw ApiException.forbidden("Your token names no org unit.");
        }
        return user.orgUnit();
    }

    /** Officers change subscriptions within their scope; operators too (they run the deliveries). */
    private static void requireManageable(CurrentUser user, List<String> path, String what) {
        OrgScope.requireReadable(user, path, what);
        if (!user.canWrite() && !user.hasRole(Roles.OPERATOR)) {
            throw ApiException.forbidden("Your role (" + String.join(", ", user.roles())
                    + ") may read subscriptions but not change them.");
        }
    }
}
