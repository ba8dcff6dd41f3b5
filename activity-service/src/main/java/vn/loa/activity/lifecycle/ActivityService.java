package vn.loa.activity.lifecycle;

import jakarta.persistence.EntityManager;
import org.hibernate.Session;
import org.springframework.dao.OptimisticLockingFailureException;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.transaction.support.TransactionTemplate;
import vn.loa.activity.access.AccessPolicy;
import vn.loa.activity.orgunit.OrgTree;
import vn.loa.activity.periodlock.PeriodLockPolicy;
import vn.loa.activity.periodlock.PeriodLocks;
import vn.loa.activity.periodlock.PeriodWindow;
import vn.loa.activity.plancopy.PlanCopies;
import vn.loa.activity.plancopy.PlanCopy;
import vn.loa.common.problem.FieldText;
import vn.loa.common.problem.ProblemCode;
import vn.loa.messaging.EventPublisher;
import vn.loa.support.security.CurrentUser;
import vn.loa.support.web.ApiException;
import vn.loa.support.web.IfMatch;

import javax.sql.DataSource;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * Schedules, carries out and corrects activities. Each change loads one {@link Activity} aggregate, checks the
 * caller ({@link AccessPolicy}) and If-Match against its {@code @Version}, changes it, appends its history
 * ({@link ActivityChange}) and writes its event to the outbox — one JPA transaction. The completion, the hot path,
 * does the same on JdbcClient ({@link ActivityRows}: one read, one statement for the versioned update and its history,
 * measured in the README). Lists are set-based reads ({@link ActivityQueries}).
 */
@Service
public class ActivityService {

    private final ActivityRepository activities;
    private final ActivityChanges history;
    private final ActivityQueries queries;
    private final PlanCopies plans;
    private final PeriodLocks locks;
    private final OrgTree tree;
    private final AccessPolicy access;
    private final EventPublisher events;
    private final Clock clock;
    private final ActivityRows rows;
    private final EntityManager entityManager;
    /** The application's transaction manager (JPA): joins the caller's transaction. */
    private final TransactionTemplate joined;
    /**
     * A completion's own transaction, on the same DataSource without JPA. Not a bean: a second transaction manager
     * bean would turn off Spring Boot's JPA one.
     */
    private final TransactionTemplate jdbcOnly;

    ActivityService(ActivityRepository activities, ActivityChanges history, ActivityQueries queries, PlanCopies plans,
                    PeriodLocks locks, OrgTree tree, AccessPolicy access, EventPublisher events, Clock clock,
                    ActivityRows rows, EntityManager entityManager, PlatformTransactionManager transactionManager,
                    DataSource dataSource) {
        this.rows = rows;
        this.entityManager = entityManager;
        this.joined = new TransactionTemplate(transactionManager);
        this.jdbcOnly = new TransactionTemplate(new DataSourceTransactionManager(dataSource));
        this.activities = activities;
        this.history = history;
        this.queries = queries;
        this.plans = plans;
        this.locks = locks;
        this.tree = tree;
        this.access = access;
        this.events = events;
        this.clock = clock;
    }

    // --- scheduling ---

    @Transactional
    public ActivityView create(CurrentUser user, NewActivity cmd) {
        return create(user, cmd, true);
    }

    /** @param enforceLocks false only for recorded history (demo data), which was entered before any close */
    @Transactional
    public ActivityView create(CurrentUser user, NewActivity cmd, boolean enforceLocks) {
        access.requireWriter(user);
        if (cmd.planId() == null) {
            throw ApiException.invalid("planId", "field.required");
        }
        // A plan outside the caller's scope is treated as one we do not know.
        PlanCopy plan = issuedPlanInScope(user, cmd.planId())
                .orElseThrow(() -> ApiException.of(ProblemCode.PLAN_NOT_ISSUED, "activity", String.valueOf(cmd.planId())));
        List<FieldText> errors = ActivityRules.validate(cmd, plan);
        if (!errors.isEmpty()) {
            throw ApiException.invalidAgainst(errors); // 422, as API.md states for an unknown target or unit
        }
        Optional<LocalDate> closed = tree.closedOn(plan.orgUnit());
        if (closed.isPresent()) {
            throw ApiException.of(ProblemCode.ORG_UNIT_CLOSED, "activity", tree.nameOf(plan.orgUnit()),
                    closed.get().toString());
        }
        Instant now = clock.instant();
        if (enforceLocks) {
            // An activity due in a closed period would change that period's frozen figures.
            refuseIfLocked(plan.orgUnit(), cmd.dueDate(), now, locks.windowsOf(plan.orgUnit()));
        }
        List<EventPublisher.Event> scheduled = new ArrayList<>(1);
        Activity a = schedule(user, plan, currentPath(plan), cmd, now, scheduled);
        events.publishAll(scheduled);
        return view(a);
    }

