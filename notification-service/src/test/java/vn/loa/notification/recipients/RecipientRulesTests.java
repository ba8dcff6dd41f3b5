package vn.loa.notification.recipients;

import org.junit.jupiter.api.Test;
import vn.loa.notification.events.CommuneWindow;
import vn.loa.notification.events.PlanAssignment;
import vn.loa.notification.events.PlanRecipient;
import vn.loa.notification.events.UnitRef;
import vn.loa.notification.orgunit.OrgUnit;

import java.time.LocalDate;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class RecipientRulesTests {

    static final List<String> LIEN_MINH = List.of("ha-tinh", "duc-tho", "lien-minh");
    static final OrgUnit DUC_THO = new OrgUnit("duc-tho", "Huyện Đức Thọ", "DISTRICT", "ha-tinh",
            List.of("ha-tinh", "duc-tho"), List.of(
            new UnitRef("phong-vhtt", "Phòng Văn hóa và Thông tin"),
            new UnitRef("phong-noi-vu", "Phòng Nội vụ"),
            new UnitRef("phong-tu-phap", "Phòng Tư pháp"),
            new UnitRef("phong-tckh", "Phòng Tài chính – Kế hoạch")));
    static final OrgUnit LIEN_MINH_UNIT = new OrgUnit("lien-minh", "Xã Liên Minh", "COMMUNE", "duc-tho", LIEN_MINH,
            List.of(new UnitRef("van-hoa-thong-tin", "Văn hóa – Thông tin"), new UnitRef("noi-vu", "Nội vụ"),
                    new UnitRef("tu-phap", "Tư pháp"), new UnitRef("van-phong", "Văn phòng UBND xã")));

    @Test
    void planReachesEveryAssignedUnitAndTheRecipientsOfTheSeed() {
        List<Recipient> r = RecipientRules.forPlan("lien-minh", LIEN_MINH,
                List.of(new PlanAssignment("van-hoa-thong-tin", "Văn hóa – Thông tin", "LEAD", "Tham mưu", 3),
                        new PlanAssignment("noi-vu", "Nội vụ", "COORDINATE", "Phối hợp", null),
                        new PlanAssignment("tu-phap", "Tư pháp", "COORDINATE", "Phối hợp", null)),
                List.of(new PlanRecipient("Phòng VHTT(KH)", null),
                        new PlanRecipient("Phòng tư pháp,Nội vụ (b/c)", "b/c"),
                        new PlanRecipient("Đ/c chủ tịch - PCT.UBND xã", null),
                        new PlanRecipient("Lưu: Vp.UBND.", null)),
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
                List.of(new PlanAssignment("phong-vhtt", "Phòng Văn hóa và Thông tin", "LEAD", "Chủ trì", null)),
                List.of(new PlanRecipient("UBND các xã, thị trấn", "thực hiện")),
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
    void quarterEventsReachEachCommuneConcerned() {
        LocalDate d = LocalDate.of(2022, 3, 20);
        assertThat(RecipientRules.forCommunes(List.of(
                new CommuneWindow("lien-minh", LIEN_MINH, d, d, d),
                new CommuneWindow("tung-chau", List.of("ha-tinh", "duc-tho", "tung-chau"), d, d, d))))
                .extracting(Recipient::key).containsExactly("lien-minh", "tung-chau");
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
