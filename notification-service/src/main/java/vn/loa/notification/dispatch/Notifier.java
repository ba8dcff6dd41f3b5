package vn.loa.notification.dispatch;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import vn.loa.notification.delivery.DeliveryQueue;
import vn.loa.notification.inbox.InboxEntries;
import vn.loa.notification.notice.Notice;
import vn.loa.notification.recipients.Recipient;
import vn.loa.notification.subscription.Subscription;
import vn.loa.notification.subscription.SubscriptionRepository;
import vn.loa.notification.template.RenderedMessage;
import vn.loa.notification.template.TemplateStore;

import java.util.HashSet;
import java.util.Set;
import java.util.UUID;

/**
 * Turns a notice into inbox entries (in Vietnamese, one per recipient) and deliveries (one per
 * matching subscription, in its language). Runs in the consumer's transaction: the inbox row, the
 * deliveries and the processed event id commit together. Unique keys make a repeat a no-op.
 */
@Service
public class Notifier {

    private static final Logger log = LoggerFactory.getLogger(Notifier.class);

    private final InboxEntries inbox;
    private final SubscriptionRepository subscriptions;
    private final DeliveryQueue deliveries;
    private final TemplateStore templates;

    Notifier(InboxEntries inbox, SubscriptionRepository subscriptions, DeliveryQueue deliveries,
             TemplateStore templates) {
        this.inbox = inbox;
        this.subscriptions = subscriptions;
        this.deliveries = deliveries;
        this.templates = templates;
    }

    @Transactional
    public void notify(Notice notice) {
        Set<UUID> subscriptionsServed = new HashSet<>();
        int entries = 0;
        int queued = 0;
        for (Notice.Addressee a : notice.addressees()) {
            Recipient r = a.recipient();
            RenderedMessage vi = templates.render(notice.type(), TemplateStore.DEFAULT_LANGUAGE, a.model());
            if (inbox.add(notice.eventId(), notice.type(), r, vi)) {
                entries++;
            }
            for (Subscription s : subscriptions.matching(r.orgUnit(), r.unit(), notice.type())) {
                if (!subscriptionsServed.add(s.id())) {
                    continue; // one message per subscription (recipient, channel, target) and event
                }
                RenderedMessage m = templates.render(notice.type(), s.language(), a.model());
                if (deliveries.enqueue(notice, s, a.model(), m)) {
                    queued++;
                }
            }
        }
        log.info("Notice {} {}: {} inbox entries, {} deliveries queued", notice.type(), notice.eventId(), entries, queued);
    }
}
