package vn.loa.activity.orgunit;

import java.util.List;

/**
 * Published (in-process, in the transaction that applies {@code org-unit-moved}) so that each feature rewrites
 * the org-unit paths it copied onto its own rows: every path that contains {@code code} becomes {@code newPath}
 * followed by its part below {@code code}. Scope checks never read those copies (they read {@link OrgTree}); the
 * copies are kept current for what the service publishes.
 */
public record SubtreeMoved(String code, List<String> newPath) {
}
