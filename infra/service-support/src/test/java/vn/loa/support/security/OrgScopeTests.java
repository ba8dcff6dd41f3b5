package vn.loa.support.security;

import org.junit.jupiter.api.Test;
import vn.loa.support.web.ApiException;

import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class OrgScopeTests {

    private static final List<String> LIEN_MINH = List.of("ha-tinh", "duc-tho", "lien-minh");

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
        OrgScope.requireReadable(viewer, LIEN_MINH, "The plan");
        assertThatThrownBy(() -> OrgScope.requireWritable(viewer, LIEN_MINH, "The plan"))
                .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.status().value()).isEqualTo(403));
    }

    @Test
    void anObjectOutsideTheScopeIsNotFoundEvenForAWrite() {
        assertThatThrownBy(() -> OrgScope.requireWritable(user(Roles.COMMUNE_OFFICER, "tung-chau"), LIEN_MINH, "The plan"))
                .isInstanceOfSatisfying(ApiException.class, e -> {
                    assertThat(e.status().value()).isEqualTo(404);
                    assertThat(e.code()).isEqualTo("not-found");
                });
    }
}
