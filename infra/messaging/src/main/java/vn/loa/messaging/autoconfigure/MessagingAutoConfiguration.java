package vn.loa.messaging.autoconfigure;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.springframework.util.backoff.BackOff;
import org.springframework.util.backoff.FixedBackOff;
import vn.loa.messaging.inbound.DatabaseUnavailable;
import vn.loa.messaging.inbound.TransientDatabaseError;
import org.springframework.util.backoff.ExponentialBackOff;
import java.time.Duration;
import java.util.function.BiFunction;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.micrometer.tracing.Tracer;
import io.micrometer.tracing.propagation.Propagator;
import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.config.TopicConfig;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.kafka.autoconfigure.KafkaConnectionDetails;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.core.env.Environment;
import org.springframework.kafka.config.TopicBuilder;
import org.springframework.kafka.core.KafkaAdmin;
import org.springframework.kafka.listener.CommonErrorHandler;
import org.springframework.kafka.listener.DeadLetterPublishingRecoverer;
import org.springframework.kafka.listener.DefaultErrorHandler;
import org.springframework.kafka.listener.ListenerContainerRegistry;
import org.springframework.kafka.support.ExponentialBackOffWithMaxRetries;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.util.ClassUtils;
import tools.jackson.databind.json.JsonMapper;
import vn.loa.messaging.EventPublisher;
import vn.loa.messaging.InboundEvents;
import vn.loa.messaging.Inbox;
import vn.loa.messaging.InvalidEventException;
import vn.loa.messaging.Topics;
import vn.loa.messaging.deadletter.DeadLetterMetrics;
import vn.loa.messaging.deadletter.DeadLetterReplayer;
import vn.loa.messaging.deadletter.DeadLetterStore;
import vn.loa.messaging.deadletter.RecordingDeadLetterRecoverer;
import vn.loa.messaging.envelope.EnvelopeCodec;
import vn.loa.messaging.inbound.DefaultInboundEvents;
import vn.loa.messaging.inbound.JdbcInbox;
import vn.loa.messaging.outbox.MessagingProducer;
import vn.loa.messaging.outbox.OutboxEventPublisher;
import vn.loa.messaging.outbox.OutboxMonitor;
import vn.loa.messaging.outbox.OutboxParking;
import vn.loa.messaging.outbox.OutboxRelay;
import vn.loa.messaging.tracing.TraceContext;

import javax.sql.DataSource;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The messaging platform of every service: outbox publisher and relay, inbox, typed routes, the
 * consumer error handler with dead letters, and the topic declarations. See infra/messaging/README.md.
 */
@AutoConfiguration(afterName = {
        "org.springframework.boot.jackson.autoconfigure.JacksonAutoConfiguration",
        "org.springframework.boot.kafka.autoconfigure.KafkaAutoConfiguration",
        "org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration",
        "org.springframework.boot.jdbc.autoconfigure.DataSourceTransactionManagerAutoConfiguration",
        "org.springframework.boot.hibernate.autoconfigure.HibernateJpaAutoConfiguration",
        "org.springframework.boot.transaction.autoconfigure.TransactionAutoConfiguration",
        "org.springframework.boot.micrometer.metrics.autoconfigure.CompositeMeterRegistryAutoConfiguration"})
@EnableConfigurationProperties(MessagingProperties.class)
public class MessagingAutoConfiguration {

    /** The {@code outbox} health component, where Spring Boot's health support is present. */
    @org.springframework.context.annotation.Configuration(proxyBeanMethods = false)
    @org.springframework.boot.autoconfigure.condition.ConditionalOnClass(name = "org.springframework.boot.health.contributor.HealthIndicator")
    @org.springframework.boot.health.autoconfigure.contributor.ConditionalOnEnabledHealthIndicator("outbox")
    static class OutboxHealthConfiguration {

        @Bean
        @ConditionalOnMissingBean(name = "outboxHealthIndicator")
        org.springframework.boot.health.contributor.HealthIndicator outboxHealthIndicator(OutboxMonitor monitor) {
            return new OutboxHealthIndicator(monitor);
        }
    }

