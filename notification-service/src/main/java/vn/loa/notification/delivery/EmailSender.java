package vn.loa.notification.delivery;

import jakarta.mail.internet.MimeMessage;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.mail.javamail.MimeMessageHelper;
import org.springframework.stereotype.Component;

/** Plain-text UTF-8 mail over SMTP (spring.mail.*). All mail goes through one server: one guard. */
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

    @Override
    public String guardKey(Delivery delivery) {
        return "smtp";
    }

    @Override
    public void send(Delivery d) throws Exception {
        JavaMailSender sender = mail.getIfAvailable();
        if (sender == null) {
            throw new IllegalStateException("no SMTP server configured (spring.mail.host)");
        }
        MimeMessage message = sender.createMimeMessage();
        MimeMessageHelper helper = new MimeMessageHelper(message, false, "UTF-8");
        helper.setFrom(properties.mailFrom());
        helper.setTo(d.target());
        helper.setSubject(d.subject());
        helper.setText(d.body(), false);
        message.setHeader("X-Loa-Delivery-Id", d.id().toString());
        message.setHeader("X-Loa-Event-Type", d.eventType());
        sender.send(message);
    }
}
