package vn.loa.messaging.it;

import jakarta.persistence.EntityManager;
import org.hibernate.Session;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.orm.jpa.JpaTransactionManager;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import vn.loa.messaging.EventPublisher;
import vn.loa.messaging.Inbox;

import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Services run on Spring Data JPA with a {@link JpaTransactionManager}: the outbox row and the inbox row are
 * written on the connection of the JPA transaction, so they commit and roll back with the entities.
 */
class JpaTransactionIT extends MessagingIntegrationTest {

    @Autowired
    PlatformTransactionManager transactionManager;
    @Autowired
    EntityManager entityManager;
    @Autowired
    EventPublisher publisher;
    @Autowired
    Inbox inbox;
    @Autowired
    ThingRepository thingRepository;
    @Autowired
    EffectRepository effectRepository;

    @Test
    void theOutboxRowIsWrittenInTheJpaTransactionOnItsConnection() {
        assertThat(transactionManager).isInstanceOf(JpaTransactionManager.class);
        TransactionTemplate tx = new TransactionTemplate(transactionManager);
        UUID thingId = UUID.randomUUID();

        UUID eventId = tx.execute(status -> {
            thingRepository.saveAndFlush(new Thing(thingId, "Thông báo lịch tiếp công dân"));
            long hibernateBackend = entityManager.unwrap(Session.class).doReturningWork(c -> backendPid(c));
            long hibernateTx = entityManager.unwrap(Session.class).doReturningWork(c -> txid(c));
            UUID id = publisher.publish("jpa-" + thingId, thingId.toString(), ThingHappened.ok(thingId.toString(), "jpa"));
            // The outbox insert ran in the same server process and transaction as Hibernate's flush.
            assertThat(jdbc.queryForObject("select pg_backend_pid()", Long.class)).isEqualTo(hibernateBackend);
            assertThat(jdbc.queryForObject("select txid_current_if_assigned()", Long.class)).isEqualTo(hibernateTx);
            return id;
        });
        assertThat(outboxRows(eventId)).isEqualTo(1);

        UUID rolledBackThing = UUID.randomUUID();
        UUID[] rolledBackEvent = new UUID[1];
        assertThatThrownBy(() -> tx.executeWithoutResult(status -> {
            thingRepository.save(new Thing(rolledBackThing, "rolled back"));
            rolledBackEvent[0] = publisher.publish("jpa-" + rolledBackThing, rolledBackThing.toString(),
                    ThingHappened.ok(rolledBackThing.toString(), "rolled back"));
            throw new IllegalStateException("the change fails after the event was written");
        })).isInstanceOf(IllegalStateException.class);
        assertThat(thingRepository.existsById(rolledBackThing)).isFalse();
        assertThat(outboxRows(rolledBackEvent[0])).isZero();
    }

    @Test
    void theInboxRowAndAJpaEffectCommitOrRollBackTogetherAndJoinAnOuterJpaTransaction() {
        UUID failing = UUID.randomUUID();
        assertThatThrownBy(() -> inbox.processOnce("jpa-consumer", failing, () -> {
            effectRepository.saveAndFlush(new Effect(failing, "jpa-consumer", "hiệu ứng"));
            throw new IllegalStateException("the effect fails");
        })).isInstanceOf(IllegalStateException.class);
        assertThat(effectsOf(failing)).isZero();
        assertThat(jdbc.queryForObject("select count(*) from processed_event where event_id = ?", Integer.class, failing)).isZero();

        // Called inside a JPA transaction of the caller, the inbox joins it: both roll back with it.
        TransactionTemplate tx = new TransactionTemplate(transactionManager);
        UUID joined = UUID.randomUUID();
        assertThatThrownBy(() -> tx.executeWithoutResult(status -> {
            assertThat(inbox.processOnce("jpa-consumer", joined,
                    () -> effectRepository.save(new Effect(joined, "jpa-consumer", "hiệu ứng")))).isTrue();
            throw new IllegalStateException("the caller's transaction fails afterwards");
        })).isInstanceOf(IllegalStateException.class);
        assertThat(effectsOf(joined)).isZero();
        assertThat(jdbc.queryForObject("select count(*) from processed_event where event_id = ?", Integer.class, joined)).isZero();

        assertThat(inbox.processOnce("jpa-consumer", joined,
                () -> effectRepository.save(new Effect(joined, "jpa-consumer", "hiệu ứng")))).isTrue();
        assertThat(inbox.processOnce("jpa-consumer", joined,
                () -> effectRepository.save(new Effect(joined, "jpa-consumer", "lần hai")))).isFalse();
        assertThat(effectsOf(joined)).isEqualTo(1);
    }

    private static long backendPid(java.sql.Connection c) throws java.sql.SQLException {
        try (var s = c.createStatement(); var rs = s.executeQuery("select pg_backend_pid()")) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private static long txid(java.sql.Connection c) throws java.sql.SQLException {
        try (var s = c.createStatement(); var rs = s.executeQuery("select txid_current()")) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
