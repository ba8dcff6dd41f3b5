package vn.loa.planning.access;

import java.util.List;

/**
 * The current org tree, as the access policy needs it. Implemented by the org-unit feature; declared
 * here so that the policy depends on no feature (and no feature package depends on another in a cycle).
 */
public interface OrgTree {

    /**
     * Whether {@code scopeCode} lies on the current path of {@code unitCode}, or on the path of a unit
     * that {@code unitCode} was closed into (its successor, and theirs): the officers of a merged
     * commune see what its predecessors did.
     */
    boolean isWithin(String unitCode, String scopeCode);

    /** The unit's current path, root first, the unit itself last; empty for an unknown code. */
    List<String> pathOf(String unitCode);
}
