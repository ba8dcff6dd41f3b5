package vn.loa.planning.plan;

import com.fasterxml.jackson.annotation.JsonInclude;

import java.time.Instant;
import java.time.LocalDate;

@JsonInclude(JsonInclude.Include.NON_NULL)
record VersionSummary(int version, String kind, String reason, String documentNumber, LocalDate issuedOn,
                      Instant recordedAt, String recordedBy) {
}
