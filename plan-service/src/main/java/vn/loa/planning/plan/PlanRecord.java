package vn.loa.planning.plan;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

/** A plan as stored: key columns plus its sections. */
record PlanRecord(
        UUID id,
        String orgUnit,
        List<String> orgUnitPath,
        int year,
        PlanStatus status,
        int rowVersion,
        int version,
        String documentNumber,
        LocalDate issuedOn,
        String issuerName,
        PlanContent content,
        Instant createdAt,
        String createdBy,
        Instant updatedAt,
        String updatedBy,
        Instant closedAt,
        String closedBy) {

    PlanRecord {
        orgUnitPath = List.copyOf(orgUnitPath);
    }

    String etag() {
        return "\"" + rowVersion + "\"";
    }

    PlanRecord withContent(int newYear, PlanContent newContent, Instant at, String by) {
        return new PlanRecord(id, orgUnit, orgUnitPath, newYear, status, rowVersion, version, documentNumber, issuedOn,
                issuerName, newContent, createdAt, createdBy, at, by, closedAt, closedBy);
    }

    PlanRecord issued(String number, LocalDate on, String issuer, Instant at, String by) {
        return new PlanRecord(id, orgUnit, orgUnitPath, year, PlanStatus.ISSUED, rowVersion, 1, number, on,
                issuer, content, createdAt, createdBy, at, by, closedAt, closedBy);
    }

    PlanRecord amended(PlanContent newContent, Instant at, String by) {
        return new PlanRecord(id, orgUnit, orgUnitPath, year, status, rowVersion, version + 1, documentNumber, issuedOn,
                issuerName, newContent, createdAt, createdBy, at, by, closedAt, closedBy);
    }

    PlanRecord closed(Instant at, String by) {
        return new PlanRecord(id, orgUnit, orgUnitPath, year, PlanStatus.CLOSED, rowVersion, version, documentNumber,
                issuedOn, issuerName, content, createdAt, createdBy, at, by, at, by);
    }
}
