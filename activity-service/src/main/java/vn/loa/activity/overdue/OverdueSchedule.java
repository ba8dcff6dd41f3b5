package vn.loa.activity.overdue;

import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/** Runs the overdue job on every instance; the job itself makes that safe. Off in tests that drive it by hand. */
@Component
@ConditionalOnProperty(name = "loa.overdue.enabled", havingValue = "true", matchIfMissing = true)
class OverdueSchedule {

    private final OverdueJob job;

    OverdueSchedule(OverdueJob job) {
        this.job = job;
    }

    @Scheduled(fixedDelayString = "${loa.overdue.interval:PT1M}", initialDelayString = "${loa.overdue.initial-delay:PT20S}")
    void tick() {
        job.run();
    }
}
