package vn.loa.notification.bench;

import com.github.tomakehurst.wiremock.WireMockServer;
import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;
import org.springframework.http.MediaType;
import org.springframework.test.context.TestPropertySource;
import vn.loa.notification.NotificationIT;
import vn.loa.testsupport.Figures;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * Delivery throughput to webhook receivers, and what one dead receiver does to the others' latency.
 * Not part of {@code verify} (the name does not end in IT); run it with
 * <pre>
 * ./mvnw -q -pl notification-service -am verify -Dloa.skipInfraTests=true -Dtest=none -Dfailsafe.failIfNoSpecifiedTests=false \
 *     -Dsurefire.failIfNoSpecifiedTests=false -Dit.test=DeliveryBenchmark [-Dbench.notices=400]
 * </pre>
 * Phase A: {@code n} notices to an org unit with 4 healthy webhook receivers. Phase B, same run: the
 * same to another org unit whose 4 healthy receivers share it with a 5th receiver that hangs (answers
 * after 30 s; the request timeout is 2 s). Latency = the delivery's sent_at − release time (database
 * clock) from the moment all deliveries of the phase are released at once. The result is printed and written to {@code target/delivery-benchmark.txt}.
 */
@TestPropertySource(properties = {
        "loa.delivery.request-timeout=2s",
        "loa.delivery.connect-timeout=2s",
        "loa.delivery.initial-backoff=1s",
        "loa.delivery.max-attempts=6",
        "loa.delivery.sliding-window-size=10",
        "loa.delivery.minimum-number-of-calls=5",
        "loa.delivery.wait-in-open-state=10s",
        // a lease far longer than any wait in a lane: no delivery is left for a second claim
        "loa.delivery.lease=5m",
        "loa.delivery.threads=16",
        "loa.delivery.threads-per-target=2",
        "loa.delivery.queue-per-target=200"})
class DeliveryBenchmark extends NotificationIT {

    static final int HEALTHY = 4;
    /** The dead receiver is another host: a server of its own. */
    static final WireMockServer DEAD = new WireMockServer(options().dynamicPort().bindAddress("127.0.0.1"));

    static {
        DEAD.start();
    }

    record Result(String name, long deliveries, double seconds, double perSecond, Histogram latency) {
    }

    @Test
    void throughputAndTheEffectOfADeadReceiver() throws Exception {
        int notices = Integer.getInteger("bench.notices", 400);
        DEAD.stubFor(post(urlEqualTo("/bench/dead")).willReturn(aResponse().withStatus(200).withFixedDelay(30_000)));
        for (int i = 0; i < HEALTHY; i++) {
            RECEIVER.stubFor(post(urlEqualTo("/bench/ok-" + i)).willReturn(aResponse().withStatus(200)));
        }
        // Warm-up as large as a phase: JIT, connection pools, the breakers and lanes of the healthy targets.
        run("warm-up", unique("bench-warm"), notices, false);

        Result a = run("A: 4 healthy receivers", unique("bench-a"), notices, false);
        Result b = run("B: 4 healthy + 1 dead receiver", unique("bench-b"), notices, true);

        StringBuilder out = new StringBuilder();
        out.append(String.format(Locale.ROOT, "notification-service delivery benchmark (%d notices per phase, %d cores)%n",
                notices, Runtime.getRuntime().availableProcessors()));
        for (Result r : List.of(a, b)) {
            out.append(String.format(Locale.ROOT,
                    "%-32s %6d deliveries in %6.2f s = %7.1f/s; latency p50 %5d ms, p99 %5d ms, max %5d ms%n",
                    r.name(), r.deliveries(), r.seconds(), r.perSecond(),
                    r.latency().getValueAtPercentile(50), r.latency().getValueAtPercentile(99), r.latency().getMaxValue()));
        }
        out.append(String.format(Locale.ROOT,
                "healthy receivers with a dead one / without: p50 x%.2f, p99 x%.2f, throughput x%.2f%n",
                ratio(b.latency().getValueAtPercentile(50), a.latency().getValueAtPercentile(50)),
                ratio(b.latency().getValueAtPercentile(99), a.latency().getValueAtPercentile(99)),
                b.perSecond() / a.perSecond()));
        out.toString().lines().forEach(line -> Figures.print("%s", line));
        Files.writeString(Path.of("target", "delivery-benchmark.txt"), out.toString());
        assertThat(a.deliveries()).isEqualTo((long) notices * HEALTHY);
        assertThat(b.deliveries()).isEqualTo((long) notices * HEALTHY);
    }

