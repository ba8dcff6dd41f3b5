package vn.loa.activity.activity;

import java.util.List;

/**
 * Who acts, as the application service needs it: a name for the record, the org unit whose subtree they
 * see (null: everything, for internal callers such as the demo seeder) and whether they may change things.
 */
public record Caller(String username, String orgUnit, boolean canWrite) {

    public static Caller system(String name) {
        return new Caller(name, null, true);
    }

    public boolean covers(List<String> orgUnitPath) {
        return orgUnit == null || orgUnitPath.contains(orgUnit);
    }
}
