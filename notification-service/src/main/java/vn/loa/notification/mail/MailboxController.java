package vn.loa.notification.mail;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.GreenMailUtil;
import jakarta.mail.Address;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.io.IOException;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** The mails the embedded server received (local stack only; /api/ops/** needs OPERATOR). */
@RestController
@RequestMapping("/api/ops/mailbox")
@ConditionalOnProperty(name = "loa.mail.embedded.enabled", havingValue = "true")
class MailboxController {

    record Mail(List<String> to, String from, String subject, String text, OffsetDateTime receivedAt,
                String deliveryId) {
    }

    private final GreenMail greenMail;

    MailboxController(GreenMail greenMail) {
        this.greenMail = greenMail;
    }

    @GetMapping
    List<Mail> list(@RequestParam(required = false) String to) throws MessagingException, IOException {
        List<Mail> out = new ArrayList<>();
        for (MimeMessage m : greenMail.getReceivedMessages()) {
            List<String> recipients = m.getAllRecipients() == null ? List.of()
                    : Arrays.stream(m.getAllRecipients()).map(Address::toString).toList();
            if (to != null && recipients.stream().noneMatch(r -> r.equalsIgnoreCase(to))) {
                continue;
            }
            String[] deliveryId = m.getHeader("X-Loa-Delivery-Id");
            out.add(new Mail(recipients, m.getFrom() == null ? null : m.getFrom()[0].toString(), m.getSubject(),
                    m.getContent() instanceof String s ? s : GreenMailUtil.getBody(m),
                    m.getReceivedDate() == null ? null : m.getReceivedDate().toInstant().atOffset(ZoneOffset.UTC),
                    deliveryId == null ? null : deliveryId[0]));
        }
        return out;
    }
}
