package vn.loa.notification;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.context.annotation.Primary;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.servlet.MockMvc;
import tools.jackson.databind.json.JsonMapper;
import vn.loa.notification.egress.HostResolver;
import vn.loa.testsupport.LoaIntegrationTest;
import vn.loa.testsupport.MutableClock;
import vn.loa.testsupport.TestTokens;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;

/**
 * One Spring context for all notification ITs: real PostgreSQL and Kafka (test-support), a real SMTP
 * server (GreenMail) and a real HTTP receiver (WireMock), both on free ports; a clock the tests move.
 * Each test uses org units, targets and ids of its own, so tests do not depend on each other.
 */
@LoaIntegrationTest(properties = {
        "loa.delivery.poll-interval=50ms",
        "loa.delivery.initial-delay=0s",
        "loa.delivery.initial-backoff=200ms",
        "loa.delivery.backoff-multiplier=2",
        "loa.delivery.max-backoff=1s",
        "loa.delivery.max-attempts=4",
        "loa.delivery.request-timeout=3s",
        "loa.delivery.connect-timeout=2s",
        "loa.delivery.sliding-window-size=4",
        "loa.delivery.minimum-number-of-calls=4",
        "loa.delivery.wait-in-open-state=1s",
        "loa.delivery.half-open-calls=1",
        // a lease the at-least-once test can wait out (a send whose outcome was not recorded comes back)
        "loa.delivery.lease=10s",
        // the receivers of these tests (WireMock, the Node verifier) listen on loopback
        "loa.webhooks.allowed-networks=127.0.0.0/8,::1/128",
        "loa.reminders.initial-delay=1h",
        "spring.kafka.consumer.auto-offset-reset=earliest",
        // the entities against the migrated schema: checked here, once per build, not at every start of the service
        "spring.jpa.hibernate.ddl-auto=validate",
        // seen by the resource-server auto-configuration (a registrar's property comes too late for its condition)
        "spring.security.oauth2.resourceserver.jwt.public-key-location=classpath:test-only-keys/loa-test-jwt-public.pem"})
@AutoConfigureMockMvc
@Import(NotificationIT.TestClockConfiguration.class)
public abstract class NotificationIT {

