-- A recurring COUNT target (plan-issued targets[].recurrence: MONTHLY or QUARTERLY) counts occurrences,
-- at most one per reporting month or quarter, instead of the sum of the activities' quantities.
alter table plan_target add column recurrence text;
