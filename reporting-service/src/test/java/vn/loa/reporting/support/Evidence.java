package vn.loa.reporting.support;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** evidence-added / evidence-removed data as activity-service publishes it (infra/contracts, EVENTS.md). */
public final class Evidence {

    private Evidence() {
    }

    public static Map<String, Object> added(UUID id, Activity activity, String name, String contentType, long size,
                                            String sha256) {
        Map<String, Object> d = new LinkedHashMap<>();
        d.put("evidenceId", id.toString());
        d.put("activityId", activity.id().toString());
        d.put("planId", activity.planId().toString());
        d.put("orgUnit", activity.orgUnit());
        d.put("orgUnitPath", activity.path());
        d.put("name", name);
        d.put("contentType", contentType);
        d.put("size", size);
        d.put("sha256", sha256);
        d.put("uploadedBy", "vhtt");
        d.put("uploadedAt", "2022-02-01T17:00:00+07:00");
        return d;
    }

    public static Map<String, Object> removed(UUID id, Activity activity, String name, String sha256) {
        Map<String, Object> d = added(id, activity, name, "image/jpeg", 1, sha256);
        d.keySet().removeAll(List.of("contentType", "size", "uploadedBy", "uploadedAt"));
        d.put("removedBy", "vhtt");
        d.put("removedAt", "2022-02-02T08:00:00+07:00");
        return d;
    }
}
