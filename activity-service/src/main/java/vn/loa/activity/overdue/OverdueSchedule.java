package vn.loa.activity.overdue;

import net.javacrumbs.shedlock.spring.annotation.SchedulerLock;
import org.springframework.stereotype.Component;

/**
 * One overdue scan, run by one replica at a time: ShedLock's {@code shedlock} row "activity-overdue" (database
 * time, so the replicas' clocks do not matter). The other replicas skip the tick; the job itself is safe to
 * run twice (FOR UPDATE SKIP LOCKED), the lock saves the duplicate work. Triggered by {@link OverdueTrigger}.
 */
@Component
public class OverdueSchedule {

    static final String LOCK = "activity-overdue";

    private final OverdueJob job;

    OverdueSchedule(OverdueJob job) {
        this.job = job;
    }

    /**
     * @return how many activities this replica announced, or null when another replica held the lock (skipped)
     */
    @SchedulerLock(name = LOCK, lockAtMostFor = "${loa.overdue.lock-at-most-for:PT10M}",
            lockAtLeastFor = "${loa.overdue.lock-at-least-for:PT5S}")
    public Integer tick() {
        return job.run();
    }
}
