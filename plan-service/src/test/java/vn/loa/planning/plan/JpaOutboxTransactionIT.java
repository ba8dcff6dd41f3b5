package vn.loa.planning.plan;

import com.zaxxer.hikari.HikariDataSource;
import jakarta.persistence.EntityManagerFactory;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.orm.ObjectOptimisticLockingFailureException;
import org.springframework.orm.jpa.JpaTransactionManager;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import vn.loa.messaging.EventPublisher;
import vn.loa.planning.PlanServiceITBase;
import vn.loa.planning.events.PlanClosed;

import javax.sql.DataSource;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The outbox row (written by the messaging library with plain JDBC on the same DataSource) joins the JPA
 * transaction: the event and the aggregate's change commit together or roll back together, also when the
 * change fails only at commit (Hibernate's {@code @Version} check at flush).
 */
class JpaOutboxTransactionIT extends PlanServiceITBase {

    @Autowired
    PlatformTransactionManager transactionManager;
    @Autowired
    PlanRepository plans;
    @Autowired
    EventPublisher events;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    DataSource dataSource;
    @Autowired
    EntityManagerFactory entityManagerFactory;

    private long outboxRows(UUID eventId) {
        return jdbc.sql("select count(*) from outbox_event where id = :id").param("id", eventId).query(Long.class).single();
    }

    private PlanClosed someEvent(UUID planId) {
        return new PlanClosed(planId, 1, "lien-minh", List.of("ha-tinh", "duc-tho", "lien-minh"), 2024, "99/KH-UBND",
                OffsetDateTime.parse("2024-12-31T17:00:00+07:00"));
    }

    @Test
    void theTransactionsAreJpaAndTheOutboxSharesTheirConnection() throws Exception {
        assertThat(transactionManager).isInstanceOf(JpaTransactionManager.class);
        assertThat(((JpaTransactionManager) transactionManager).getDataSource()).isSameAs(dataSource);
        // batching as configured: Hibernate batches, the driver rewrites batched inserts
        assertThat(entityManagerFactory.getProperties()).containsEntry("hibernate.jdbc.batch_size", "50")
                .containsEntry("hibernate.order_inserts", "true");
        assertThat(dataSource.unwrap(HikariDataSource.class).getDataSourceProperties()).containsEntry("reWriteBatchedInserts", "true");
    }

    @Test
    void theChangeAndItsEventCommitTogether() throws Exception {
        String id = create(communePlan("lien-minh", 2027), lienMinh());
        TransactionTemplate tx = new TransactionTemplate(transactionManager);
        UUID eventId = tx.execute(s -> {
            Plan p = plans.findById(UUID.fromString(id)).orElseThrow();
            p.edit(2027, p.content().withImplementsPlanId(null), java.time.Instant.now(), "kiem-thu");
            return events.publish(id, id, someEvent(p.id()));
        });
        assertThat(outboxRows(eventId)).isEqualTo(1);
        assertThat(jdbc.sql("select updated_by from plan where id = :id").param("id", UUID.fromString(id)).query(String.class).single())
                .isEqualTo("kiem-thu");
    }

    @Test
    void theEventRollsBackWhenTheChangeFailsAtCommit() throws Exception {
        String id = create(communePlan("lien-minh", 2027), lienMinh());
        UUID planId = UUID.fromString(id);
        TransactionTemplate tx = new TransactionTemplate(transactionManager);
        AtomicReference<UUID> eventId = new AtomicReference<>();
        assertThatThrownBy(() -> tx.executeWithoutResult(s -> {
            Plan p = plans.findById(planId).orElseThrow();
            // another officer's change commits in between (its own transaction, its own connection)
            new TransactionTemplate(transactionManager, new org.springframework.transaction.support.DefaultTransactionDefinition(
                    org.springframework.transaction.TransactionDefinition.PROPAGATION_REQUIRES_NEW))
                    .executeWithoutResult(other -> jdbc.sql("update plan set row_version = row_version + 1, updated_by = 'nguoi-khac' where id = :id")
                            .param("id", planId).update());
            eventId.set(events.publish(id, id, someEvent(planId)));
            p.edit(2027, p.content(), java.time.Instant.now(), "kiem-thu");
            // the stale update is found at flush, when the transaction commits
        })).isInstanceOf(ObjectOptimisticLockingFailureException.class);

        assertThat(outboxRows(eventId.get())).as("the event rolled back with the change").isZero();
        assertThat(jdbc.sql("select updated_by from plan where id = :id").param("id", planId).query(String.class).single())
                .isEqualTo("nguoi-khac");
    }

    @Test
    void theChangeRollsBackWhenTheTransactionDoes() throws Exception {
        String id = create(communePlan("lien-minh", 2027), lienMinh());
        UUID planId = UUID.fromString(id);
        AtomicReference<UUID> eventId = new AtomicReference<>();
        assertThatThrownBy(() -> new TransactionTemplate(transactionManager).executeWithoutResult(s -> {
            Plan p = plans.findById(planId).orElseThrow();
            p.edit(2027, p.content(), java.time.Instant.now(), "kiem-thu");
            plans.flush();
            eventId.set(events.publish(id, id, someEvent(planId)));
            throw new IllegalStateException("something later in the same transaction fails");
        })).isInstanceOf(IllegalStateException.class);
        assertThat(outboxRows(eventId.get())).isZero();
        assertThat(jdbc.sql("select updated_by from plan where id = :id").param("id", planId).query(String.class).single())
                .isEqualTo("lienminh.vhtt");
    }
}
