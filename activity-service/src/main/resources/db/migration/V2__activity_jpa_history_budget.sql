-- Issue 16/19: the activity is a JPA aggregate (its existing "version" column is the @Version and the ETag,
-- values unchanged), with its history in activity_change, topics it already had, and now a planned cost with
-- its budget source and, on completion, reach per audience.

ALTER TABLE activity
    ADD COLUMN planned_cost_vnd bigint,
    ADD COLUMN budget_source    text,
    ADD COLUMN reach_officials  bigint,
    ADD COLUMN reach_citizens   bigint,
    ADD COLUMN reach_businesses bigint;

ALTER TABLE activity
    ADD CONSTRAINT activity_budget_source CHECK (budget_source IN ('PROVINCE', 'DISTRICT', 'COMMUNE', 'OTHER'));

-- One row per change of an activity, written in the transaction of the change and never updated: what was done
-- (SCHEDULED, STARTED, COMPLETED, CANCELLED, CORRECTED), by whom, when, why (cancellations, corrections) and,
-- for a correction, each changed field with its old and new value. The key is the activity's version after
-- the change, so a second writer of the same version fails.
CREATE TABLE activity_change (
    -- checked at commit: Hibernate batches the inserts of one entity type together and knows no link between
    -- the two, so a change may be inserted before its activity within the transaction
    activity_id uuid        NOT NULL REFERENCES activity (id) DEFERRABLE INITIALLY DEFERRED,
    version     int         NOT NULL,
    action      text        NOT NULL,
    changed_by  text        NOT NULL,
    changed_at  timestamptz NOT NULL,
    reason      text,
    changes     jsonb       NOT NULL DEFAULT '[]',
    PRIMARY KEY (activity_id, version)
);

-- The history of what exists, from the lifecycle columns (each step raised the version by one).
INSERT INTO activity_change (activity_id, version, action, changed_by, changed_at)
SELECT id, 1, 'SCHEDULED', created_by, created_at FROM activity;
INSERT INTO activity_change (activity_id, version, action, changed_by, changed_at)
SELECT id, 2, 'STARTED', started_by, started_at FROM activity WHERE started_at IS NOT NULL;
INSERT INTO activity_change (activity_id, version, action, changed_by, changed_at, reason)
SELECT id, version, 'COMPLETED', completed_by, completed_at, NULL FROM activity WHERE status = 'COMPLETED';
INSERT INTO activity_change (activity_id, version, action, changed_by, changed_at, reason)
SELECT id, version, 'CANCELLED', cancelled_by, cancelled_at, cancel_reason FROM activity WHERE status = 'CANCELLED';
