package vn.loa.notification.events;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;
import vn.loa.messaging.EventRoutes;
import vn.loa.messaging.InboundEvents;
import vn.loa.messaging.Topics;

/** Consumes every topic: notification-service hears of everything (DESIGN.md §3). */
@Component
class EventListener {

    static final String CONSUMER = "notification";

    private final EventRoutes routes;

    EventListener(InboundEvents inbound, EventHandlers h, ReportReminders reminders) {
        this.routes = inbound.routes(CONSUMER)
                .on(OrgUnitRegistered.class, h::orgUnitRegistered)
                .on(OrgUnitMoved.class, h::orgUnitMoved)
                .on(OrgUnitClosed.class, h::orgUnitClosed)
                .on(OrgUnitsMerged.class, h::orgUnitsMerged)
                .on(PlanIssued.class, h::planIssued)
                .on(PlanAmended.class, h::planAmended)
                .on(PlanClosed.class, h::planClosed)
                .on(ActivityScheduled.class, h::activityScheduled)
                .on(ActivityCompleted.class, h::activityCompleted)
                .on(ActivityCancelled.class, h::activityCancelled)
                .on(ActivityOverdue.class, h::activityOverdue)
                .on(QuarterClosed.class, h::quarterClosed)
                .on(QuarterReopened.class, h::quarterReopened)
                .on(ReportSubmitted.class, h::reportSubmitted)
                .on(ReportApproved.class, h::reportApproved)
                .on(ReportReturned.class, h::reportReturned)
                .on(ReportDue.class, reminders::reportDue)
                .on(ReportOverdue.class, reminders::reportOverdue)
                .build();
    }

    @KafkaListener(topics = {Topics.ORG_UNIT_EVENTS, Topics.PLAN_EVENTS, Topics.ACTIVITY_EVENTS,
            Topics.PERIOD_EVENTS, Topics.REPORT_EVENTS})
    void on(ConsumerRecord<String, String> record) {
        routes.dispatch(record);
    }
}
