package vn.loa.activity.importing;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;
import vn.loa.support.security.CurrentUser;
import vn.loa.support.security.Roles;

import java.io.ByteArrayInputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Set;
import java.util.UUID;

/**
 * Runs the import's preview ({@code dryRun}: by contract it keeps nothing) on a synthetic CSV file while the service
 * starts, so that the first real import after a start does not run that code in the interpreter and wait for the
 * JIT (issue 17.3; README, "CSV import after a start"). An {@link ApplicationRunner}: Spring Boot reports the
 * service ready only after the runners returned, so no import is served before it is done.
 *
 * <p>What it runs: reading the CSV (strict UTF-8, Vietnamese text), the header check, every row's conversion and Bean
 * Validation, the import's transaction and its plan lookup (one read of a plan that does not exist, so every row is
 * then refused as a plan not issued, and the refusal texts are rendered), and the answer's JSON. What it cannot run
 * without writing, it leaves out: the inserts, their history and the outbox batch.
 *
 * <p>Bounded: at most {@code loa.import.warm-up.rows} rows (5,000, one full file), in files of 500 rows, and no
 * new file once {@code loa.import.warm-up.budget} (2 s) has passed; a failure is logged and the start goes on.
 * {@code loa.import.warm-up.enabled=false} turns it off.
 */
@Component
@ConditionalOnProperty(name = "loa.import.warm-up.enabled", havingValue = "true", matchIfMissing = true)
class ImportWarmUp implements ApplicationRunner {

    private static final Logger log = LoggerFactory.getLogger(ImportWarmUp.class);

    /** No plan has this id (a name-based UUID, not a random one): the warm-up's rows stop at the plan lookup. */
    static final UUID NO_SUCH_PLAN = UUID.nameUUIDFromBytes("loa-import-warm-up".getBytes(StandardCharsets.UTF_8));

    /** A writer (the import refuses anyone else before reading) of an org unit that does not exist. */
    static final CurrentUser USER = new CurrentUser("loa-import-warm-up", Set.of(Roles.COMMUNE_OFFICER),
            "loa-import-warm-up");

    static final int FILE_ROWS = 500;

    /** What a warm-up did: files previewed, rows read, and how long it took. */
    record Outcome(int files, int rows, Duration took, String failure) {
    }

    private final ActivityImport importer;
    private final JsonMapper json;
    private final int rows;
    private final Duration budget;
    /** The outcome of the warm-up the start ran (null until then). */
    private volatile Outcome atStart;

    ImportWarmUp(ActivityImport importer, JsonMapper json, @Value("${loa.import.warm-up.rows:5000}") int rows,
                 @Value("${loa.import.warm-up.budget:PT2S}") Duration budget) {
        this.importer = importer;
        this.json = json;
        this.rows = rows;
        this.budget = budget;
    }

    @Override
    public void run(ApplicationArguments args) {
        Outcome outcome = warmUp();
        atStart = outcome;
        if (outcome.failure() != null) {
            log.warn("import warm-up stopped after {} rows: {}", outcome.rows(), outcome.failure());
        } else {
            log.info("import warm-up: {} rows previewed in {} ms", outcome.rows(), outcome.took().toMillis());
        }
    }

    Outcome atStart() {
        return atStart;
    }

    Outcome warmUp() {
        long start = System.nanoTime();
        long deadline = start + budget.toNanos();
        int files = 0;
        int done = 0;
        String failure = null;
        try {
            while (done < rows && System.nanoTime() - deadline < 0) {
                int n = Math.min(FILE_ROWS, rows - done);
                ImportResult result = importer.run(USER, ActivityImport.Format.CSV,
                        new ByteArrayInputStream(file(done, n)), true);
                // The answer as MVC writes it (the same mapper), so its serializers are built and compiled too.
                json.writeValue(OutputStream.nullOutputStream(), result);
                files++;
                done += n;
            }
        } catch (RuntimeException e) {
            // A warm-up must never keep the service from starting: the first import is then only slower.
            failure = e.toString();
        }
        return new Outcome(files, done, Duration.ofNanos(System.nanoTime() - start), failure);
    }

    /**
     * {@code n} rows shaped as the template's (every column, the optional ones too; titles in Vietnamese, a few
     * channels, units and dates), numbered from {@code first}.
     */
    static byte[] file(int first, int n) {
        StringBuilder csv = new StringBuilder(64 + n * 160).append('\uFEFF')
                .append(String.join(",", ImportColumns.headers())).append('\n');
        String[] channels = {"RADIO", "WEBSITE", "MEETING", "TRAINING"};
        for (int i = first; i < first + n; i++) {
            csv.append(NO_SUCH_PLAN).append(",\"Tuyên truyền cải cách hành chính, số ").append(i).append("\",")
                    .append(channels[i % channels.length]).append(",a;d,CT-RADIO,van-hoa-thong-tin,noi-vu;tu-phap,")
                    .append("2022-").append(String.format("%02d", 1 + i % 12)).append("-2").append(i % 9)
                    .append(',').append(1 + i % 7).append(',').append(i % 3 == 0 ? "" : "1500000")
                    .append(',').append(i % 3 == 0 ? "" : "COMMUNE").append('\n');
        }
        return csv.toString().getBytes(StandardCharsets.UTF_8);
    }
}
