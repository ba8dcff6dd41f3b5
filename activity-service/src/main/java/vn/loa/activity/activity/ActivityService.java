package vn.loa.activity.activity;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import vn.loa.activity.orgunit.OrgUnits;
import vn.loa.activity.periodlock.PeriodLockPolicy;
import vn.loa.activity.periodlock.PeriodLocks;
import vn.loa.activity.periodlock.PeriodWindow;
import vn.loa.activity.plancopy.PlanCopies;
import vn.loa.activity.plancopy.PlanCopy;
import vn.loa.activity.support.Problems;
import vn.loa.messaging.EventPublisher;
import vn.loa.support.web.ApiException;
import vn.loa.support.web.ETags;
import vn.loa.support.web.FieldError;

import java.net.URI;
import java.text.Normalizer;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/** Schedules and carries out activities; every change and its event commit together. */
@Service
public class ActivityService {

    private final ActivityRepository activities;
    private final PlanCopies plans;
    private final PeriodLocks locks;
    private final OrgUnits orgUnits;
    private final EventPublisher events;
    private final Clock clock;

    ActivityService(ActivityRepository activities, PlanCopies plans, PeriodLocks locks, OrgUnits orgUnits,
                    EventPublisher events, Clock clock) {
        this.activities = activities;
        this.plans = plans;
        this.locks = locks;
        this.orgUnits = orgUnits;
        this.events = events;
        this.clock = clock;
    }

    public record Page(List<ActivityView> items, int page, int size, long total) {
    }

    @Transactional
    public ActivityView create(Caller caller, NewActivity cmd) {
        return create(caller, cmd, true);
    }

    /** @param enforceLocks false only for recorded history (demo data), which was entered before any close */
    @Transactional
    public ActivityView create(Caller caller, NewActivity cmd, boolean enforceLocks) {
        requireWrite(caller);
        if (cmd.planId() == null) {
            throw Problems.validation(List.of(Problems.field("planId", "is required")));
        }
        // A plan outside the caller's scope is treated as one we do not know.
        PlanCopy plan = plans.find(cmd.planId()).filter(PlanCopy::issued).filter(p -> caller.covers(p.orgUnitPath()))
                .orElseThrow(() -> Problems.unprocessable("plan-not-issued",
                        "Plan " + cmd.planId() + " is not known as issued; activities can only be scheduled under an issued plan."));
        List<FieldError> errors = validate(cmd, plan);
        if (!errors.isEmpty()) {
            throw Problems.validation(errors);
        }
        Instant now = clock.instant();
        if (enforceLocks) {
            // An activity due in a closed period would change that period's frozen figures.
            refuseIfLocked(plan.orgUnit(), cmd.dueDate(), now);
        }
        Activity a = new Activity(UUID.randomUUID(), plan.planId(), plan.documentNumber(), plan.orgUnit(),
                plan.orgUnitPath(), nfc(cmd.title().strip()), cmd.channel(), list(cmd.topics()), list(cmd.targetCodes()),
                cmd.unit(), list(cmd.coordinatingUnits()), cmd.dueDate(), cmd.plannedQuantity(), ActivityStatus.PLANNED,
                1, caller.username(), now, null, null, null, null, null);
        activities.insert(a);
        events.publish(a.planId().toString(), a.id().toString(), new ActivityEvents.ActivityScheduled(a.id(),
                a.planId(), a.planDocumentNumber(), a.orgUnit(), a.orgUnitPath(), a.title(), a.channel(), a.topics(),
                a.targetCodes(), a.unit(), a.coordinatingUnits(), a.dueDate(), a.plannedQuantity(), caller.username(),
                offset(now)));
        return view(a);
    }