    /** One row of an import: its line in the file, the activity it asks for, and the errors found reading it. */
    public record Row(long row, NewActivity cmd, List<FieldText> errors) {
    }

    /** What became of one row: the activity scheduled (null in a preview or when refused), or why it was refused. */
    public record RowOutcome(long row, UUID activityId, List<FieldText> errors) {

        public boolean accepted() {
            return errors.isEmpty();
        }
    }

    /**
     * Checks every row as POST /api/activities would (plan, scope, references, period locks) and, unless
     * {@code keep} is false (a preview), schedules the good ones: one transaction, the inserts batched, each
     * with its {@code activity-scheduled} (written to the outbox in one batch at the end, in row order). The plan,
     * its scope and the commune's locks are read once per plan.
     */
    @Transactional
    public List<RowOutcome> scheduleAll(CurrentUser user, List<Row> rows, boolean keep) {
        access.requireWriter(user);
        Instant now = clock.instant();
        Map<UUID, Optional<PlanCopy>> planById = new HashMap<>();
        Map<String, List<PeriodWindow>> windowsByUnit = new HashMap<>();
        Map<String, List<String>> pathByUnit = new HashMap<>();
        Map<String, Optional<LocalDate>> closedByUnit = new HashMap<>();
        List<RowOutcome> outcomes = new ArrayList<>(rows.size());
        List<EventPublisher.Event> scheduled = new ArrayList<>(rows.size());
        for (Row row : rows) {
            List<FieldText> errors = new ArrayList<>(row.errors());
            NewActivity cmd = row.cmd();
            PlanCopy plan = null;
            if (errors.isEmpty()) {
                if (cmd.planId() == null) {
                    errors.add(FieldText.of("planId", "field.required"));
                } else {
                    plan = planById.computeIfAbsent(cmd.planId(), id -> issuedPlanInScope(user, id)).orElse(null);
                    if (plan == null) {
                        errors.add(FieldText.of("planId", "field.activity.plan-not-issued", String.valueOf(cmd.planId())));
                    }
                }
            }
            if (errors.isEmpty()) {
                errors.addAll(ActivityRules.validate(cmd, plan));
            }
            if (errors.isEmpty()) {
                String orgUnit = plan.orgUnit();
                if (closedByUnit.computeIfAbsent(orgUnit, tree::closedOn).isPresent()) {
                    errors.add(FieldText.of("planId", "field.activity.org-unit-closed", tree.nameOf(orgUnit)));
                } else {
                    List<PeriodWindow> windows = windowsByUnit.computeIfAbsent(orgUnit, locks::windowsOf);
                    lockRefusal(cmd.dueDate(), now, windows).ifPresent(refusal -> errors.add(FieldText.of("dueDate",
                            "field.activity.period-locked", refusal.text(tree.nameOf(orgUnit)))));
                }
            }
            if (!errors.isEmpty()) {
                outcomes.add(new RowOutcome(row.row(), null, List.copyOf(errors)));
            } else if (keep) {
                PlanCopy p = plan;
                List<String> path = pathByUnit.computeIfAbsent(p.orgUnit(), u -> currentPath(p));
                outcomes.add(new RowOutcome(row.row(), schedule(user, p, path, cmd, now, scheduled).id(), List.of()));
            } else {
                outcomes.add(new RowOutcome(row.row(), null, List.of()));
            }
        }
        events.publishAll(scheduled);
        return outcomes;
    }

