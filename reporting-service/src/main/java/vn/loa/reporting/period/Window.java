package vn.loa.reporting.period;

import java.time.LocalDate;

/** A data window, both dates inclusive. */
public record Window(LocalDate from, LocalDate to) {

    public boolean contains(LocalDate date) {
        return !date.isBefore(from) && !date.isAfter(to);
    }
}
