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
import vn.loa.messaging.outbox.OutboxMonitor;
import vn.loa.messaging.outbox.OutboxParking;
import vn.loa.messaging.outbox.OutboxParkingController;

/**
 * The operators' endpoints in servlet applications: {@code GET /api/ops/dead-letters},
 * {@code POST /api/ops/dead-letters/{id}/replay}, and beside them {@code GET /api/ops/outbox/parked},
 * {@code POST /api/ops/outbox/parked/{id}/replay}.
 */
@AutoConfiguration(after = MessagingAutoConfiguration.class)
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@ConditionalOnClass(DispatcherServlet.class)
@ConditionalOnBean(DeadLetterStore.class)
public class DeadLetterWebAutoConfiguration {

    @Bean
    @ConditionalOnBooleanProperty(name = "loa.messaging.dead-letters.web-enabled", matchIfMissing = true)
    DeadLetterController loaDeadLetterController(DeadLetterStore store, DeadLetterReplayer replayer) {
        return new DeadLetterController(store, replayer);
    }

    @Bean
    @ConditionalOnBooleanProperty(name = "loa.messaging.outbox.web-enabled", matchIfMissing = true)
    OutboxParkingController loaOutboxParkingController(OutboxParking parking, OutboxMonitor monitor) {
        return new OutboxParkingController(parking, monitor);
    }
}