    /** Saves the activity and its first history entry; its {@code activity-scheduled} goes to {@code outgoing}, to publish. */
    private Activity schedule(CurrentUser user, PlanCopy plan, List<String> path, NewActivity cmd, Instant now,
                              List<EventPublisher.Event> outgoing) {
        Activity a = Activity.scheduled(UUID.randomUUID(), plan.planId(), plan.documentNumber(), plan.orgUnit(), path,
                ActivityRules.planning(cmd), user.username(), now);
        activities.save(a);
        history.save(ActivityChange.of(a, 1, ActivityChange.Action.SCHEDULED, user.username(), now, null, List.of()));
        Planning p = a.planning();
        outgoing.add(new EventPublisher.Event(a.planId().toString(), a.id().toString(), new ActivityEvents.ActivityScheduled(a.id(),
                a.planId(), a.planDocumentNumber(), a.orgUnit(), path, p.title(), p.channel(), p.topics(),
                p.targetCodes(), p.unit(), p.coordinatingUnits(), p.dueDate(), p.plannedQuantity(), p.plannedCostVnd(),
                p.budgetSource(), user.username(), offset(now))));
        return a;
    }

    private Optional<PlanCopy> issuedPlanInScope(CurrentUser user, UUID planId) {
        return plans.find(planId).filter(PlanCopy::issued).filter(p -> access.covers(user, p.orgUnit()));
    }

    /** The org unit's path in the current tree (the plan's copy if the tree does not know it). */
    private List<String> currentPath(PlanCopy plan) {
        List<String> path = tree.pathOf(plan.orgUnit());
        return path.isEmpty() ? plan.orgUnitPath() : path;
    }

    // --- reads ---

    @Transactional(readOnly = true)
    public ActivityView get(CurrentUser user, UUID id) {
        return view(readable(user, id));
    }

    @Transactional(readOnly = true)
    public List<HistoryEntry> history(CurrentUser user, UUID id) {
        readable(user, id);
        return history.findByKeyActivityIdOrderByKeyVersion(id).stream().map(ActivityChange::view).toList();
    }

    @Transactional(readOnly = true)
    public ActivityPage list(CurrentUser user, UUID planId, ActivityStatus status, String unit, Boolean overdue,
                             int page, int size, String after) {
        List<String> units = access.unitsInScope(user);
        ActivityQueries.Cursor cursor = null;
        if (after != null && !after.isBlank()) {
            if (page != 0) {
                throw ApiException.invalid("after", "field.activity.cursor-and-page");
            }
            try {
                cursor = ActivityQueries.Cursor.parse(after.strip());
            } catch (RuntimeException e) {
                throw ApiException.invalid("after", "field.activity.cursor");
            }
        }
        LocalDate today = Overdue.today(clock);
        ActivityQueries.Filter filter = new ActivityQueries.Filter(units, planId, status, unit, overdue, today);
        // One more than asked: whether there is a next page, without counting.
        List<ActivityView> found = queries.list(filter, cursor, cursor == null ? (long) page * size : 0, size + 1);
        List<ActivityView> items = found.size() > size ? found.subList(0, size) : found;
        String next = found.size() > size
                ? new ActivityQueries.Cursor(items.get(size - 1).dueDate(), items.get(size - 1).id()).toString() : null;
        Long total = cursor == null ? queries.count(filter) : null;
        return new ActivityPage(List.copyOf(items), page, size, total, next);
    }

    // --- changes ---

    @Transactional
    public ActivityView start(CurrentUser user, UUID id, IfMatch ifMatch) {
        Activity a = writable(user, id, ifMatch);
        Instant now = clock.instant();
        transition(() -> a.start(user.username(), now));
        activities.saveAndFlush(a);
        history.save(ActivityChange.of(a, a.version(), ActivityChange.Action.STARTED, user.username(), now, null, List.of()));
        return view(a);
    }

    public ActivityView complete(CurrentUser user, UUID id, IfMatch ifMatch, CompletionRequest req) {
        return complete(user, id, ifMatch, req, true);
    }

