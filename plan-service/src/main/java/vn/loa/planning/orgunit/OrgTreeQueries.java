package vn.loa.planning.orgunit;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What is set-based about the tree, on JdbcClient: path rewrites of whole subtrees, scope checks over
 * paths and successors, counts, and the levels (reference data). Implemented by {@link OrgTreeQueriesImpl}.
 */
interface OrgTreeQueries {

    /** Serializes changes of the tree's shape (register, move, close, merge) across replicas, until commit. */
    void lockTree();

    Optional<Integer> levelRank(String level);

    void upsertLevel(String code, String name, int rank);

    /** Units below {@code code} (not the unit itself), and the depth of the deepest one below it (0: a leaf). */
    record Subtree(int size, int depth) {
    }

    Subtree subtree(String code);

    /** A unit below a moved unit, with its new path. */
    record Rewritten(String code, String parentCode, List<String> path) {
    }

    /**
     * Gives every unit below {@code code} the path {@code newPath} + its part below {@code code}, and a new
     * version (its ETag changes, a concurrent change of it fails with 412). Depth-first order.
     */
    List<Rewritten> rewriteDescendantPaths(String code, List<String> newPath);

    /** The path of {@code unit}, then the paths of its successor chain (what it was closed into, and so on). */
    List<List<String>> scopePaths(String unit);

    List<String> activeChildren(String code);

    Map<String, List<String>> predecessors(Collection<String> codes);
}
