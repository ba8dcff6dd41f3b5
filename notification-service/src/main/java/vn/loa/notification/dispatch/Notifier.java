package vn.loa.notification.dispatch;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import vn.loa.notification.delivery.DeliveryQueue;
import vn.loa.notification.inbox.InboxEntries;
import vn.loa.notification.notice.Notice;
import vn.loa.notification.notice.NotificationTypes;
import vn.loa.notification.orgunit.OrgUnits;
import vn.loa.notification.recipients.Recipient;
import vn.loa.notification.subscription.Subscription;
import vn.loa.notification.subscription.SubscriptionRepository;
import vn.loa.notification.template.RenderedMessage;
import vn.loa.notification.template.TemplateStore;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;

/**
 * Turns a notice into inbox entries (in Vietnamese, one per recipient) and deliveries (one per
 * matching subscription, in its language). Runs in the consumer's transaction: the inbox row, the
 * deliveries and the processed event id commit together. Unique keys make a repeat a no-op.
 *
 * <p>A fixed number of statements per notice, whatever its number of addressees (issue 17.5): one for where the
 * addressees' org units stand now, one for the subscriptions of all of them, one for all the inbox rows; then one
 * insert per matching subscription.
 *
 * <p>Addressees follow the current tree (EVENTS.md, org-unit-closed / org-units-merged): a notice for a closed unit
 * goes to the unit that took it over (a merged commune's news reach the new commune), with the same unit inside it;
 * a closed unit without a successor hears nothing more, and neither does any closed unit hear a reminder (nothing is
 * expected of it from its closing day).
 */
@Service
public class Notifier {

    private static final Logger log = LoggerFactory.getLogger(Notifier.class);
    private static final Set<String> REMINDERS = Set.of(NotificationTypes.ACTIVITY_DUE_SOON,
            NotificationTypes.REPORT_DUE_SOON, NotificationTypes.REPORT_LATE);

    private final InboxEntries inbox;
    private final SubscriptionRepository subscriptions;
    private final DeliveryQueue deliveries;
    private final TemplateStore templates;
    private final OrgUnits orgUnits;

    Notifier(InboxEntries inbox, SubscriptionRepository subscriptions, DeliveryQueue deliveries,
             TemplateStore templates, OrgUnits orgUnits) {
        this.inbox = inbox;
        this.subscriptions = subscriptions;
        this.deliveries = deliveries;
        this.templates = templates;
        this.orgUnits = orgUnits;
    }

    @Transactional
    public void notify(Notice notice) {
        List<Notice.Addressee> addressees = current(notice);
        if (addressees.isEmpty()) {
            log.info("Notice {} {}: no addressee (closed org units)", notice.type(), notice.eventId());
            return;
        }
        Set<String> orgUnitCodes = new LinkedHashSet<>();
        addressees.forEach(a -> orgUnitCodes.add(a.recipient().orgUnit()));
        List<Subscription> candidates = subscriptions.matchingAny(orgUnitCodes, notice.type());

        List<InboxEntries.NewEntry> entries = new ArrayList<>();
        Set<UUID> subscriptionsServed = new HashSet<>();
        int queued = 0;
        for (Notice.Addressee a : addressees) {
            Recipient r = a.recipient();
            entries.add(new InboxEntries.NewEntry(r,
                    templates.render(notice.type(), TemplateStore.DEFAULT_LANGUAGE, a.model())));
            for (Subscription s : candidates) {
                if (!s.orgUnit().equals(r.orgUnit()) || (s.unit() != null && !s.unit().equals(r.unit()))) {
                    continue;
                }
                if (!subscriptionsServed.add(s.id())) {
                    continue; // one message per subscription (recipient, channel, target) and event
                }
                RenderedMessage m = templates.render(notice.type(), s.language(), a.model());
                if (deliveries.enqueue(notice, s, a.model(), m)) {
                    queued++;
                }
            }
        }
        int added = inbox.addAll(notice.eventId(), notice.type(), entries);
        log.info("Notice {} {}: {} inbox entries, {} deliveries queued", notice.type(), notice.eventId(), added, queued);
    }

    /** The addressees as the current tree has them: closed units replaced by their successors, or left out. */
    private List<Notice.Addressee> current(Notice notice) {
        Set<String> codes = new LinkedHashSet<>();
        notice.addressees().forEach(a -> codes.add(a.recipient().orgUnit()));
        Map<String, OrgUnits.Current> now = orgUnits.current(codes);
        boolean reminder = REMINDERS.contains(notice.type());
        Map<String, Notice.Addressee> out = new LinkedHashMap<>();
        for (Notice.Addressee a : notice.addressees()) {
            Recipient r = a.recipient();
            OrgUnits.Current c = now.get(r.orgUnit());
            boolean closed = c == null || !c.code().equals(r.orgUnit());
            if (c == null || (closed && reminder)) {
                log.info("Notice {} {}: {} is closed, not told", notice.type(), notice.eventId(), r.key());
                continue;
            }
            Recipient to = closed ? new Recipient(c.code(), r.unit(), c.path()) : r;
            if (closed) {
                log.info("Notice {} {}: {} is closed, told {} instead", notice.type(), notice.eventId(), r.key(), to.key());
            }
            out.putIfAbsent(Objects.requireNonNull(to.key()), new Notice.Addressee(to, a.model()));
        }
        return List.copyOf(out.values());
    }
}