    /**
     * @param enforceLocks false only for recorded history (demo data), which was entered before any close
     *
     * <p>The hot path of the service (issue 17.3): the same rules and answers as the other changes, in the same
     * order, but read and written with {@link ActivityRows} (JdbcClient) instead of JPA, which cost a third of a
     * completion's CPU (README, "Write path"). On its own (an HTTP request without {@code Idempotency-Key}) it runs
     * in a plain JDBC transaction, not a JPA one: opening and closing a Hibernate session for a transaction that
     * never uses it was another twentieth. Inside a caller's transaction (the Idempotency-Key filter's, the demo
     * seeder's) it joins that one, so the change still commits with the stored answer, and a refusal marks it
     * rollback-only as {@code @Transactional} did.
     */
    public ActivityView complete(CurrentUser user, UUID id, IfMatch ifMatch, CompletionRequest req, boolean enforceLocks) {
        if (TransactionSynchronizationManager.isActualTransactionActive()) {
            return joined.execute(status -> {
                writtenThroughJpa();
                return completeInTransaction(user, id, ifMatch, req, enforceLocks);
            });
        }
        return jdbcOnly.execute(status -> completeInTransaction(user, id, ifMatch, req, enforceLocks));
    }

    private ActivityView completeInTransaction(CurrentUser user, UUID id, IfMatch ifMatch, CompletionRequest req,
                                               boolean enforceLocks) {
        // Scope first, role second, precondition last, as writable(): a caller must not learn that it exists by a 403.
        access.requireReader(user);
        Activity a = rows.find(id).orElseThrow(() -> notFound(id));
        access.requireWritable(user, a.orgUnit(), AccessPolicy.activity(id));
        ifMatch.check(a.version(), AccessPolicy.activity(id));
        int read = a.version();
        ActivityRules.Outputs outputs = new ActivityRules.Outputs(req.completedOn(), req.quantity(), req.reach(),
                req.audiences(), req.costVnd(), req.budgetSource(), req.evidence());
        List<FieldText> errors = ActivityRules.validate(outputs, Overdue.today(clock));
        if (!errors.isEmpty()) {
            throw ApiException.invalid(errors);
        }
        if (!a.status().open()) {
            throw ApiException.of(ProblemCode.INVALID_TRANSITION, "activity-complete", a.status().name());
        }
        List<PeriodWindow> windows = locks.windowsOf(a.orgUnit());
        Instant now = clock.instant();
        if (enforceLocks) {
            refuseIfLocked(a.orgUnit(), req.completedOn(), now, windows);
        }
        String period = PeriodLockPolicy.periodOf(req.completedOn(), windows);
        Completion done = ActivityRules.completion(outputs, period, user.username(), now);
        transition(() -> a.complete(done, BudgetSource.parse(req.budgetSource())));
        if (!rows.completed(a, read)) {
            // Changed since it was read (the If-Match check passed on the version read): as Hibernate's @Version check.
            throw new OptimisticLockingFailureException("activity " + id + " is no longer at version " + read);
        }
        Planning p = a.planning();
        events.publish(a.planId().toString(), a.id().toString(), new ActivityEvents.ActivityCompleted(a.id(),
                a.planId(), a.planDocumentNumber(), a.orgUnit(), a.orgUnitPath(), p.title(), p.channel(), p.topics(),
                p.targetCodes(), p.unit(), p.coordinatingUnits(), p.dueDate(), p.plannedQuantity(), p.plannedCostVnd(),
                p.budgetSource(), done.completedOn(), period, done.quantity(), done.reach(), done.audiences(),
                done.costVnd(), done.evidence(), user.username(), offset(now)));
        return ActivityView.of(a.id(), a.planId(), a.planDocumentNumber(), a.orgUnit(), p, a.status(), read + 1,
                a.createdBy(), a.createdAt(), a.startedBy(), a.startedAt(), done, null, Overdue.today(clock));
    }

    /**
     * Before a change through {@link ActivityRows}: what this transaction did through JPA goes to the database
     * first, and no managed copy of an activity stays behind to be read (or written) with the old version after
     * the change (the demo seeder creates, starts and completes in one transaction). A completion alone finds the
     * persistence context empty and pays nothing.
     */
    private void writtenThroughJpa() {
        Session session = entityManager.unwrap(Session.class);
        if (session.getStatistics().getEntityCount() > 0) {
            session.flush();
            session.clear();
        }
    }

