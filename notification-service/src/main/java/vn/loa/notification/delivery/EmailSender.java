package vn.loa.notification.delivery;

import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.mail.javamail.MimeMessageHelper;
import org.springframework.stereotype.Component;
import vn.loa.notification.egress.EmailAddresses;

/**
 * Plain-text UTF-8 mail over SMTP (spring.mail.*). The address is parsed strictly again before
 * sending (a row written before the strict check could hold a list): exactly one recipient per mail.
 */
@Component
class EmailSender implements DeliverySender {

    private final ObjectProvider<JavaMailSender> mail;
    private final DeliveryProperties properties;

    EmailSender(ObjectProvider<JavaMailSender> mail, DeliveryProperties properties) {
        this.mail = mail;
        this.properties = properties;
    }

    @Override
    public String channel() {
        return "EMAIL";
    }

    /** All mail goes through one server: its threads are one lane (its breakers are per subscription). */
    @Override
    public String lane(ClaimedDelivery delivery) {
        return "smtp";
    }

    @Override
    public void send(ClaimedDelivery d) throws Exception {
        InternetAddress to;
        try {
            to = EmailAddresses.parse(d.target());
        } catch (AddressException e) {
            throw new PermanentDeliveryFailure("not one email address: " + e.getMessage());
        }
        JavaMailSender sender = mail.getIfAvailable();
        if (sender == null) {
            throw new IllegalStateException("no SMTP server configured (spring.mail.host)");
        }
        MimeMessage message = sender.createMimeMessage();
        MimeMessageHelper helper = new MimeMessageHelper(message, false, "UTF-8");
        helper.setFrom(properties.mailFrom());
        helper.setTo(to);
        helper.setSubject(d.subject());
        helper.setText(d.body(), false);
        message.setHeader("X-Loa-Delivery-Id", d.id().toString());
        message.setHeader("X-Loa-Event-Type", d.eventType());
        sender.send(message);
    }
}
