package vn.loa.e2e.faults;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.JsonNode;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A steady load through activity-service's API: each worker schedules an activity of Liên Minh's 2022
 * plan, then completes it, and again. A 503 (database down) or a refused connection is retried after a
 * pause, as a client honouring Retry-After would. What the API acknowledged is recorded, to be checked
 * against the database and the read models afterwards.
 */
final class CompletionLoad {

    private static final Logger log = LoggerFactory.getLogger(CompletionLoad.class);

    static final UUID LIEN_MINH_PLAN = UUID.fromString("a0000000-2022-4000-8000-000000000001");
    static final String COMPLETED_ON = "2022-11-15";

    private final String activityService;
    private final java.util.function.Supplier<String> bearer;
    private final int workers;
    private final Duration pause;
    private final AtomicBoolean running = new AtomicBoolean();
    private final List<Thread> threads = new ArrayList<>();

    final Set<UUID> scheduled = ConcurrentHashMap.newKeySet();
    final Set<UUID> completed = ConcurrentHashMap.newKeySet();
    final AtomicInteger unavailable = new AtomicInteger();
    final AtomicInteger unavailableProblems = new AtomicInteger();
    final AtomicInteger refusedConnections = new AtomicInteger();
    final Map<Integer, AtomicInteger> unexpected = new ConcurrentHashMap<>();
    volatile String lastUnavailableBody;

    CompletionLoad(String activityService, String bearer, int workers, Duration pause) {
        this(activityService, () -> bearer, workers, pause);
    }

    /** {@code bearer} asked before each call: a run longer than a token's lifetime gets fresh ones. */
    CompletionLoad(String activityService, java.util.function.Supplier<String> bearer, int workers, Duration pause) {
        this.activityService = activityService;
        this.bearer = bearer;
        this.workers = workers;
        this.pause = pause;
    }

    static Map<String, Object> newActivity(String title) {
        return Map.of("planId", LIEN_MINH_PLAN, "title", title, "channel", "RADIO", "topics", List.of("a"),
                "targetCodes", List.of("CT-2"), "unit", "van-hoa-thong-tin", "coordinatingUnits", List.of(),
                "dueDate", "2022-12-31", "plannedQuantity", 1);
    }

    static Map<String, Object> completion(int n) {
        return Map.of("completedOn", COMPLETED_ON, "quantity", 1, "reach", 100 + n, "costVnd", 50_000,
                "evidence", List.of(Map.of("note", "Phát thanh chuyên mục CCHC số " + n + " trên loa truyền thanh xã")));
    }

    void start() {
        running.set(true);
        for (int w = 0; w < workers; w++) {
            int worker = w;
            Thread thread = new Thread(() -> run(worker), "completion-load-" + w);
            thread.setDaemon(true);
            threads.add(thread);
            thread.start();
        }
    }

    void stop() throws InterruptedException {
        running.set(false);
        for (Thread thread : threads) {
            thread.join(90_000);
        }
    }

    private void run(int worker) {
        int n = 0;
        while (running.get()) {
            n++;
            String title = "Chuyên mục CCHC trên đài truyền thanh xã Liên Minh — tải " + worker + "/" + n;
            Http.Response created = untilAnswered("schedule", () -> Http.post(activityService + "/api/activities", bearer.get(),
                    newActivity(title)));
            if (created == null) {
                return;
            }
            if (created.status() != 201) {
                countUnexpected(created);
                continue;
            }
            UUID id = UUID.fromString(created.json().get("id").asString());
            scheduled.add(id);
            int number = n;
            // Just scheduled: version 1 (every change names the version it was made on, If-Match).
            Http.Response done = untilAnswered("complete", () -> Http.post(activityService + "/api/activities/" + id
                    + "/complete", bearer.get(), completion(number), "\"1\""));
            if (done == null) {
                return;
            }
            if (done.status() == 200) {
                completed.add(id);
            } else if (done.status() == 412 && done.body().contains("version-conflict")
                    || done.status() == 409 && done.body().contains("invalid-transition")) {
                // An earlier attempt committed but its answer was lost (the database went away after the commit).
                completed.add(id);
            } else {
                countUnexpected(done);
            }
            pause(pause);
        }
    }

    private interface Call {
        Http.Response call() throws IOException, InterruptedException;
    }

    /** Repeats a call answered 503 (or refused) until it gets another answer; null when the load is stopped for good. */
    private Http.Response untilAnswered(String what, Call call) {
        while (true) {
            try {
                Http.Response response = call.call();
                if (response.status() != 503) {
                    return response;
                }
                unavailable.incrementAndGet();
                lastUnavailableBody = response.body();
                if (response.contentType().startsWith("application/problem+json")
                        && "service-unavailable".equals(code(response)) && response.retryAfter() != null) {
                    unavailableProblems.incrementAndGet();
                }
            } catch (IOException e) {
                refusedConnections.incrementAndGet();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return null;
            }
            // Retry-After says 5 s; a test client comes back sooner so that the outage stays short.
            pause(Duration.ofMillis(500));
            if (!running.get() && what.equals("schedule")) {
                return null;
            }
        }
    }

    private static String code(Http.Response response) {
        try {
            JsonNode code = response.json().get("code");
            return code == null ? null : code.asString();
        } catch (RuntimeException e) {
            return null;
        }
    }

    private void countUnexpected(Http.Response response) {
        unexpected.computeIfAbsent(response.status(), s -> new AtomicInteger()).incrementAndGet();
        log.warn("unexpected answer {}: {}", response.status(), response.body());
    }

    private static void pause(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    String summary() {
        return "scheduled " + scheduled.size() + ", completed " + completed.size() + ", 503 answers " + unavailable.get()
                + " (problem+json service-unavailable with Retry-After: " + unavailableProblems.get() + "), refused "
                + refusedConnections.get() + ", unexpected " + unexpected;
    }
}
