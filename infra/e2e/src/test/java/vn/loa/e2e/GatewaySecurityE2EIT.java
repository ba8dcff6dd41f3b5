package vn.loa.e2e;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;

import java.util.HashSet;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static vn.loa.e2e.E2E.object;

/**
 * Issue 3's acceptance through the gateway with the real services, beyond the statuses that
 * {@link AccessMatrixE2EIT} checks for every operation and caller (no token and a forged token 401, the wrong role
 * 403, another unit's object 404): a list never shows another commune's objects, and the right user's changes go
 * through and are read back. The objects are Liên Minh's ({@link AccessWorld}).
 */
@ExtendWith(StackLogsOnFailure.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class GatewaySecurityE2EIT {

    private static final String LM_PLAN = AccessWorld.LM_PLAN;
    private static final String LM_REPORT = "/api/reports/lien-minh/2022-Q2";

    private static LoaStack stack;
    private static Api api;
    private static AccessWorld world;
    private static String lienMinh;

    @BeforeAll
    static void liênMinhsObjects() {
        stack = LoaStack.get();
        api = stack.gateway();
        world = AccessWorld.get(stack);
        lienMinh = stack.token("lienminh.vhtt");
    }

    @Test
    void anotherUnitsListsLeaveOutLiênMinhsObjects() {
        for (String user : new String[] {"tungchau.vhtt", LoaStack.OTHER_DISTRICT_OFFICER}) {
            String token = stack.token(user);
            assertThat(ids(api.get("/api/notifications?size=200", token))).as(user).doesNotContain(world.notification());
            assertThat(ids(api.get("/api/subscriptions", token))).as(user).doesNotContain(world.subscription());
            assertThat(ids(api.get("/api/activities?size=200", token))).as(user).doesNotContain(world.activity());
            assertThat(ids(api.get("/api/plans?orgUnit=lien-minh", token))).as(user).doesNotContain(LM_PLAN);
        }
        // ...which the owner's lists do show: the lists above are not empty for want of the objects.
        assertThat(ids(api.get("/api/notifications?size=200", lienMinh))).contains(world.notification());
        assertThat(ids(api.get("/api/activities?size=200", lienMinh))).contains(world.activity());
    }

    @Test
    @Order(Integer.MAX_VALUE) // changes the objects the other tests read
    void theRightUserSucceeds() {
        String viewer = stack.token("hatinh.viewer");
        assertThat(api.get("/api/plans/" + LM_PLAN, lienMinh).status()).isEqualTo(200);
        assertThat(api.get("/api/plans/" + LM_PLAN, viewer).status()).isEqualTo(200);
        assertThat(api.get("/api/activities/" + world.activity(), lienMinh).status()).isEqualTo(200);
        String etag = api.get(LM_REPORT, lienMinh).header("ETag"); // a report change needs If-Match (428 without)
        Api.Response narrative = api.send("PUT", LM_REPORT + "/narrative", lienMinh, object()
                .put("results", "Đã phát 3 chuyên mục CCHC.").put("shortcomings", "Không có.").put("nextSteps", "Duy trì."),
                Map.of("If-Match", etag));
        assertThat(narrative.status()).as(narrative.toString()).isEqualTo(200);
        assertThat(api.get(LM_REPORT, lienMinh).json().get("narrative").get("results").asString())
                .isEqualTo("Đã phát 3 chuyên mục CCHC.");
        Api.Response read = api.post("/api/notifications/" + world.notification() + "/read", lienMinh, null);
        assertThat(read.status()).as(read.toString()).isBetween(200, 204);
        assertThat(api.get("/api/subscriptions/" + world.subscription(), lienMinh).status()).isEqualTo(200);
        // Changing last: the other tests read these objects.
        String district = stack.token("ductho.vhtt");
        String activityEtag = api.get("/api/activities/" + world.activity(), district).header("ETag");
        Api.Response cancelled = api.send("POST", "/api/activities/" + world.activity() + "/cancel", district,
                object().put("reason", "Huyện điều chỉnh lịch phát thanh"), Map.of("If-Match", activityEtag));
        assertThat(cancelled.status()).as(cancelled.toString()).isEqualTo(200);
        assertThat(cancelled.json().get("status").asString()).isEqualTo("CANCELLED");
    }

    /** The ids a list shows; a list refused outright (404 for a unit out of scope) shows none. */
    private static Set<String> ids(Api.Response page) {
        Set<String> ids = new HashSet<>();
        if (page.status() == 404) {
            return ids;
        }
        assertThat(page.status()).as(page.toString()).isEqualTo(200);
        (page.json().isArray() ? page.json() : page.json().get("items")).forEach(n -> ids.add(n.get("id").asString()));
        return ids;
    }
}
