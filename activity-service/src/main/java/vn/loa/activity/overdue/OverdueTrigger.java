package vn.loa.activity.overdue;

import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/** Ticks the overdue scan on every replica; {@link OverdueSchedule}'s lock lets one run. Off in tests that drive it. */
@Component
@ConditionalOnProperty(name = "loa.overdue.enabled", havingValue = "true", matchIfMissing = true)
class OverdueTrigger {

    private final OverdueSchedule schedule;

    OverdueTrigger(OverdueSchedule schedule) {
        this.schedule = schedule;
    }

    @Scheduled(fixedDelayString = "${loa.overdue.interval:PT1M}", initialDelayString = "${loa.overdue.initial-delay:PT20S}")
    void fire() {
        schedule.tick();
    }
}