    /**
     * The {@code kafka} health component: the brokers answer this instance (within
     * {@code loa.messaging.kafka-health.timeout}, default 1.5 s), with the listener containers in the details.
     */
    @org.springframework.context.annotation.Configuration(proxyBeanMethods = false)
    @org.springframework.boot.autoconfigure.condition.ConditionalOnClass(name = "org.springframework.boot.health.contributor.HealthIndicator")
    @org.springframework.boot.health.autoconfigure.contributor.ConditionalOnEnabledHealthIndicator("kafka")
    static class KafkaHealthConfiguration {

        @Bean
        @ConditionalOnMissingBean(name = "kafkaHealthIndicator")
        @org.springframework.boot.autoconfigure.condition.ConditionalOnBean(KafkaAdmin.class)
        org.springframework.boot.health.contributor.HealthIndicator kafkaHealthIndicator(ObjectProvider<KafkaAdmin> kafkaAdmin,
                ObjectProvider<ListenerContainerRegistry> listeners, Environment environment) {
            Duration timeout = environment.getProperty("loa.messaging.kafka-health.timeout", Duration.class, Duration.ofMillis(1500));
            return new KafkaHealthIndicator(() -> org.apache.kafka.clients.admin.Admin.create(
                    kafkaAdmin.getObject().getConfigurationProperties()), timeout, listeners.getIfUnique());
        }
    }

    /** Kafka consumer metrics that follow a rebalance within 15 s, not Micrometer's 60 (see the class). */
    @Bean
    static KafkaClientMetricsRefresh kafkaClientMetricsRefresh(ObjectProvider<MeterRegistry> registry, Environment environment) {
        return new KafkaClientMetricsRefresh(registry,
                environment.getProperty("loa.messaging.metrics.kafka-refresh", Duration.class, Duration.ofSeconds(15)));
    }

    private static final String VALIDATION_EXCEPTION = "jakarta.validation.ValidationException";

    private final MessagingProperties properties;
    private final Environment environment;

    public MessagingAutoConfiguration(MessagingProperties properties, Environment environment) {
        this.properties = properties;
        this.environment = environment;
    }

    private String applicationName() {
        return environment.getProperty("spring.application.name", "application");
    }

    private static MeterRegistry meters(ObjectProvider<MeterRegistry> registry) {
        return registry.getIfAvailable(SimpleMeterRegistry::new);
    }

    @Bean
    @ConditionalOnMissingBean
    EnvelopeCodec loaEnvelopeCodec(ObjectProvider<JsonMapper> mapper, ObjectProvider<Clock> clock) {
        String source = properties.source() != null ? properties.source() : "/" + applicationName();
        return new EnvelopeCodec(mapper.getIfAvailable(() -> JsonMapper.builder().build()), source,
                clock.getIfUnique(Clock::systemDefaultZone));
    }

    @Bean
    @ConditionalOnMissingBean
    TraceContext loaTraceContext(ObjectProvider<Tracer> tracer, ObjectProvider<Propagator> propagator) {
        return new TraceContext(tracer.getIfUnique(), propagator.getIfUnique());
    }

    @Bean
    @ConditionalOnMissingBean
    EventPublisher loaEventPublisher(DataSource dataSource, EnvelopeCodec codec, TraceContext traceContext) {
        return new OutboxEventPublisher(dataSource, codec, traceContext);
    }

    @Bean
    @ConditionalOnMissingBean
    Inbox loaInbox(DataSource dataSource, PlatformTransactionManager transactionManager) {
        return new JdbcInbox(dataSource, transactionManager);
    }

    @Bean
    @ConditionalOnMissingBean
    InboundEvents loaInboundEvents(EnvelopeCodec codec, Inbox inbox, TraceContext traceContext,
                                   ObjectProvider<MeterRegistry> registry) {
        return new DefaultInboundEvents(codec, inbox, traceContext, meters(registry));
    }

