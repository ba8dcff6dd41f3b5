package vn.loa.planning.access;

import java.util.List;

/**
 * The current org tree, as the access policy needs it. Implemented by the org-unit feature; declared
 * here so that the policy depends on no feature (and no feature package depends on another in a cycle).
 */
public interface OrgTree {

    /**
     * The current paths a caller's scope is checked against for objects of {@code unitCode}: the unit's own
     * path, then the path of the unit it was closed into (its successor, and theirs), so that the officers
     * of a merged commune see what its predecessors did. Empty for an unknown code.
     */
    List<List<String>> scopePaths(String unitCode);

    /** The unit's current path, root first, the unit itself last; empty for an unknown code. */
    List<String> pathOf(String unitCode);
}
