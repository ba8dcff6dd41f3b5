package vn.loa.notification.mail;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The local stack's mail server: GreenMail in-process (SMTP on 3025, IMAP on 3143), so email works
 * with nothing installed. Every recipient gets a mailbox on first delivery; log in over IMAP with
 * the address as user and password, or list everything at {@code GET /api/ops/mailbox}.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty(name = "loa.mail.embedded.enabled", havingValue = "true")
class EmbeddedMailServer {

    private static final Logger log = LoggerFactory.getLogger(EmbeddedMailServer.class);

    @Bean(initMethod = "start", destroyMethod = "stop")
    GreenMail greenMail(@Value("${loa.mail.embedded.smtp-port:3025}") int smtpPort,
                        @Value("${loa.mail.embedded.imap-port:3143}") int imapPort,
                        @Value("${loa.mail.embedded.bind-address:127.0.0.1}") String bindAddress) {
        log.info("Embedded mail server: SMTP {}:{}, IMAP {}:{}", bindAddress, smtpPort, bindAddress, imapPort);
        return new GreenMail(new ServerSetup[]{
                new ServerSetup(smtpPort, bindAddress, ServerSetup.PROTOCOL_SMTP),
                new ServerSetup(imapPort, bindAddress, ServerSetup.PROTOCOL_IMAP)});
    }
}