    /**
     * What would refuse this new activity, without creating it (the CSV import reports these per row).
     * Same rules as {@link #create}.
     */
    @Transactional(readOnly = true)
    public List<FieldError> problemsOf(Caller caller, NewActivity cmd) {
        if (cmd.planId() == null) {
            return List.of(Problems.field("planId", "is required"));
        }
        Optional<PlanCopy> plan = plans.find(cmd.planId()).filter(PlanCopy::issued).filter(p -> caller.covers(p.orgUnitPath()));
        if (plan.isEmpty()) {
            return List.of(Problems.field("planId", "plan-not-issued: plan " + cmd.planId() + " is not known as issued"));
        }
        List<FieldError> errors = validate(cmd, plan.get());
        if (errors.isEmpty()) {
            lockRefusal(plan.get().orgUnit(), cmd.dueDate(), clock.instant())
                    .ifPresent(refusal -> errors.add(Problems.field("dueDate",
                            "period-locked: " + refusal.detail(orgUnits.nameOf(plan.get().orgUnit())))));
        }
        return errors;
    }

    /** Field errors of a new activity against its plan (the 422 validation-failed of API.md). */
    static List<FieldError> validate(NewActivity cmd, PlanCopy plan) {
        List<FieldError> errors = new ArrayList<>();
        if (cmd.title() == null || cmd.title().isBlank()) {
            errors.add(Problems.field("title", "is required"));
        } else if (cmd.title().length() > 500) {
            errors.add(Problems.field("title", "is longer than 500 characters"));
        }
        if (cmd.channel() == null || !Channel.known(cmd.channel())) {
            errors.add(Problems.field("channel", "unknown channel '" + cmd.channel() + "'"));
        } else if (!plan.usesChannel(cmd.channel())) {
            errors.add(Problems.field("channel", "channel " + cmd.channel() + " is not a channel of plan " + plan.documentNumber()));
        }
        if (cmd.unit() == null || cmd.unit().isBlank()) {
            errors.add(Problems.field("unit", "is required"));
        } else if (!plan.unitCodes().contains(cmd.unit())) {
            errors.add(Problems.field("unit", "unknown unit '" + cmd.unit() + "' in " + plan.orgUnit()));
        }
        unknown(errors, "coordinatingUnits", cmd.coordinatingUnits(), plan.unitCodes(), "unit");
        unknown(errors, "targetCodes", cmd.targetCodes(), plan.targetCodes(), "target");
        if (!plan.topicCodes().isEmpty()) {
            unknown(errors, "topics", cmd.topics(), plan.topicCodes(), "topic");
        }
        if (cmd.dueDate() == null) {
            errors.add(Problems.field("dueDate", "is required"));
        }
        if (cmd.plannedQuantity() != null && cmd.plannedQuantity().signum() < 0) {
            errors.add(Problems.field("plannedQuantity", "must not be negative"));
        }
        return errors;
    }

    private static void unknown(List<FieldError> errors, String field, List<String> values, Set<String> known, String what) {
        if (values == null) {
            return;
        }
        for (String v : values) {
            if (!known.contains(v)) {
                errors.add(Problems.field(field, "unknown " + what + " '" + v + "'"));
            }
        }
    }

    @Transactional(readOnly = true)
    public ActivityView get(Caller caller, UUID id) {
        return view(visible(caller, activities.find(id), id));
    }

    @Transactional(readOnly = true)
    public Page list(Caller caller, UUID planId, ActivityStatus status, String unit, Boolean overdue, int page, int size) {
        ActivityRepository.Filter filter = new ActivityRepository.Filter(caller.orgUnit(), planId, status, unit, overdue,
                Overdue.today(clock));
        LocalDate today = Overdue.today(clock);
        List<ActivityView> items = activities.list(filter, page, size).stream().map(a -> ActivityView.of(a, today)).toList();
        return new Page(items, page, size, activities.count(filter));
    }

    @Transactional
    public ActivityView start(Caller caller, UUID id, String ifMatch) {
        Activity a = writable(caller, id, ifMatch);
        Activity next = transition(() -> a.start(caller.username(), clock.instant()));
        activities.update(next);
        return view(next);
    }