    @Transactional
    public ActivityView cancel(CurrentUser user, UUID id, IfMatch ifMatch, CancellationRequest req) {
        return cancel(user, id, ifMatch, req, true);
    }

    /** @param enforceLocks false only for recorded history (demo data), which was entered before any close */
    @Transactional
    public ActivityView cancel(CurrentUser user, UUID id, IfMatch ifMatch, CancellationRequest req, boolean enforceLocks) {
        Activity a = writable(user, id, ifMatch);
        if (req == null || ActivityRules.blank(req.reason())) {
            throw ApiException.invalid("reason", "field.required");
        }
        Instant now = clock.instant();
        if (enforceLocks && a.status().open()) {
            // Cancelling takes the activity out of its period's figures: not once that period is closed.
            refuseIfLocked(a.orgUnit(), a.dueDate(), now, locks.windowsOf(a.orgUnit()));
        }
        String reason = ActivityRules.nfc(req.reason().strip());
        transition(() -> a.cancel(new Cancellation(reason, user.username(), now)));
        activities.saveAndFlush(a);
        history.save(ActivityChange.of(a, a.version(), ActivityChange.Action.CANCELLED, user.username(), now, reason, List.of()));
        events.publish(a.planId().toString(), a.id().toString(), new ActivityEvents.ActivityCancelled(a.id(),
                a.planId(), a.orgUnit(), a.orgUnitPath(), a.title(), a.channel(), a.targetCodes(), a.unit(),
                a.coordinatingUnits(), a.dueDate(), reason, user.username(), offset(now)));
        return view(a);
    }

    /**
     * PATCH /api/activities/{id}: corrects what was planned or, for a completed activity, what was recorded, while
     * the periods concerned are open: for an open activity the period of its due date before and after, for a
     * completed one the period of its completion date before and after (and of its due date, if that changes).
     * The change and its reason go to the history and to {@code activity-corrected}.
     */
    @Transactional
    public ActivityView correct(CurrentUser user, UUID id, IfMatch ifMatch, CorrectionRequest req) {
        Activity a = writable(user, id, ifMatch);
        if (a.status() == ActivityStatus.CANCELLED) {
            throw ApiException.of(ProblemCode.INVALID_TRANSITION, "activity-cancelled");
        }
        if (ActivityRules.blank(req.reason())) {
            throw ApiException.invalid("reason", "field.activity.correction-reason");
        }
        if (req.touchesCompletion() && a.status() != ActivityStatus.COMPLETED) {
            throw ApiException.of(ProblemCode.INVALID_TRANSITION, "activity-completion-fields", a.status().name());
        }
        Completion was = a.completion();
        ActivityRules.Outputs outputs = was == null ? null : ActivityRules.corrected(was, req);
        if (outputs != null) {
            List<FieldText> errors = ActivityRules.validate(outputs, Overdue.today(clock));
            if (!errors.isEmpty()) {
                throw ApiException.invalid(errors);
            }
        }
        NewActivity corrected = ActivityRules.corrected(a, req);
        PlanCopy plan = plans.find(a.planId()).orElseThrow(() -> ApiException.of(ProblemCode.PLAN_NOT_ISSUED,
                "of-activity", String.valueOf(a.planId())));
        List<FieldText> errors = ActivityRules.validate(corrected, plan);
        if (!errors.isEmpty()) {
            throw ApiException.invalidAgainst(errors);
        }
        Planning before = a.planning();
        Planning after = ActivityRules.planning(corrected);
        Instant now = clock.instant();
        List<PeriodWindow> windows = locks.windowsOf(a.orgUnit());
        Completion fixed = outputs == null ? null : ActivityRules.completion(outputs,
                PeriodLockPolicy.periodOf(outputs.completedOn(), windows), was.completedBy(), was.completedAt());
        List<FieldChange> changes = ActivityRules.changes(before, after, was, fixed);
        if (changes.isEmpty()) {
            throw ApiException.invalid("body", "field.activity.changes-nothing");
        }
        Set<LocalDate> dates = new LinkedHashSet<>();
        if (was == null) {
            dates.add(before.dueDate());
            dates.add(after.dueDate());
        } else {
            dates.add(was.completedOn());
            dates.add(fixed.completedOn());
            if (!before.dueDate().equals(after.dueDate())) {
                dates.add(before.dueDate());
                dates.add(after.dueDate());
            }
        }
        for (LocalDate date : dates) {
            refuseIfLocked(a.orgUnit(), date, now, windows);
        }
        String reason = ActivityRules.nfc(req.reason().strip());
        a.correct(after, fixed);
        activities.saveAndFlush(a);
        history.save(ActivityChange.of(a, a.version(), ActivityChange.Action.CORRECTED, user.username(), now, reason, changes));
        events.publish(a.planId().toString(), a.id().toString(), new ActivityEvents.ActivityCorrected(a.id(),
                a.planId(), a.planDocumentNumber(), a.orgUnit(), a.orgUnitPath(), a.version(), a.status(),
                after.title(), after.channel(), after.topics(), after.targetCodes(), after.unit(),
                after.coordinatingUnits(), after.dueDate(), after.plannedQuantity(), after.plannedCostVnd(),
                after.budgetSource(), fixed == null ? null : fixed.completedOn(), fixed == null ? null : fixed.period(),
                was == null ? null : was.period(), fixed == null ? null : fixed.quantity(),
                fixed == null ? null : fixed.reach(), fixed == null ? null : fixed.audiences(),
                fixed == null ? null : fixed.costVnd(), fixed == null ? null : fixed.evidence(), changes, reason,
                user.username(), offset(now)));
        return view(a);
    }

