package vn.loa.reporting.period;

/** How a quarter's data window is cut. */
public enum CalendarKind {
    /** Calendar quarters: Q1 = 1 January to 31 March. */
    CALENDAR,
    /**
     * Decree 09/2019/NĐ-CP cut-off: from the 15th of the month before the quarter to the 14th of
     * its last month (Q1 2022 = 2021-12-15..2022-03-14).
     */
    DECREE_09
}
