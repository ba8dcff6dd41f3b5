package vn.loa.notification.subscription;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import vn.loa.notification.orgunit.OrgUnits;

import java.util.List;
import java.util.Map;

/**
 * What becomes of a closed org unit's subscriptions (EVENTS.md, org-unit-closed and org-units-merged). A merged
 * commune's officers now work for the new commune and hold its tokens: their subscriptions go to the unit that took
 * theirs over (at the end of the successor chain, under its current path), so they keep hearing of their work. A unit
 * closed without a successor hears nothing more: its subscriptions stay as they were, inert, and are reported (a
 * warning naming them by id, as the logs name subscriptions), for an officer of the level above to remove.
 */
@Service
public class SubscriptionTransfers {

    private static final Logger log = LoggerFactory.getLogger(SubscriptionTransfers.class);

    private final SubscriptionRepository subscriptions;
    private final OrgUnits orgUnits;

    SubscriptionTransfers(SubscriptionRepository subscriptions, OrgUnits orgUnits) {
        this.subscriptions = subscriptions;
        this.orgUnits = orgUnits;
    }

    /**
     * Runs in the consumer's transaction; idempotent (a second run finds no subscription left on the closed unit).
     *
     * @return the number of subscriptions transferred
     */
    @Transactional
    public int closed(String code, String successorCode) {
        Map<String, OrgUnits.Current> now = orgUnits.current(List.of(code));
        OrgUnits.Current to = now.get(code);
        if (to == null || to.code().equals(code)) {
            List<Subscription> left = subscriptions.findByOrgUnit(code);
            if (!left.isEmpty()) {
                log.warn("Org unit {} is closed without an active successor{}: its {} subscription(s) {} hear nothing more",
                        code, successorCode == null ? "" : " (successor " + successorCode + " is closed too)",
                        left.size(), left.stream().map(Subscription::id).toList());
            }
            return 0;
        }
        int moved = subscriptions.transfer(code, to.code(), to.path().toArray(String[]::new));
        if (moved > 0) {
            log.info("Org unit {} is closed: its {} subscription(s) now speak for {}", code, moved, to.code());
        }
        return moved;
    }
}
