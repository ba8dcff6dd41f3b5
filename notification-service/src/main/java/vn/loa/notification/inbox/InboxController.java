package vn.loa.notification.inbox;

import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
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

    InboxController(InboxEntries inbox) {
        this.inbox = inbox;
    }

    @GetMapping
    PageResponse<InboxItem> list(CurrentUser user, @RequestParam(defaultValue = "false") boolean unread,
                                 @RequestParam(required = false) Integer page,
                                 @RequestParam(required = false) Integer size) {
        Paging paging = Paging.of(page, size);
        String orgUnit = requireOrgUnit(user);
        return new PageResponse<>(inbox.list(orgUnit, unread, (int) paging.offset(), paging.size()).stream()
                .map(InboxItem::of).toList(), paging.page(), paging.size(), inbox.count(orgUnit, unread));
    }

    @PostMapping("/{id}/read")
    ResponseEntity<InboxItem> read(CurrentUser user, @PathVariable UUID id) {
        String orgUnit = requireOrgUnit(user);
        InboxEntry entry = inbox.find(id).filter(e -> e.orgUnit().equals(orgUnit))
                .orElseThrow(() -> ApiException.notFound("Notification " + id + " was not found."));
        inbox.markRead(entry.id());
        return ResponseEntity.ok(InboxItem.of(inbox.find(id).orElseThrow()));
    }

    private static String requireOrgUnit(CurrentUser user) {
        if (user.orgUnit() == null || user.orgUnit().isBlank()) {
            throw ApiException.forbidden("Your token names no org unit, so you have no inbox.");
        }
        return user.orgUnit();
    }
}
