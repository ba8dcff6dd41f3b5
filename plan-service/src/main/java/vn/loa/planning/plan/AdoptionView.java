package vn.loa.planning.plan;

import com.fasterxml.jackson.annotation.JsonInclude;

import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

/** Per child org unit of the issuer: its implementing plan (if any) and which of the plan's targets it adopted or dropped. */
@JsonInclude(JsonInclude.Include.NON_NULL)
record AdoptionView(
        UUID planId,
        String orgUnit,
        String documentNumber,
        List<String> targetCodes,
        int childCount,
        int issuedCount,
        List<Child> children) {

    @JsonInclude(JsonInclude.Include.NON_NULL)
    record Child(String orgUnit, String orgUnitName, ImplementingPlan plan,
                 List<String> adoptedTargetCodes, List<String> droppedTargetCodes) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    record ImplementingPlan(UUID id, PlanStatus status, String documentNumber, LocalDate issuedOn, int version) {
    }
}
