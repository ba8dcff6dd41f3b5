package vn.loa.planning.access;

import org.junit.jupiter.api.Test;
import vn.loa.support.security.CurrentUser;
import vn.loa.support.security.Roles;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

/** Who sees which org units of a list, without a query per unit (issue 17.5). */
class AccessPolicyTests {

    record Unit(String code, List<String> path, String successor) {
    }

    /** The current tree of the test, counting what the policy asks of it. */
    static final class CountingTree implements OrgTree {
        final List<String> asked = new ArrayList<>();

        @Override
        public List<List<String>> scopePaths(String unitCode) {
            asked.add("scopePaths " + unitCode);
            // xa-cu was merged into xa-moi, which lies in huyen-a
            return unitCode.equals("xa-cu") ? List.of(List.of("tinh", "huyen-b", "xa-cu"), List.of("tinh", "huyen-a", "xa-moi"))
                    : List.of();
        }

        @Override
        public List<String> pathOf(String unitCode) {
            asked.add("pathOf " + unitCode);
            return unitCode.equals("huyen-a") ? List.of("tinh", "huyen-a") : List.of();
        }
    }

    @Test
    void thirtyChildrenAreJudgedWithOneLookAtTheCallersPathAndOneChainPerClosedUnitOutOfScope() {
        CountingTree tree = new CountingTree();
        AccessPolicy policy = new AccessPolicy(tree);
        List<Unit> children = new ArrayList<>(IntStream.rangeClosed(1, 30)
                .mapToObj(i -> new Unit("xa-" + i, List.of("tinh", "huyen-a", "xa-" + i), null)).toList());
        children.add(new Unit("xa-cu", List.of("tinh", "huyen-b", "xa-cu"), "xa-moi"));
        children.add(new Unit("xa-khac", List.of("tinh", "huyen-b", "xa-khac"), null));
        CurrentUser district = new CurrentUser("phongvhtt.huyen-a", Set.of(Roles.DISTRICT_OFFICER), "huyen-a");

        List<Unit> visible = policy.visibleOrgUnits(district, children, Unit::code, Unit::path, u -> u.successor() != null);

        assertThat(visible).hasSize(31).extracting(Unit::code).contains("xa-1", "xa-30", "xa-cu").doesNotContain("xa-khac");
        assertThat(tree.asked).containsExactly("pathOf huyen-a", "scopePaths xa-cu");
    }

    @Test
    void anOperatorSeesTheWholeTreeWithoutAQuery() {
        CountingTree tree = new CountingTree();
        List<Unit> units = List.of(new Unit("xa-1", List.of("tinh", "huyen-a", "xa-1"), null));
        assertThat(new AccessPolicy(tree).visibleOrgUnits(new CurrentUser("operator", Set.of(Roles.OPERATOR), null),
                units, Unit::code, Unit::path, u -> false)).isEqualTo(units);
        assertThat(tree.asked).isEmpty();
    }
}