    protected static final GreenMail MAIL = new GreenMail(new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_SMTP).dynamicPort());
    protected static final WireMockServer RECEIVER = new WireMockServer(options().dynamicPort().bindAddress("127.0.0.1").containerThreads(50));
    private static KafkaProducer<String, String> producer;

    static {
        MAIL.start();
        RECEIVER.start();
    }

    @DynamicPropertySource
    static void mailServer(DynamicPropertyRegistry registry) {
        registry.add("spring.mail.host", () -> "127.0.0.1");
        registry.add("spring.mail.port", () -> MAIL.getSmtp().getPort());
    }

    /** The names webhook targets resolve to in these tests: no lookup ever leaves the machine. */
    protected static final TestHostResolver HOSTS = new TestHostResolver();

    @TestConfiguration
    static class TestClockConfiguration {

        @Bean
        @Primary
        MutableClock testClock() {
            return new MutableClock(Instant.parse("2022-03-01T02:00:00Z"));
        }

        @Bean
        @Primary
        HostResolver testHostResolver() {
            return HOSTS;
        }
    }

    /**
     * A commune officer of {@code orgUnit}: who makes the subscriptions of a commune (an operator reads and makes none,
     * least privilege).
     */
    protected static String officerOf(String orgUnit) {
        return TestTokens.bearer("vhtt." + orgUnit, "COMMUNE_OFFICER", orgUnit);
    }

    @Autowired
    protected MockMvc mvc;
    @Autowired
    protected JdbcClient jdbc;
    @Autowired
    protected JsonMapper json;
    @Autowired
    protected MutableClock clock;
    @Value("${spring.kafka.bootstrap-servers}")
    String bootstrapServers;

    @AfterAll
    static void closeProducer() {
        if (producer != null) {
            producer.close(Duration.ofSeconds(5));
            producer = null;
        }
    }

    /** Publishes a CloudEvents envelope the way the producers' outbox relays do; returns its id. */
    protected UUID publish(String topic, String key, String type, String subject, Object data) {
        return publish(UUID.randomUUID(), topic, key, type, subject, data);
    }

    protected UUID publish(UUID id, String topic, String key, String type, String subject, Object data) {
        Map<String, Object> envelope = new LinkedHashMap<>();
        envelope.put("specversion", "1.0");
        envelope.put("id", id.toString());
        envelope.put("source", "/it");
        envelope.put("type", type);
        envelope.put("subject", subject);
        envelope.put("time", OffsetDateTime.now().toString());
        envelope.put("dataversion", 1);
        envelope.put("datacontenttype", "application/json");
        envelope.put("data", data);
        String value = json.writeValueAsString(envelope);
        ProducerRecord<String, String> record = new ProducerRecord<>(topic, key, value);
        record.headers().add("ce_id", id.toString().getBytes());
        record.headers().add("ce_type", type.getBytes());
        record.headers().add("ce_source", "/it".getBytes());
        record.headers().add("ce_specversion", "1.0".getBytes());
        try {
            producer().send(record).get();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
        return id;
    }

    private synchronized KafkaProducer<String, String> producer() {
        if (producer == null) {
            producer = new KafkaProducer<>(Map.of(
                    ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                    ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class,
                    ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class,
                    ProducerConfig.ACKS_CONFIG, "all"));
        }
        return producer;
    }

    /** Inbox rows of an event: "orgUnit" or "orgUnit/unit". */
    protected List<String> recipientsOf(UUID eventId) {
        return jdbc.sql("""
                        select case when unit is null then org_unit else org_unit || '/' || unit end
                        from notification where event_id = :id order by 1
                        """)
                .param("id", eventId).query(String.class).list();
    }

    protected static String unique(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    /**
     * A resolver the tests program: {@code localhost} is 127.0.0.1, IP literals are themselves, any
     * other name answers what a test set (several answers: one per lookup, the last one repeating) or
     * does not resolve.
     */
    public static final class TestHostResolver implements HostResolver {

        private final Map<String, List<List<InetAddress>>> answers = new ConcurrentHashMap<>();
        private final Map<String, java.util.concurrent.atomic.AtomicInteger> lookups = new ConcurrentHashMap<>();

        /** How often {@code host} was looked up. */
        public int lookups(String host) {
            return lookups.getOrDefault(host, new java.util.concurrent.atomic.AtomicInteger()).get();
        }

        public void answer(String host, String... addresses) {
            answers.put(host, new java.util.ArrayList<>(List.of(addresses(addresses))));
        }

        /** One lookup answers {@code first}, the following ones {@code then} (DNS rebinding). */
        public void answerThen(String host, String first, String then) {
            answers.put(host, new java.util.ArrayList<>(List.of(addresses(first), addresses(then))));
        }

        private static List<InetAddress> addresses(String... literals) {
            return java.util.Arrays.stream(literals).map(a -> {
                try {
                    return InetAddress.getByName(a); // literals only: no lookup
                } catch (UnknownHostException e) {
                    throw new IllegalArgumentException(a, e);
                }
            }).toList();
        }

        @Override
        public synchronized List<InetAddress> resolve(String host) throws UnknownHostException {
            lookups.computeIfAbsent(host, k -> new java.util.concurrent.atomic.AtomicInteger()).incrementAndGet();
            if ("localhost".equals(host)) {
                return addresses("127.0.0.1");
            }
            if (host.matches("[0-9.]+") || host.contains(":")) {
                return List.of(InetAddress.getByName(host));
            }
            List<List<InetAddress>> queue = answers.get(host);
            if (queue == null || queue.isEmpty()) {
                throw new UnknownHostException(host);
            }
            return queue.size() > 1 ? queue.remove(0) : queue.get(0);
        }
    }
}
