package vn.loa.notification.recipients;

import vn.loa.notification.orgunit.OrgUnit;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/** Who hears what (issue 7). Plain rules, no Spring: each answers a de-duplicated, ordered list. */
public final class RecipientRules {

    /** The commune's culture–information officer, who also hears of every overdue activity. */
    public static final String CULTURE_INFORMATION_UNIT = "van-hoa-thong-tin";

    private RecipientRules() {
    }

    /**
     * plan-issued / plan-amended: the plan's recipients (*nơi nhận*, matched by name against the
     * org tree) and every assigned unit, lead and coordinating.
     */
    public static List<Recipient> forPlan(String orgUnit, List<String> orgUnitPath, List<String> assignedUnits,
                                          List<String> recipientLines, OrgUnit own, OrgUnit parent,
                                          List<OrgUnit> children) {
        List<Recipient> out = new ArrayList<>();
        for (String unit : nn(assignedUnits)) {
            if (unit != null && !unit.isBlank()) {
                out.add(Recipient.unit(orgUnit, unit, orgUnitPath));
            }
        }
        for (String line : nn(recipientLines)) {
            out.addAll(PlanRecipientMatcher.match(line, own, parent, children));
        }
        return distinct(out);
    }

    /** activity-scheduled and its due-date reminders: the unit in charge and the coordinating units. */
    public static List<Recipient> forActivity(String orgUnit, List<String> orgUnitPath, String unit,
                                              List<String> coordinatingUnits) {
        List<Recipient> out = new ArrayList<>();
        out.add(Recipient.unit(orgUnit, unit, orgUnitPath));
        for (String c : nn(coordinatingUnits)) {
            out.add(Recipient.unit(orgUnit, c, orgUnitPath));
        }
        return distinct(out);
    }

    /** activity-overdue: the unit in charge and the commune's culture–information officer. */
    public static List<Recipient> forOverdue(String orgUnit, List<String> orgUnitPath, String unit) {
        return distinct(List.of(Recipient.unit(orgUnit, unit, orgUnitPath),
                Recipient.unit(orgUnit, CULTURE_INFORMATION_UNIT, orgUnitPath)));
    }

    /** report-submitted: the district the commune reports to. */
    public static List<Recipient> forDistrict(String district, List<String> communePath) {
        List<String> path = nn(communePath);
        int at = path.indexOf(district);
        List<String> districtPath = at >= 0 ? path.subList(0, at + 1) : List.of(district);
        return List.of(Recipient.orgUnit(district, districtPath));
    }

    /** quarter-closed / quarter-reopened (each commune concerned), report-approved / report-returned and report reminders: the commune. */
    public static List<Recipient> forCommune(String orgUnit, List<String> orgUnitPath) {
        return List.of(Recipient.orgUnit(orgUnit, orgUnitPath));
    }

    static List<Recipient> distinct(Collection<Recipient> recipients) {
        Map<String, Recipient> byKey = new LinkedHashMap<>();
        recipients.stream().filter(Objects::nonNull).forEach(r -> byKey.putIfAbsent(r.key(), r));
        return List.copyOf(byKey.values());
    }

    private static <T> List<T> nn(List<T> list) {
        return list == null ? List.of() : list;
    }
}
