package vn.loa.planning.numbering;

import org.junit.jupiter.api.Test;
import vn.loa.planning.PlanServiceITBase;

import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.assertj.core.api.Assertions.assertThat;

class DocumentNumberingIT extends PlanServiceITBase {

    @Test
    void numbersRunPerIssuerAndCalendarYearFrom01() throws Exception {
        String a = create(communePlan("tung-anh", 2031), TestTokensHolder.tungAnh());
        String b = create(communePlan("tung-anh", 2031), TestTokensHolder.tungAnh());
        String other = create(communePlan("yen-ho", 2031), district());
        assertThat(issue(a, district(), "2031-01-05", null).body().get("documentNumber").asString()).isEqualTo("01/KH-UBND");
        assertThat(issue(b, district(), "2031-03-05", null).body().get("documentNumber").asString()).isEqualTo("02/KH-UBND");
        // another issuer has its own sequence
        assertThat(issue(other, district(), "2031-03-05", null).body().get("documentNumber").asString()).isEqualTo("01/KH-UBND");
        // a new calendar year starts again at 01
        String next = create(communePlan("tung-anh", 2031), district());
        assertThat(issue(next, district(), "2032-01-02", null).body().get("documentNumber").asString()).isEqualTo("01/KH-UBND");
    }

    @Test
    void aNumberAlreadyUsedByTheIssuerThatYearIsRefusedAndAllocationContinuesAfterIt() throws Exception {
        String a = create(communePlan("truong-son", 2033), district());
        String b = create(communePlan("truong-son", 2033), district());
        String c = create(communePlan("truong-son", 2033), district());
        assertThat(issue(a, district(), "2033-01-24", "15/KH-UBND").body().get("documentNumber").asString()).isEqualTo("15/KH-UBND");
        Answer duplicate = issue(b, district(), "2033-05-01", "15/KH-UBND");
        assertThat(duplicate.status()).isEqualTo(409);
        assertThat(duplicate.code()).isEqualTo("duplicate-document-number");
        // the refused plan is still a draft and gets the next free number
        assertThat(issue(b, district(), "2033-05-01", null).body().get("documentNumber").asString()).isEqualTo("16/KH-UBND");
        // the same number in another year is fine
        assertThat(issue(c, district(), "2034-01-02", "15/KH-UBND").status()).isEqualTo(200);
        // numbers are compared in their canonical form
        String e = create(communePlan("truong-son", 2033), district());
        assertThat(issue(e, district(), "2033-06-01", "016/KH-UBND").code()).isEqualTo("duplicate-document-number");
        // a malformed number is a validation error
        String d = create(communePlan("truong-son", 2033), district());
        Answer malformed = issue(d, district(), "2033-06-01", "mười lăm");
        assertThat(malformed.status()).isEqualTo(400);
        assertThat(malformed.errorFields()).containsExactly("documentNumber");
    }

    @Test
    void twoConcurrentIssuesOfTheSameIssuerGetDifferentNumbers() throws Exception {
        int n = 6;
        List<String> ids = new java.util.ArrayList<>();
        for (int i = 0; i < n; i++) {
            ids.add(create(communePlan("duc-lang", 2035), district()));
        }
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(n);
        try {
            List<Future<Answer>> futures = ids.stream().map(id -> pool.submit(() -> {
                start.await();
                return issue(id, district(), "2035-02-01", null);
            })).toList();
            start.countDown();
            List<String> numbers = new java.util.ArrayList<>();
            for (Future<Answer> f : futures) {
                Answer a = f.get();
                assertThat(a.status()).as(a.raw()).isEqualTo(200);
                numbers.add(a.body().get("documentNumber").asString());
            }
            assertThat(numbers).doesNotHaveDuplicates()
                    .containsExactlyInAnyOrder("01/KH-UBND", "02/KH-UBND", "03/KH-UBND", "04/KH-UBND", "05/KH-UBND", "06/KH-UBND");
        } finally {
            pool.shutdownNow();
        }
    }

    static final class TestTokensHolder {
        static String tungAnh() {
            return vn.loa.testsupport.TestTokens.bearer("tunganh.vhtt", "COMMUNE_OFFICER", "tung-anh");
        }
    }
}
