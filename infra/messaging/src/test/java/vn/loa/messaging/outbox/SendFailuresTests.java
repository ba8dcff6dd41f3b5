package vn.loa.messaging.outbox;

import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.errors.ClusterAuthorizationException;
import org.apache.kafka.common.errors.InvalidTopicException;
import org.apache.kafka.common.errors.NetworkException;
import org.apache.kafka.common.errors.NotEnoughReplicasException;
import org.apache.kafka.common.errors.RecordTooLargeException;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.errors.TopicAuthorizationException;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;
import org.junit.jupiter.api.Test;
import org.springframework.kafka.core.KafkaProducerException;

import java.util.Set;
import java.util.concurrent.ExecutionException;

import static org.assertj.core.api.Assertions.assertThat;

class SendFailuresTests {

    private static Exception asTheTemplateReportsIt(Exception cause) {
        return new ExecutionException(new KafkaProducerException(new ProducerRecord<>("loa.activity.events", "k", "v"),
                "Failed to send", cause));
    }

    @Test
    void aRecordKafkaCanNeverTakeAsItIsIsPermanent() {
        assertThat(SendFailures.isPermanent(asTheTemplateReportsIt(new RecordTooLargeException(
                "The message is 1412345 bytes when serialized which is larger than 1048576")))).isTrue();
        assertThat(SendFailures.isPermanent(asTheTemplateReportsIt(new SerializationException("cannot serialize")))).isTrue();
        assertThat(SendFailures.isPermanent(asTheTemplateReportsIt(new InvalidTopicException("bad topic name")))).isTrue();
        assertThat(SendFailures.isPermanent(asTheTemplateReportsIt(new TopicAuthorizationException(Set.of("loa.activity.events")))))
                .isTrue();
        assertThat(SendFailures.describe(asTheTemplateReportsIt(new RecordTooLargeException("larger than 1048576"))))
                .isEqualTo("org.apache.kafka.common.errors.RecordTooLargeException: larger than 1048576");
    }

    @Test
    void outagesAndFailuresOfTheProducerAsAWholeAreTransient() {
        assertThat(SendFailures.isPermanent(asTheTemplateReportsIt(new TimeoutException("Expiring 3 record(s)")))).isFalse();
        assertThat(SendFailures.isPermanent(asTheTemplateReportsIt(new NetworkException("disconnected")))).isFalse();
        assertThat(SendFailures.isPermanent(asTheTemplateReportsIt(new NotEnoughReplicasException("isr")))).isFalse();
        assertThat(SendFailures.isPermanent(asTheTemplateReportsIt(new UnknownTopicOrPartitionException("creating")))).isFalse();
        // Not about one row: parking row after row would empty the outbox into the parking lot.
        assertThat(SendFailures.isPermanent(asTheTemplateReportsIt(new ClusterAuthorizationException("no IDEMPOTENT_WRITE"))))
                .isFalse();
        assertThat(SendFailures.isPermanent(new IllegalStateException("producer closed"))).isFalse();
    }

    @Test
    void fatalProducerErrorsRequireANewProducerAndOutagesDoNot() {
        assertThat(SendFailures.requiresNewProducer(asTheTemplateReportsIt(
                new org.apache.kafka.common.errors.OutOfOrderSequenceException("sequence")))).isTrue();
        assertThat(SendFailures.requiresNewProducer(asTheTemplateReportsIt(
                new org.apache.kafka.common.errors.ProducerFencedException("fenced")))).isTrue();
        assertThat(SendFailures.requiresNewProducer(new IllegalStateException(
                "Cannot perform operation after producer has been closed"))).isTrue();
        assertThat(SendFailures.requiresNewProducer(asTheTemplateReportsIt(new TimeoutException("Expiring 3 record(s)")))).isFalse();
        assertThat(SendFailures.requiresNewProducer(asTheTemplateReportsIt(new NotEnoughReplicasException("isr")))).isFalse();
        assertThat(SendFailures.requiresNewProducer(asTheTemplateReportsIt(new NetworkException("disconnected")))).isFalse();
    }
}
