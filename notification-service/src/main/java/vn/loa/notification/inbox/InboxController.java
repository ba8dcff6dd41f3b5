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
import vn.loa.support.security.CurrentUser;
import vn.loa.support.web.ApiException;
import vn.loa.support.web.PageResponse;
import vn.loa.support.web.Paging;

import java.time.OffsetDateTime;
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

    private final InboxEntries inbox;
    private final AccessPolicy access;

    InboxController(InboxEntries inbox, AccessPolicy access) {
        this.inbox = inbox;
        this.access = access;
    }

    @GetMapping
    PageResponse<InboxItem> list(CurrentUser user, @RequestParam(defaultValue = "false") boolean unread,
                                 @RequestParam(required = false) Integer page,
                                 @RequestParam(required = false) Integer size) {
        String orgUnit = access.requireInbox(user);
        Paging paging = Paging.of(page, size);
        return new PageResponse<>(inbox.list(orgUnit, unread, (int) paging.offset(), paging.size()).stream()
                .map(InboxItem::of).toList(), paging.page(), paging.size(), inbox.count(orgUnit, unread));
    }

    @PostMapping("/{id}/read")
    ResponseEntity<InboxItem> read(CurrentUser user, @PathVariable UUID id) {
        String orgUnit = access.requireInbox(user);
        InboxEntry entry = inbox.find(id).filter(e -> e.orgUnit().equals(orgUnit))
                .orElseThrow(() -> ApiException.of(ProblemCode.NOT_FOUND, "object", Text.of("object.notification", id.toString())));
        inbox.markRead(entry.id());
        return ResponseEntity.ok(InboxItem.of(inbox.find(id).orElseThrow()));
    }
}
