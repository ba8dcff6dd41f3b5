package vn.loa.notification.recipients;

import org.junit.jupiter.api.Test;
import vn.loa.notification.orgunit.OrgUnit;
import vn.loa.notification.orgunit.OrgUnit.Unit;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class RecipientRulesTests {

    static final List<String> LIEN_MINH = List.of("ha-tinh", "duc-tho", "lien-minh");
    static final OrgUnit DUC_THO = new OrgUnit("duc-tho", "Huyện Đức Thọ", "DISTRICT", "ha-tinh",
            List.of("ha-tinh", "duc-tho"), List.of(
            new Unit("phong-vhtt", "Phòng Văn hóa và Thông tin"),
            new Unit("phong-noi-vu", "Phòng Nội vụ"),
            new Unit("phong-tu-phap", "Phòng Tư pháp"),
            new Unit("phong-tckh", "Phòng Tài chính – Kế hoạch")));
    static final OrgUnit LIEN_MINH_UNIT = new OrgUnit("lien-minh", "Xã Liên Minh", "COMMUNE", "duc-tho", LIEN_MINH,
            List.of(new Unit("van-hoa-thong-tin", "Văn hóa – Thông tin"), new Unit("noi-vu", "Nội vụ"),
                    new Unit("tu-phap", "Tư pháp"), new Unit("van-phong", "Văn phòng UBND xã")));

    @Test
    void planReachesEveryAssignedUnitAndTheRecipientsOfTheSeed() {
        List<Recipient> r = RecipientRules.forPlan("lien-minh", LIEN_MINH,
                List.of("van-hoa-thong-tin", "noi-vu", "tu-phap"),
                List.of("Phòng VHTT(KH)", "Phòng tư pháp,Nội vụ (b/c)", "Đ/c chủ tịch - PCT.UBND xã", "Lưu: Vp.UBND."),
                LIEN_MINH_UNIT, DUC_THO, List.of());

        assertThat(r).extracting(Recipient::key).containsExactly(
                "lien-minh/van-hoa-thong-tin", "lien-minh/noi-vu", "lien-minh/tu-phap",
                "duc-tho/phong-vhtt", "duc-tho/phong-noi-vu", "duc-tho/phong-tu-phap");
        assertThat(r.get(3).orgUnitPath()).containsExactly("ha-tinh", "duc-tho");
    }

    @Test
    void aDistrictPlanSentToTheCommunesReachesEachChild() {
        OrgUnit tungChau = new OrgUnit("tung-chau", "Xã Tùng Châu", "COMMUNE", "duc-tho",
                List.of("ha-tinh", "duc-tho", "tung-chau"), List.of());
        List<Recipient> r = RecipientRules.forPlan("duc-tho", DUC_THO.path(),
                List.of("phong-vhtt"),
                List.of("UBND các xã, thị trấn"),
                DUC_THO, null, List.of(LIEN_MINH_UNIT, tungChau));

        assertThat(r).extracting(Recipient::key).containsExactly("duc-tho/phong-vhtt", "lien-minh", "tung-chau");
    }

    @Test
    void activityReachesTheUnitInChargeAndCoordinatingUnitsOnce() {
        assertThat(RecipientRules.forActivity("lien-minh", LIEN_MINH, "tu-phap", List.of("noi-vu", "tu-phap")))
                .extracting(Recipient::key).containsExactly("lien-minh/tu-phap", "lien-minh/noi-vu");
    }

    @Test
    void overdueReachesTheUnitInChargeAndTheCultureInformationOfficer() {
        assertThat(RecipientRules.forOverdue("lien-minh", LIEN_MINH, "buu-dien-xa"))
                .extracting(Recipient::key).containsExactly("lien-minh/buu-dien-xa", "lien-minh/van-hoa-thong-tin");
    }

    @Test
    void quarterEventsAndReportsReachTheCommuneWithItsPath() {
        List<Recipient> r = RecipientRules.forCommune("tung-chau", List.of("ha-tinh", "duc-tho", "tung-chau"));
        assertThat(r).extracting(Recipient::key).containsExactly("tung-chau");
        assertThat(r.get(0).orgUnitPath()).containsExactly("ha-tinh", "duc-tho", "tung-chau");
    }

    @Test
    void aSubmittedReportReachesTheDistrictWithItsOwnPath() {
        List<Recipient> r = RecipientRules.forDistrict("duc-tho", LIEN_MINH);
        assertThat(r).extracting(Recipient::key).containsExactly("duc-tho");
        assertThat(r.get(0).orgUnitPath()).containsExactly("ha-tinh", "duc-tho");
    }

    @Test
    void namesAreMatchedWithoutTheirDiacritics() {
        assertThat(PlanRecipientMatcher.normalize("Phòng Văn hóa – Thông tin, Đức Thọ"))
                .isEqualTo("phong van hoa thong tin duc tho");
    }
}
