package vn.loa.planning.plan;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonUnwrapped;

import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;

/** One issued version of a plan (1 = as issued, then one per amendment), as it was. */
@JsonInclude(JsonInclude.Include.NON_NULL)
record VersionView(
        UUID planId,
        int version,
        String kind,
        String reason,
        String documentNumber,
        LocalDate issuedOn,
        Instant recordedAt,
        String recordedBy,
        @JsonUnwrapped PlanContent content) {
}