    @Transactional
    public ActivityView complete(Caller caller, UUID id, String ifMatch, CompletionRequest req) {
        return complete(caller, id, ifMatch, req, true);
    }

    /** @param enforceLocks false only for recorded history (demo data), which was entered before any close */
    @Transactional
    public ActivityView complete(Caller caller, UUID id, String ifMatch, CompletionRequest req, boolean enforceLocks) {
        Activity a = writable(caller, id, ifMatch);
        LocalDate today = Overdue.today(clock);
        List<FieldError> errors = new ArrayList<>();
        if (req.completedOn() == null) {
            errors.add(Problems.field("completedOn", "is required"));
        } else if (req.completedOn().isAfter(today)) {
            errors.add(Problems.field("completedOn", "is in the future (today is " + today + " in Asia/Ho_Chi_Minh)"));
        }
        if (req.quantity() == null) {
            errors.add(Problems.field("quantity", "is required"));
        } else if (req.quantity().signum() < 0) {
            errors.add(Problems.field("quantity", "must not be negative"));
        }
        if (req.reach() != null && req.reach() < 0) {
            errors.add(Problems.field("reach", "must not be negative"));
        }
        if (req.costVnd() != null && req.costVnd() < 0) {
            errors.add(Problems.field("costVnd", "must not be negative"));
        }
        List<Evidence> evidence = req.evidence() == null ? List.of() : req.evidence();
        for (int i = 0; i < evidence.size(); i++) {
            Evidence e = evidence.get(i);
            if (e == null || (blank(e.url()) && blank(e.note()))) {
                errors.add(Problems.field("evidence[" + i + "]", "needs a url or a note"));
            } else if (!blank(e.url()) && !httpUrl(e.url())) {
                errors.add(Problems.field("evidence[" + i + "].url", "is not an http(s) URL"));
            }
        }
        if (!errors.isEmpty()) {
            throw Problems.badRequest(errors);
        }
        if (!a.status().open()) {
            throw Problems.conflict("invalid-transition", "Cannot complete an activity that is " + a.status() + ".");
        }
        List<PeriodWindow> windows = locks.windowsOf(a.orgUnit());
        Instant now = clock.instant();
        if (enforceLocks) {
            refuseIfLocked(a.orgUnit(), req.completedOn(), now);
        }
        String period = PeriodLockPolicy.periodOf(req.completedOn(), windows);
        List<Evidence> clean = evidence.stream().map(e -> new Evidence(blank(e.url()) ? null : e.url().strip(),
                blank(e.note()) ? null : nfc(e.note()))).toList();
        Activity next = transition(() -> a.complete(new Activity.Completion(req.completedOn(), req.quantity(),
                req.reach(), req.costVnd(), clean, period, caller.username(), now)));
        activities.update(next);
        events.publish(a.planId().toString(), a.id().toString(), new ActivityEvents.ActivityCompleted(a.id(),
                a.planId(), a.planDocumentNumber(), a.orgUnit(), a.orgUnitPath(), a.title(), a.channel(),
                a.targetCodes(), a.unit(), a.coordinatingUnits(), a.dueDate(), req.completedOn(), period,
                req.quantity(), req.reach(), req.costVnd(), clean, caller.username(), offset(now)));
        return view(next);
    }

    @Transactional
    public ActivityView cancel(Caller caller, UUID id, String ifMatch, CancellationRequest req) {
        return cancel(caller, id, ifMatch, req, true);
    }

