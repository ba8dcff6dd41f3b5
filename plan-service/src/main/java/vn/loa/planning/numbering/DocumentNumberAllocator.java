package vn.loa.planning.numbering;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

import java.util.function.Predicate;

/**
 * Allocates document numbers per issuer, calendar year and kind. The counter row is incremented
 * with an atomic upsert, so concurrent issues of the same issuer queue on that row and get
 * different numbers; the row lock is held until the caller's transaction ends.
 */
@Component
public class DocumentNumberAllocator {

    private final JdbcClient jdbc;

    DocumentNumberAllocator(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * The next free number of the issuer for the year. Numbers already taken (for example given by
     * hand when a paper plan was registered) are skipped.
     */
    @Transactional(propagation = Propagation.MANDATORY)
    public DocumentNumber next(String issuerCode, String abbreviation, int year, Predicate<String> taken) {
        while (true) {
            int n = jdbc.sql("""
                            insert into document_counter (issuer_code, year, kind, last_number) values (:issuer, :year, :kind, 1)
                            on conflict (issuer_code, year, kind) do update set last_number = document_counter.last_number + 1
                            returning last_number""")
                    .param("issuer", issuerCode).param("year", year).param("kind", DocumentNumber.PLAN)
                    .query(Integer.class).single();
            DocumentNumber candidate = DocumentNumber.plan(n, abbreviation);
            if (!taken.test(candidate.format())) {
                return candidate;
            }
        }
    }

    /** Records a number given by hand, so that later allocations continue after it. */
    @Transactional(propagation = Propagation.MANDATORY)
    public void reserve(String issuerCode, int year, DocumentNumber given) {
        jdbc.sql("""
                        insert into document_counter (issuer_code, year, kind, last_number) values (:issuer, :year, :kind, :n)
                        on conflict (issuer_code, year, kind) do update set last_number = greatest(document_counter.last_number, :n)""")
                .param("issuer", issuerCode).param("year", year).param("kind", given.kind()).param("n", given.number())
                .update();
    }
}
