package vn.loa.reporting.report;

public enum ReportStatus {
    DRAFT, SUBMITTED, APPROVED, RETURNED;

    /** Counted as received by completeness and timeliness (DHIS2: a completed data set). */
    public boolean received() {
        return this == SUBMITTED || this == APPROVED;
    }
}
