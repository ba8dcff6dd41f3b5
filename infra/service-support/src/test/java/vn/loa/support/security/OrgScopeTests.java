package vn.loa.support.security;

import org.junit.jupiter.api.Test;
import vn.loa.common.problem.Text;
import vn.loa.support.web.ApiException;

import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class OrgScopeTests {

    private static final List<String> LIEN_MINH = List.of("ha-tinh", "duc-tho", "lien-minh");
    private static final Text PLAN = Text.of("object.plan", "a0000000-2022");

    private static CurrentUser user(String role, String orgUnit) {
        return new CurrentUser("u", Set.of(role), orgUnit);
    }

    @Test
    void aCommuneOfficerSeesItsOwnCommuneOnly() {
        assertThat(OrgScope.covers(user(Roles.COMMUNE_OFFICER, "lien-minh"), LIEN_MINH)).isTrue();
        assertThat(OrgScope.covers(user(Roles.COMMUNE_OFFICER, "tung-chau"), LIEN_MINH)).isFalse();
    }

    @Test
    void aDistrictOfficerSeesTheCommunesUnderItsDistrict() {
        assertThat(OrgScope.covers(user(Roles.DISTRICT_OFFICER, "duc-tho"), LIEN_MINH)).isTrue();
        assertThat(OrgScope.covers(user(Roles.DISTRICT_OFFICER, "can-loc"), LIEN_MINH)).isFalse();
    }

    @Test
    void aProvinceViewerReadsButCannotWrite() {
        CurrentUser viewer = user(Roles.PROVINCE_VIEWER, "ha-tinh");
        OrgScope.requireReadable(viewer, LIEN_MINH, PLAN);
        assertThatThrownBy(() -> OrgScope.requireWritable(viewer, LIEN_MINH, PLAN))
                .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.status().value()).isEqualTo(403));
    }

    @Test
    void anObjectOutsideTheScopeIsNotFoundEvenForAWrite() {
        assertThatThrownBy(() -> OrgScope.requireWritable(user(Roles.COMMUNE_OFFICER, "tung-chau"), LIEN_MINH, PLAN))
                .isInstanceOfSatisfying(ApiException.class, e -> {
                    assertThat(e.status().value()).isEqualTo(404);
                    assertThat(e.code()).isEqualTo("not-found");
                });
    }

    @Test
    void anOperatorReadsNoBusinessObjectAnywhere() {
        CurrentUser operator = user(Roles.OPERATOR, "ha-tinh");
        assertThat(OrgScope.covers(operator, LIEN_MINH)).isFalse();
        assertThat(OrgScope.covers(operator, List.of("ha-tinh"))).isFalse();
        assertThatThrownBy(() -> OrgScope.requireReadable(operator, LIEN_MINH, PLAN))
                .isInstanceOfSatisfying(ApiException.class, e -> {
                    assertThat(e.status().value()).isEqualTo(403);
                    assertThat(e.code()).isEqualTo("forbidden");
                    assertThat(e.getMessage()).contains("OPERATOR");
                });
        // the same refusal whether the object exists or not: nothing to learn from it
        assertThatThrownBy(() -> OrgScope.requireBusinessRole(operator))
                .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.status().value()).isEqualTo(403));
    }

    @Test
    void anOfficerWhoIsAlsoAnOperatorReadsAsTheOfficer() {
        CurrentUser both = new CurrentUser("u", Set.of(Roles.COMMUNE_OFFICER, Roles.OPERATOR), "lien-minh");
        OrgScope.requireWritable(both, LIEN_MINH, PLAN);
        assertThat(OrgScope.covers(both, List.of("ha-tinh", "duc-tho", "tung-chau"))).isFalse();
    }

    @Test
    void aTokenWithoutAnyRoleIsRefused() {
        assertThatThrownBy(() -> OrgScope.requireReadable(new CurrentUser("u", Set.of(), "lien-minh"), LIEN_MINH, PLAN))
                .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.status().value()).isEqualTo(403));
    }
}
