package vn.loa.messaging.autoconfigure;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.web.servlet.DispatcherServlet;
import vn.loa.messaging.deadletter.DeadLetterController;
import vn.loa.messaging.deadletter.DeadLetterReplayer;
import vn.loa.messaging.deadletter.DeadLetterStore;

/** {@code GET /api/ops/dead-letters} and {@code POST /api/ops/dead-letters/{id}/replay} in servlet applications. */
@AutoConfiguration(after = MessagingAutoConfiguration.class)
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@ConditionalOnClass(DispatcherServlet.class)
@ConditionalOnBean(DeadLetterStore.class)
@ConditionalOnBooleanProperty(name = "loa.messaging.dead-letters.web-enabled", matchIfMissing = true)
public class DeadLetterWebAutoConfiguration {

    @Bean
    DeadLetterController loaDeadLetterController(DeadLetterStore store, DeadLetterReplayer replayer) {
        return new DeadLetterController(store, replayer);
    }
}
