package vn.loa.messaging.outbox;

import org.apache.kafka.common.InvalidRecordException;
import org.apache.kafka.common.errors.InvalidTopicException;
import org.apache.kafka.common.errors.RecordBatchTooLargeException;
import org.apache.kafka.common.errors.RecordTooLargeException;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.errors.TopicAuthorizationException;

import java.util.List;

/**
 * Tells a send that can never succeed as it is (the row must be parked) from one that may succeed later
 * (the row waits and is retried).
 * <p>
 * Permanent: the record is too large for the producer or the topic, cannot be serialized, names an invalid
 * topic, is refused by the topic's ACLs, or is an invalid record (e.g. no key on a compacted topic). Each
 * is about this row or its topic, and sending it again unchanged gives the same answer, so retrying would
 * only block every row behind it. Once the cause is fixed (a larger limit, an ACL) an operator replays it.
 * <p>
 * Everything else is transient: broker unreachable, timeouts, leader elections, not enough replicas, an
 * unknown topic (it may be being created), and failures of the producer as a whole (cluster authorization,
 * fenced or closed producer), which are not about one row: parking rows one by one would empty the outbox
 * into the parking lot; the relay backs off and the {@code outbox} health shows the backlog instead.
 */
public final class SendFailures {

    private static final List<Class<? extends Throwable>> PERMANENT = List.of(
            RecordTooLargeException.class, RecordBatchTooLargeException.class, SerializationException.class,
            InvalidTopicException.class, TopicAuthorizationException.class, InvalidRecordException.class);

    private SendFailures() {
    }

    /**
     * Failures after which the Kafka client requires the producer to be closed and a new one made (it stays in
     * its fatal state otherwise, refusing every later send): an out-of-order sequence, a fenced or unknown
     * producer, an invalid epoch, a failed authentication, a producer that is closed or that says an earlier
     * idempotent request failed.
     */
    public static boolean requiresNewProducer(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof org.apache.kafka.common.errors.OutOfOrderSequenceException
                    || t instanceof org.apache.kafka.common.errors.ProducerFencedException
                    || t instanceof org.apache.kafka.common.errors.InvalidProducerEpochException
                    || t instanceof org.apache.kafka.common.errors.UnknownProducerIdException
                    || t instanceof org.apache.kafka.common.errors.AuthenticationException
                    || t instanceof org.apache.kafka.common.errors.UnsupportedVersionException) {
                return true;
            }
            String message = t.getMessage() == null ? "" : t.getMessage();
            if ((t instanceof IllegalStateException || t instanceof org.apache.kafka.common.KafkaException)
                    && (message.contains("producer has been closed") || message.contains("previous transactional or idempotent request")
                    || message.contains("fatal error"))) {
                return true;
            }
        }
        return false;
    }

    /** True when {@code failure} or one of its causes says this record can never be sent as it is. */
    public static boolean isPermanent(Throwable failure) {
        return permanentCause(failure) != null;
    }

    /** The cause that makes {@code failure} permanent, or null. */
    static Throwable permanentCause(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            for (Class<? extends Throwable> type : PERMANENT) {
                if (type.isInstance(t)) {
                    return t;
                }
            }
        }
        return null;
    }

    /** A short description for operators: the permanent cause's class and message. */
    static String describe(Throwable failure) {
        Throwable cause = permanentCause(failure);
        Throwable shown = cause != null ? cause : failure;
        String text = shown.getClass().getName() + ": " + shown.getMessage();
        return text.length() <= 2000 ? text : text.substring(0, 2000);
    }
}