    private Result run(String name, String orgUnit, int notices, boolean withDead) throws Exception {
        List<String> targets = new ArrayList<>();
        for (int i = 0; i < HEALTHY; i++) {
            targets.add(RECEIVER.baseUrl() + "/bench/ok-" + i);
        }
        if (withDead) {
            targets.add(DEAD.baseUrl() + "/bench/dead");
        }
        for (String target : targets) {
            mvc.perform(org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post("/api/subscriptions")
                            .header("Authorization", officerOf(orgUnit))
                            .contentType(MediaType.APPLICATION_JSON)
                            .content(json.writeValueAsString(Map.of("orgUnit", orgUnit, "channel", "WEBHOOK",
                                    "target", target, "events", List.of("activity-scheduled")))))
                    .andExpect(status().isCreated());
        }
        // All deliveries are written first, parked an hour ahead, then released at once: the figures are
        // the worker's (claim, bulkhead, breaker, HTTP, bookkeeping), not the speed of writing them.
        Map<String, Object> payload = new java.util.LinkedHashMap<>();
        payload.put("eventType", "activity-scheduled");
        payload.put("orgUnit", orgUnit);
        payload.put("language", "vi");
        payload.put("subject", "Hoạt động mới theo Kế hoạch số 15/KH-UBND: Phát thanh chuyên mục cải cách hành chính");
        payload.put("text", "Xã Liên Minh đã lên lịch hoạt động \"Phát thanh chuyên mục cải cách hành chính\" theo Kế hoạch "
                + "số 15/KH-UBND. Đơn vị chủ trì: Văn hóa – Thông tin. Đơn vị phối hợp: Nội vụ. Hạn hoàn thành: 31/03/2022.");
        payload.put("data", Map.of("documentNumber", "15/KH-UBND"));
        jdbc.sql("""
                        insert into delivery (id, event_id, event_type, recipient, channel, target, subscription_id,
                                              org_unit_path, language, subject, body, payload, status, next_attempt_at)
                        select gen_random_uuid(), e.id, 'activity-scheduled', :r, 'WEBHOOK', s.target, s.id, s.org_unit_path,
                               'vi', :subject, :text, :payload, 'PENDING', now() + interval '1 hour'
                        from subscription s cross join (select gen_random_uuid() as id from generate_series(1, :n)) e
                        where s.org_unit = :r
                        """)
                .param("r", orgUnit).param("n", notices).param("subject", payload.get("subject"))
                .param("text", payload.get("text")).param("payload", json.writeValueAsString(payload)).update();
        java.time.OffsetDateTime released = jdbc.sql(
                        "update delivery set next_attempt_at = now() where recipient = :r returning now()")
                .param("r", orgUnit).query(java.time.OffsetDateTime.class).list().get(0);
        List<String> healthy = targets.subList(0, HEALTHY);
        long expected = (long) notices * HEALTHY;
        await().atMost(Duration.ofMinutes(5)).pollInterval(Duration.ofMillis(200)).until(() -> jdbc.sql("""
                        select count(*) from delivery where recipient = :r and status = 'SENT' and target in (:t)""")
                .param("r", orgUnit).param("t", healthy).query(Long.class).single() == expected);

        Histogram latency = new Histogram(3_600_000L, 3);
        List<Long> millis = jdbc.sql("""
                        select (extract(epoch from sent_at - :released) * 1000)::bigint from delivery
                        where recipient = :r and status = 'SENT' and target in (:t)""")
                .param("released", released).param("r", orgUnit).param("t", healthy).query(Long.class).list();
        millis.forEach(ms -> latency.recordValue(Math.max(0, ms)));
        double seconds = jdbc.sql("""
                        select extract(epoch from max(sent_at) - :released) from delivery
                        where recipient = :r and target in (:t) and status = 'SENT'""")
                .param("released", released).param("r", orgUnit).param("t", healthy).query(Double.class).single();
        return new Result(name, millis.size(), seconds, millis.size() / seconds, latency);
    }

    private static double ratio(long withDead, long without) {
        return without == 0 ? withDead : (double) withDead / without;
    }
}