    @Bean
    MessagingProducer loaMessagingProducer(KafkaProperties kafkaProperties, KafkaConnectionDetails connectionDetails) {
        Map<String, Object> config = new HashMap<>(kafkaProperties.buildProducerProperties());
        KafkaConnectionDetails.Configuration producer = connectionDetails.getProducer();
        config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, producer.getBootstrapServers());
        if (producer.getSecurityProtocol() != null) {
            config.put(CommonClientConfigs.SECURITY_PROTOCOL_CONFIG, producer.getSecurityProtocol());
        }
        return new MessagingProducer(config, properties.outbox().sendTimeout());
    }

    @Bean
    @ConditionalOnBooleanProperty(name = "loa.messaging.outbox.relay-enabled", matchIfMissing = true)
    OutboxRelay loaOutboxRelay(DataSource dataSource, MessagingProducer producer, EnvelopeCodec codec,
                               ObjectProvider<MeterRegistry> registry) {
        MessagingProperties.Outbox outbox = properties.outbox();
        OutboxRelay relay = new OutboxRelay(dataSource, producer.template(), codec.source(),
                new OutboxRelay.Settings(outbox.batchSize(), outbox.pollInterval(), outbox.sendTimeout(),
                        outbox.maxBackoff(), outbox.listenNotify(), outbox.retention(), outbox.cleanupInterval()),
                meters(registry), "loa-outbox-relay");
        // After a fatal producer error, or sends failing past delivery.timeout.ms, the relay gets a new producer.
        relay.setProducerReset(producer::reset);
        return relay;
    }

    /** Reads the outbox and looks at the relay from outside it: the outbox gauges and health (bound by Spring Boot). */
    @Bean
    @ConditionalOnMissingBean
    OutboxMonitor loaOutboxMonitor(DataSource dataSource, ObjectProvider<OutboxRelay> relay) {
        MessagingProperties.Health health = properties.outbox().health();
        return new OutboxMonitor(dataSource, relay.getIfAvailable(),
                new OutboxMonitor.Thresholds(health.maxPendingAge(), health.maxPassAge()), Duration.ofSeconds(1),
                Clock.systemUTC());
    }

    @Bean
    @ConditionalOnMissingBean
    OutboxParking loaOutboxParking(DataSource dataSource) {
        return new OutboxParking(dataSource);
    }

    @Bean
    DeadLetterStore loaDeadLetterStore(DataSource dataSource) {
        return new DeadLetterStore(dataSource);
    }

    /** The dead letters not replayed yet, as a gauge (bound to the application's registry by Spring Boot). */
    @Bean
    DeadLetterMetrics loaDeadLetterMetrics(DeadLetterStore store) {
        return new DeadLetterMetrics(store, Duration.ofSeconds(10), Clock.systemUTC());
    }

    /**
     * Replays in place: the stored record goes to this service's own listener (found in the listener registry when
     * replaying), its inbox recording the event in the replay's transaction. Nothing is sent to Kafka.
     */
    @Bean
    DeadLetterReplayer loaDeadLetterReplayer(DeadLetterStore store, ObjectProvider<ListenerContainerRegistry> listeners,
                                             PlatformTransactionManager transactionManager) {
        return new DeadLetterReplayer(store, listeners::getIfAvailable, transactionManager);
    }

    /**
     * Retries with a bounded exponential back-off, then publishes to {@code <topic>-dlt} (same
     * partition) and records the dead letter. Records that can never succeed (unreadable, not an
     * envelope, unbindable data, invalid) skip the retries.
     */
    @Bean
    @ConditionalOnMissingBean(CommonErrorHandler.class)
    DefaultErrorHandler loaKafkaErrorHandler(MessagingProducer producer, DeadLetterStore store,
                                             ObjectProvider<JsonMapper> mapper, ObjectProvider<MeterRegistry> registry) {
        // The dead-letter producer: a dead letter is the original record plus headers, it may exceed the event limit.
        DeadLetterPublishingRecoverer publisher = new DeadLetterPublishingRecoverer(producer.deadLetterTemplate(),
                (record, exception) -> new TopicPartition(Topics.deadLetterTopic(record.topic()), record.partition()));
        RecordingDeadLetterRecoverer recoverer = new RecordingDeadLetterRecoverer(publisher, store,
                mapper.getIfAvailable(() -> JsonMapper.builder().build()),
                environment.getProperty("spring.kafka.consumer.group-id", applicationName()), meters(registry));
        MessagingProperties.Consumer consumer = properties.consumer();
        ExponentialBackOffWithMaxRetries backOff = new ExponentialBackOffWithMaxRetries(Math.max(0, consumer.maxAttempts() - 1));
        backOff.setInitialInterval(consumer.initialInterval().toMillis());
        backOff.setMultiplier(consumer.multiplier());
        backOff.setMaxInterval(consumer.maxInterval().toMillis());
        DefaultErrorHandler handler = new DefaultErrorHandler(recoverer, backOff);
        handler.addNotRetryableExceptions(nonRetryable());
        handler.setBackOffFunction(waitForTheDatabase(consumer.maxInterval(), consumer));
        return handler;
    }

    /**
     * While the consumer's own database is unreachable the event is not at fault: retry it every
     * {@code interval} for as long as it takes (the partition waits) instead of dead-lettering it after the
     * usual few attempts. {@code null} keeps the default back-off for every other failure.
     */
    static BiFunction<ConsumerRecord<?, ?>, Exception, BackOff> waitForTheDatabase(Duration interval) {
        return waitForTheDatabase(interval, null);
    }

    /**
     * As {@link #waitForTheDatabase(Duration)}, and a transient database error (deadlock, serialization
     * failure, lock or statement timeout, read-only transaction: {@link TransientDatabaseError}) is retried with
     * the consumer's exponential back-off ({@code initial-interval} × {@code multiplier}, at most
     * {@code max-interval}) without limit: the next attempt usually succeeds, and the event is not at fault.
     */
    static BiFunction<ConsumerRecord<?, ?>, Exception, BackOff> waitForTheDatabase(Duration interval,
                                                                                   MessagingProperties.Consumer consumer) {
        return (record, exception) -> {
            if (DatabaseUnavailable.in(exception)) {
                return new FixedBackOff(interval.toMillis(), FixedBackOff.UNLIMITED_ATTEMPTS);
            }
            if (consumer != null && TransientDatabaseError.in(exception)) {
                ExponentialBackOff backOff = new ExponentialBackOff(consumer.initialInterval().toMillis(), consumer.multiplier());
                backOff.setMaxInterval(consumer.maxInterval().toMillis());
                return backOff;
            }
            return null;
        };
    }

    @SuppressWarnings("unchecked")
    static Class<? extends Exception>[] nonRetryable() {
        List<Class<? extends Exception>> classes = new ArrayList<>(List.of(InvalidEventException.class,
                IllegalArgumentException.class));
        if (ClassUtils.isPresent(VALIDATION_EXCEPTION, MessagingAutoConfiguration.class.getClassLoader())) {
            classes.add((Class<? extends Exception>) ClassUtils.resolveClassName(VALIDATION_EXCEPTION,
                    MessagingAutoConfiguration.class.getClassLoader()));
        }
        return classes.toArray(Class[]::new);
    }

    /**
     * Every topic of {@link Topics} and its dead-letter twin, so that whichever service starts first creates them,
     * with {@code max.message.bytes} agreeing with the producers' {@code max.request.size} (see {@link Topics}).
     * Topics that exist already keep their configuration unless {@code spring.kafka.admin.modify-topic-configs=true}.
     */
    @Bean
    @ConditionalOnBooleanProperty(name = "loa.messaging.topics.declare", matchIfMissing = true)
    KafkaAdmin.NewTopics loaTopics() {
        MessagingProperties.Topics topics = properties.topics();
        List<NewTopic> all = new ArrayList<>();
        for (String topic : Topics.ALL) {
            all.add(TopicBuilder.name(topic).partitions(topics.partitions()).replicas(topics.replicationFactor())
                    .config(TopicConfig.MAX_MESSAGE_BYTES_CONFIG, String.valueOf(Topics.MAX_MESSAGE_BYTES)).build());
            all.add(TopicBuilder.name(Topics.deadLetterTopic(topic)).partitions(topics.partitions())
                    .replicas(topics.replicationFactor())
                    .config(TopicConfig.MAX_MESSAGE_BYTES_CONFIG, String.valueOf(Topics.DEAD_LETTER_MAX_MESSAGE_BYTES)).build());
        }
        return new KafkaAdmin.NewTopics(all.toArray(NewTopic[]::new));
    }
}