    /** @param enforceLocks false only for recorded history (demo data), which was entered before any close */
    @Transactional
    public ActivityView cancel(Caller caller, UUID id, String ifMatch, CancellationRequest req, boolean enforceLocks) {
        if (req == null || blank(req.reason())) {
            throw Problems.badRequest(List.of(Problems.field("reason", "is required")));
        }
        Activity a = writable(caller, id, ifMatch);
        Instant now = clock.instant();
        if (enforceLocks && a.status().open()) {
            // Cancelling takes the activity out of its period's figures: not once that period is closed.
            refuseIfLocked(a.orgUnit(), a.dueDate(), now);
        }
        Activity next = transition(() -> a.cancel(new Activity.Cancellation(nfc(req.reason().strip()), caller.username(), now)));
        activities.update(next);
        events.publish(a.planId().toString(), a.id().toString(), new ActivityEvents.ActivityCancelled(a.id(),
                a.planId(), a.orgUnit(), a.orgUnitPath(), a.title(), a.channel(), a.targetCodes(), a.unit(),
                a.coordinatingUnits(), a.dueDate(), next.cancellation().reason(), caller.username(), offset(now)));
        return view(next);
    }

    /**
     * 409 {@code period-locked} if {@code date} lies in a closed period of {@code orgUnit} (closed by
     * reporting-service, as announced by its quarter events): says which period, who closed it and when, and how
     * to ask for reopening; the same facts as problem members ({@code period}, {@code closedBy}, {@code closedAt},
     * {@code reopen}).
     */
    private void refuseIfLocked(String orgUnit, LocalDate date, Instant now) {
        Optional<PeriodLockPolicy.Refusal> refusal = lockRefusal(orgUnit, date, now);
        if (refusal.isPresent()) {
            PeriodWindow w = refusal.get().window();
            ApiException problem = Problems.conflict("period-locked", refusal.get().detail(orgUnits.nameOf(orgUnit)))
                    .with("orgUnit", orgUnit).with("period", w.period())
                    .with("reopen", "POST /api/periods/" + w.orgUnit() + "/" + w.period() + "/reopen");
            if (w.closedBy() != null) {
                problem.with("closedBy", w.closedBy());
            }
            if (w.closedAt() != null) {
                problem.with("closedAt", offset(w.closedAt()));
            }
            throw problem;
        }
    }

    private Optional<PeriodLockPolicy.Refusal> lockRefusal(String orgUnit, LocalDate date, Instant now) {
        if (date == null) {
            return Optional.empty();
        }
        return PeriodLockPolicy.check(date, now, locks.windowsOf(orgUnit));
    }

    private Activity writable(Caller caller, UUID id, String ifMatch) {
        // Scope first, role second: a caller must not learn that an activity exists by a 403.
        Activity a = visible(caller, activities.lock(id), id);
        requireWrite(caller);
        ETags.checkIfMatch(ifMatch, a.version());
        return a;
    }

    private static Activity visible(Caller caller, Optional<Activity> found, UUID id) {
        return found.filter(a -> caller.covers(a.orgUnitPath()))
                .orElseThrow(() -> Problems.notFound("Activity " + id + " not found."));
    }

    private static void requireWrite(Caller caller) {
        if (!caller.canWrite()) {
            throw Problems.forbidden("Your role may read activities but not change them.");
        }
    }

    private static Activity transition(java.util.function.Supplier<Activity> step) {
        try {
            return step.get();
        } catch (InvalidTransitionException e) {
            throw Problems.conflict("invalid-transition", e.getMessage());
        }
    }

    private ActivityView view(Activity a) {
        return ActivityView.of(a, Overdue.today(clock));
    }

    private static OffsetDateTime offset(Instant instant) {
        return instant.atZone(Overdue.ZONE).toOffsetDateTime();
    }

    private static List<String> list(List<String> values) {
        return values == null ? List.of() : values.stream().filter(Objects::nonNull).map(String::strip).toList();
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }

    private static boolean httpUrl(String s) {
        try {
            URI uri = new URI(s.strip());
            return uri.isAbsolute() && ("http".equalsIgnoreCase(uri.getScheme()) || "https".equalsIgnoreCase(uri.getScheme()));
        } catch (Exception e) {
            return false;
        }
    }

    static String nfc(String s) {
        return s == null ? null : Normalizer.normalize(s, Normalizer.Form.NFC);
    }
}