    // --- helpers ---

    /**
     * 409 {@code period-locked} if {@code date} lies in a closed period of {@code orgUnit} (closed by
     * reporting-service, as announced by its quarter events): says which period, who closed it and when, and how
     * to ask for reopening; the same facts as problem members ({@code period}, {@code closedBy}, {@code closedAt},
     * {@code reopen}).
     */
    private void refuseIfLocked(String orgUnit, LocalDate date, Instant now, List<PeriodWindow> windows) {
        Optional<PeriodLockPolicy.Refusal> refusal = lockRefusal(date, now, windows);
        if (refusal.isPresent()) {
            throw refusal.get().problem(orgUnit, tree.nameOf(orgUnit));
        }
    }

    private static Optional<PeriodLockPolicy.Refusal> lockRefusal(LocalDate date, Instant now, List<PeriodWindow> windows) {
        if (date == null) {
            return Optional.empty();
        }
        return PeriodLockPolicy.check(date, now, windows);
    }

    private Activity readable(CurrentUser user, UUID id) {
        access.requireReader(user);
        Activity a = activities.findById(id).orElseThrow(() -> notFound(id));
        access.requireReadable(user, a.orgUnit(), AccessPolicy.activity(id));
        return a;
    }

    private Activity writable(CurrentUser user, UUID id, IfMatch ifMatch) {
        // Scope first, role second, precondition last: a caller must not learn that an activity exists by a 403.
        access.requireReader(user);
        Activity a = activities.findById(id).orElseThrow(() -> notFound(id));
        access.requireWritable(user, a.orgUnit(), AccessPolicy.activity(id));
        ifMatch.check(a.version(), AccessPolicy.activity(id));
        return a;
    }

    private static ApiException notFound(UUID id) {
        return AccessPolicy.activityNotFound(id);
    }

    private static void transition(Runnable step) {
        try {
            step.run();
        } catch (InvalidTransitionException e) {
            String variant = switch (e.action()) {
                case "start" -> "activity-start";
                case "complete" -> "activity-complete";
                case "cancel" -> "activity-cancel";
                default -> "activity-correct";
            };
            throw ApiException.of(ProblemCode.INVALID_TRANSITION, variant, e.from().name());
        }
    }

    private ActivityView view(Activity a) {
        return ActivityView.of(a, Overdue.today(clock));
    }

    private static OffsetDateTime offset(Instant instant) {
        return instant.atZone(Overdue.ZONE).toOffsetDateTime();
    }
}
