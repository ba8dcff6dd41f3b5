package vn.loa.activity.plancopy;

import java.util.List;
import java.util.Set;
import java.util.UUID;

/** What activity-service knows of a plan, built from plan-* events. */
public record PlanCopy(UUID planId, int version, Status status, String orgUnit, String orgUnitName,
                       List<String> orgUnitPath, Integer year, String documentNumber, String title,
                       Set<String> targetCodes, Set<String> unitCodes, Set<String> topicCodes, Set<String> channels,
                       List<PlanTarget> targets) {

    public enum Status { ISSUED, CLOSED }

    /** A channel the plan lists, or that one of its targets is met through (or any, if the plan lists none). */
    public boolean usesChannel(String channel) {
        return channels.isEmpty() || channels.contains(channel)
                || targets.stream().anyMatch(t -> channel.equals(t.channel()));
    }

    public boolean issued() {
        return status == Status.ISSUED;
    }
}
