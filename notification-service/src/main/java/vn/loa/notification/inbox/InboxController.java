package vn.loa.notification.inbox;

import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import vn.loa.common.problem.ProblemCode;
import vn.loa.common.problem.Text;
import vn.loa.notification.access.AccessPolicy;
import vn.loa.notification.orgunit.OrgUnits;
import vn.loa.support.security.CurrentUser;
import vn.loa.support.web.ApiException;
import vn.loa.support.web.Paging;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

/** The in-app inbox of the caller's org unit (every unit in it). */
@RestController
@RequestMapping("/api/notifications")
class InboxController {

    record InboxItem(UUID id, String type, UUID eventId, String orgUnit, String unit, String subject, String text,
                     OffsetDateTime createdAt, boolean read, OffsetDateTime readAt) {

        static InboxItem of(InboxEntry e) {
            return new InboxItem(e.id(), e.type(), e.eventId(), e.orgUnit(), e.unit(), e.subject(), e.text(),
                    e.createdAt(), e.read(), e.readAt());
        }
    }

    /**
     * API.md's page {@code {items, page, size, total}}, plus {@code next}: the cursor of the following page (null on
     * the last one). Additive: a client that pages with {@code page} keeps doing so; one that passes
     * {@code after=<next>} pages by keyset, at the same cost however deep it goes.
     */
    record InboxPage(List<InboxItem> items, int page, int size, long total, String next) {
    }

    private final InboxEntries inbox;
    private final AccessPolicy access;
    private final OrgUnits orgUnits;

    InboxController(InboxEntries inbox, AccessPolicy access, OrgUnits orgUnits) {
        this.inbox = inbox;
        this.access = access;
        this.orgUnits = orgUnits;
    }

    /**
     * The caller's org unit's inbox, with that of the units merged into it (EVENTS.md, org-units-merged: their
     * history is the new unit's; their rows keep their own org unit).
     */
    @GetMapping
    InboxPage list(CurrentUser user, @RequestParam(defaultValue = "false") boolean unread,
                   @RequestParam(required = false) Integer page,
                   @RequestParam(required = false) Integer size,
                   @RequestParam(required = false) String after) {
        String orgUnit = access.requireInbox(user);
        Paging paging = Paging.of(page, size);
        InboxEntries.Cursor cursor = null;
        if (after != null && !after.isBlank()) {
            cursor = InboxEntries.Cursor.decode(after)
                    .orElseThrow(() -> ApiException.invalid("after", "field.cursor"));
        }
        List<String> units = orgUnits.withPredecessors(orgUnit);
        List<InboxEntry> rows = inbox.list(units, unread, cursor, (int) paging.offset(), paging.size());
        String next = rows.size() < paging.size() ? null
                : new InboxEntries.Cursor(rows.get(rows.size() - 1).createdAt(), rows.get(rows.size() - 1).id()).encode();
        return new InboxPage(rows.stream().map(InboxItem::of).toList(), paging.page(), paging.size(),
                inbox.count(units, unread), next);
    }

    @PostMapping("/{id}/read")
    ResponseEntity<InboxItem> read(CurrentUser user, @PathVariable UUID id) {
        String orgUnit = access.requireInbox(user);
        InboxEntry entry = inbox.find(id).filter(e -> e.orgUnit().equals(orgUnit)
                        || orgUnits.withPredecessors(orgUnit).contains(e.orgUnit()))
                .orElseThrow(() -> ApiException.of(ProblemCode.NOT_FOUND, "object", Text.of("object.notification", id.toString())));
        inbox.markRead(entry.id());
        return ResponseEntity.ok(InboxItem.of(inbox.find(id).orElseThrow()));
    }
}
