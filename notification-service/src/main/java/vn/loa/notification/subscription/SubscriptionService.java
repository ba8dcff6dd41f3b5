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
import vn.loa.support.web.IfMatch;
import vn.loa.common.problem.FieldText;
import vn.loa.common.problem.ProblemCode;
import vn.loa.common.problem.Text;
import vn.loa.notification.access.AccessPolicy;
import vn.loa.support.security.CurrentUser;
import vn.loa.support.web.ApiException;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** Subscriptions are made by the officers of an org unit for that unit or below it ({@link AccessPolicy}). */
@Service
class SubscriptionService {

    record Created(Subscription subscription, String generatedSecret) {
    }

    private final SubscriptionRepository subscriptions;
    private final OrgUnits orgUnits;
    private final WebhookTargets webhookTargets;
    private final AccessPolicy access;

    SubscriptionService(SubscriptionRepository subscriptions, OrgUnits orgUnits, WebhookTargets webhookTargets,
                        AccessPolicy access) {
        this.subscriptions = subscriptions;
        this.orgUnits = orgUnits;
        this.webhookTargets = webhookTargets;
        this.access = access;
    }

    @Transactional
    Created create(CurrentUser user, SubscriptionRequest r) {
        // the role first: an operator or a viewer learns nothing from the request's faults
        access.requireSubscriptionReader(user);
        List<FieldText> errors = new ArrayList<>();
        Subscription.Channel channel = null;
        try {
            channel = r.channel() == null ? null : Subscription.Channel.valueOf(r.channel());
        } catch (IllegalArgumentException e) {
            // reported below
        }
        if (channel == null) {
            errors.add(FieldText.of("channel", "field.subscription.channel"));
        }
        String target = r.target() == null ? "" : r.target().trim();
        if (channel == Subscription.Channel.EMAIL) {
            EmailAddresses.problem(target).ifPresent(p -> errors.add(new FieldText("target", p)));
        }
        List<String> events = r.events() == null ? List.of() : List.copyOf(new LinkedHashSet<>(r.events()));
        for (String e : events) {
            if (!NotificationTypes.ALL.contains(e)) {
                errors.add(FieldText.of("events", "field.subscription.unknown-event", e, NotificationTypes.ALL.toString()));
            }
        }
        String language = r.language() == null || r.language().isBlank() ? TemplateStore.DEFAULT_LANGUAGE : r.language();
        if (!TemplateStore.LANGUAGES.contains(language)) {
            errors.add(FieldText.of("language", "field.subscription.language", TemplateStore.LANGUAGES.toString()));
        }
        if (r.secret() != null && channel == Subscription.Channel.WEBHOOK) {
            WebhookSecrets.problem(r.secret()).ifPresent(p -> errors.add(new FieldText("secret", p)));
        }
        if (r.secret() != null && channel == Subscription.Channel.EMAIL) {
            errors.add(FieldText.of("secret", "field.subscription.secret-for-webhooks"));
        }
        if (!errors.isEmpty()) {
            throw ApiException.invalid(errors);
        }
        Optional<OrgUnit> org = orgUnits.find(r.orgUnit());
        List<String> path = org.map(OrgUnit::path).filter(p -> !p.isEmpty()).orElse(List.of(r.orgUnit()));
        access.requireSubscriptionManager(user, path, Text.of("object.org-unit", r.orgUnit()));
        String unit = r.unit() == null || r.unit().isBlank() ? null : r.unit();
        if (unit != null && org.isPresent() && !org.get().units().isEmpty() && org.get().unitName(unit).isEmpty()) {
            throw ApiException.invalid("unit", "field.subscription.unit", r.orgUnit());
        }
        if (channel == Subscription.Channel.WEBHOOK) {
            // The SSRF guard, first time: the URL and what its host resolves to now (again at every send).
            try {
                webhookTargets.check(target);
            } catch (RefusedTargetException e) {
                throw ApiException.invalid(List.of(new FieldText("target", e.reason())));
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
        access.requireSubscriptionReader(user);
        Subscription s = subscriptions.findById(id)
                .orElseThrow(() -> ApiException.of(ProblemCode.NOT_FOUND, "object", subscription(id)));
        access.requireReadable(user, s.orgUnitPath(), subscription(id));
        return s;
    }

    /** Deleting is a change: it needs the version read ({@code If-Match}), like every change of an aggregate. */
    @Transactional
    void delete(CurrentUser user, UUID id, String ifMatch) {
        Subscription s = readable(user, id);
        access.requireSubscriptionManager(user, s.orgUnitPath(), subscription(id));
        IfMatch.from(ifMatch).check(s.version(), subscription(id));
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

    private static Text subscription(UUID id) {
        return Text.of("object.subscription", id.toString());
    }
}
