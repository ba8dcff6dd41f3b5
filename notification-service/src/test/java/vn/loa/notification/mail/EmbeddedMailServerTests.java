package vn.loa.notification.mail;

import com.icegreen.greenmail.util.GreenMail;
import org.junit.jupiter.api.Test;
import org.springframework.mail.javamail.JavaMailSenderImpl;
import org.springframework.mail.javamail.MimeMessageHelper;

import java.net.ServerSocket;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The local stack's mail server takes SMTP and shows what it received at /api/ops/mailbox. */
class EmbeddedMailServerTests {

    @Test
    void receivesMailOverSmtpAndListsItWithVietnameseIntact() throws Exception {
        GreenMail server = new EmbeddedMailServer().greenMail(freePort(), freePort(), "127.0.0.1");
        server.start();
        try {
            JavaMailSenderImpl sender = new JavaMailSenderImpl();
            sender.setHost("127.0.0.1");
            sender.setPort(server.getSmtp().getPort());
            var message = sender.createMimeMessage();
            var helper = new MimeMessageHelper(message, false, "UTF-8");
            helper.setFrom("thong-bao@loa.local");
            helper.setTo("vhtt@lien-minh.example.vn");
            helper.setSubject("Chậm nộp báo cáo 2022-Q1");
            helper.setText("Báo cáo định kỳ 2022-Q1 của Xã Liên Minh đã quá hạn nộp ngày 10/04/2022.");
            message.setHeader("X-Loa-Delivery-Id", "d-1");
            sender.send(message);

            List<MailboxController.Mail> mails = new MailboxController(server).list("vhtt@lien-minh.example.vn");
            assertThat(mails).hasSize(1);
            assertThat(mails.get(0).subject()).isEqualTo("Chậm nộp báo cáo 2022-Q1");
            assertThat(mails.get(0).text()).contains("Xã Liên Minh đã quá hạn nộp");
            assertThat(mails.get(0).deliveryId()).isEqualTo("d-1");
            assertThat(new MailboxController(server).list("someone@else.vn")).isEmpty();
        } finally {
            server.stop();
        }
    }

    private static int freePort() throws Exception {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
