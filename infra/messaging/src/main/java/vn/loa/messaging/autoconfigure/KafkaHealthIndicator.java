package vn.loa.messaging.autoconfigure;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.DescribeClusterOptions;
import org.apache.kafka.common.Node;
import org.apache.kafka.common.TopicPartition;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.kafka.listener.ListenerContainerRegistry;
import org.springframework.kafka.listener.MessageListenerContainer;

import java.time.Duration;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;

/**
 * The {@code kafka} health component: DOWN when no broker answers this instance within {@code timeout}, with each
 * listener container (running, paused, partitions assigned) in the details.
 * <p>
 * Why a question to the brokers rather than the consumers' own state: a consumer cut off by the network keeps
 * polling and gets nothing, exactly as an idle one does, and its group session only expires after
 * {@code session.timeout.ms}; the outbox component sees a producer's cut only once rows wait past their threshold.
 * An admin request over this instance's own connections sees the cut within {@code timeout}. In the overall
 * {@code /actuator/health} only, never in the liveness or readiness group (infra/messaging/README.md, "Health").
 */
public class KafkaHealthIndicator implements HealthIndicator, DisposableBean {

    private final Supplier<Admin> adminFactory;
    private final Duration timeout;
    private final ListenerContainerRegistry listeners;

    private Admin admin;

    /**
     * @param adminFactory creates the admin client on first use (its configuration: the service's own, so the same
     *                     addresses and credentials as its producers and consumers)
     * @param listeners    the listener containers to describe, or null
     */
    public KafkaHealthIndicator(Supplier<Admin> adminFactory, Duration timeout, ListenerContainerRegistry listeners) {
        this.adminFactory = adminFactory;
        this.timeout = timeout;
        this.listeners = listeners;
    }

    @Override
    public Health health() {
        Health.Builder health;
        try {
            Collection<Node> nodes = admin().describeCluster(new DescribeClusterOptions().timeoutMs((int) timeout.toMillis()))
                    .nodes().get(timeout.toMillis() + 500, TimeUnit.MILLISECONDS);
            health = Health.up().withDetail("brokers", nodes.size());
        } catch (TimeoutException | ExecutionException e) {
            health = Health.down().withDetail("error", "no broker answered within " + timeout.toMillis() + " ms");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Health.unknown().withDetail("error", "interrupted").build();
        }
        if (listeners != null) {
            Map<String, Object> containers = new LinkedHashMap<>();
            for (MessageListenerContainer container : listeners.getAllListenerContainers()) {
                Collection<TopicPartition> assigned = container.getAssignedPartitions();
                String name = name(container);
                containers.put(containers.containsKey(name) ? name + " (" + container.getListenerId() + ")" : name, Map.of(
                        "running", container.isRunning(),
                        "paused", container.isContainerPaused(),
                        "partitions", assigned == null ? 0 : assigned.size()));
            }
            if (!containers.isEmpty()) {
                health.withDetail("listeners", containers);
            }
        }
        return health.build();
    }

    /** A listener's own id; for one without (a generated id says nothing to an operator), the topics it reads. */
    private static String name(MessageListenerContainer container) {
        String id = String.valueOf(container.getListenerId());
        String[] topics = container.getContainerProperties().getTopics();
        boolean generated = id.startsWith("org.springframework.kafka.KafkaListenerEndpointContainer#");
        return generated && topics != null && topics.length > 0 ? String.join(",", topics) : id;
    }

    private synchronized Admin admin() {
        if (admin == null) {
            admin = adminFactory.get();
        }
        return admin;
    }

    @Override
    public synchronized void destroy() {
        if (admin != null) {
            admin.close(Duration.ofSeconds(2));
        }
    }
}
