package vn.loa.planning.plan;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonUnwrapped;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

/** A plan as the API returns it: key facts, the issuing body, and every section. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record PlanView(
        UUID id,
        String orgUnit,
        String orgUnitName,
        String orgUnitLevel,
        List<String> orgUnitPath,
        int year,
        PlanStatus status,
        int version,
        String documentNumber,
        LocalDate issuedOn,
        String issuer,
        String parentBody,
        String place,
        String implementsDocumentNumber,
        @JsonUnwrapped PlanContent content,
        long budgetTotalVnd,
        Instant createdAt,
        String createdBy,
        Instant updatedAt,
        String updatedBy,
        Instant closedAt,
        String closedBy,
        @JsonIgnore String etag) {
}
