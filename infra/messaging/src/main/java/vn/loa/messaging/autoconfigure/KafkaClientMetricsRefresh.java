package vn.loa.messaging.autoconfigure;

import java.time.Duration;
import java.util.List;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tag;
import io.micrometer.core.instrument.binder.MeterBinder;
import io.micrometer.core.instrument.binder.kafka.KafkaClientMetrics;
import org.apache.kafka.clients.consumer.Consumer;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.kafka.core.ConsumerFactory;
import org.springframework.kafka.core.DefaultKafkaConsumerFactory;
import org.springframework.kafka.core.MicrometerConsumerListener;
import org.springframework.scheduling.concurrent.ThreadPoolTaskScheduler;

/**
 * Consumer metrics that follow a rebalance within {@code loa.messaging.metrics.kafka-refresh} (15 s) instead of
 * Micrometer's 60 s: its Kafka binder registers a client's new metrics (the lag of a partition just assigned) only
 * when it next looks, so after a replica died its partitions' lag was missing from {@code /actuator/prometheus} for
 * up to a minute, the minute an operator watches it most. Spring Boot's consumer listener is replaced by the same
 * listener with the shorter refresh; consumer factories without it are left alone.
 */
final class KafkaClientMetricsRefresh implements BeanPostProcessor, DisposableBean {

    private final ObjectProvider<MeterRegistry> registry;
    private final Duration refresh;
    private ThreadPoolTaskScheduler scheduler;

    KafkaClientMetricsRefresh(ObjectProvider<MeterRegistry> registry, Duration refresh) {
        this.registry = registry;
        this.refresh = refresh;
    }

    @Override
    public Object postProcessAfterInitialization(Object bean, String beanName) {
        if (bean instanceof DefaultKafkaConsumerFactory<?, ?> factory) {
            replaceListeners(factory);
        }
        return bean;
    }

    private <K, V> void replaceListeners(DefaultKafkaConsumerFactory<K, V> factory) {
        for (ConsumerFactory.Listener<K, V> listener : List.copyOf(factory.getListeners())) {
            // Exactly Boot's listener: a subclass someone configured on purpose stays.
            if (listener.getClass() == MicrometerConsumerListener.class) {
                factory.removeListener(listener);
                factory.addListener(new Refreshing<>(registry.getObject(), scheduler(), refresh));
            }
        }
    }

    private synchronized ThreadPoolTaskScheduler scheduler() {
        if (scheduler == null) {
            scheduler = new ThreadPoolTaskScheduler();
            scheduler.setThreadNamePrefix("kafka-metrics-");
            scheduler.setDaemon(true);
            scheduler.initialize();
        }
        return scheduler;
    }

    @Override
    public synchronized void destroy() {
        if (scheduler != null) {
            scheduler.shutdown();
        }
    }

    static final class Refreshing<K, V> extends MicrometerConsumerListener<K, V> {

        private final Duration refresh;

        Refreshing(MeterRegistry registry, ThreadPoolTaskScheduler scheduler, Duration refresh) {
            super(registry, scheduler);
            this.refresh = refresh;
        }

        @Override
        protected MeterBinder createClientMetrics(Consumer<K, V> consumer, List<Tag> tags) {
            return new KafkaClientMetrics(consumer, tags, scheduler, refresh);
        }
    }
}
