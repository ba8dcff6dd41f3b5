-- Local copies built from other services' events (never read another service's tables).

CREATE TABLE org_unit_copy (
    code        text PRIMARY KEY,
    name        text        NOT NULL,
    level       text,
    parent_code text,
    path        text[]      NOT NULL,
    units       jsonb       NOT NULL DEFAULT '[]',
    updated_at  timestamptz NOT NULL
);

-- One row per plan, replaced by newer versions only (a late, older event changes nothing).
CREATE TABLE plan_copy (
    plan_id         uuid PRIMARY KEY,
    version         int         NOT NULL,
    status          text        NOT NULL,
    org_unit        text,
    org_unit_name   text,
    org_unit_path   text[]      NOT NULL DEFAULT '{}',
    year            int,
    document_number text,
    title           text,
    target_codes    text[]      NOT NULL DEFAULT '{}',
    unit_codes      text[]      NOT NULL DEFAULT '{}',
    topic_codes     text[]      NOT NULL DEFAULT '{}',
    channels        text[]      NOT NULL DEFAULT '{}',
    targets         jsonb       NOT NULL DEFAULT '[]',
    updated_at      timestamptz NOT NULL
);
CREATE INDEX plan_copy_org_unit_year ON plan_copy (org_unit, year);

-- The data window of a quarter for one commune, as reporting-service computed it, and its lock state.
CREATE TABLE period_lock (
    org_unit       text        NOT NULL,
    period         text        NOT NULL,
    district       text        NOT NULL,
    org_unit_path  text[]      NOT NULL DEFAULT '{}',
    from_date      date        NOT NULL,
    to_date        date        NOT NULL,
    due_date       date,
    status         text        NOT NULL,
    closed_by      text,
    closed_at      timestamptz,
    reopened_by    text,
    reopened_at    timestamptz,
    reopen_reason  text,
    reopened_until timestamptz,
    PRIMARY KEY (org_unit, period)
);

CREATE TABLE activity (
    id                  uuid PRIMARY KEY,
    plan_id             uuid        NOT NULL,
    plan_document_number text,
    org_unit            text        NOT NULL,
    org_unit_path       text[]      NOT NULL,
    title               text        NOT NULL,
    channel             text        NOT NULL,
    topics              text[]      NOT NULL,
    target_codes        text[]      NOT NULL,
    unit                text        NOT NULL,
    coordinating_units  text[]      NOT NULL,
    due_date            date        NOT NULL,
    planned_quantity    numeric,
    status              text        NOT NULL,
    version             int         NOT NULL,
    created_by          text        NOT NULL,
    created_at          timestamptz NOT NULL,
    started_by          text,
    started_at          timestamptz,
    completed_on        date,
    quantity            numeric,
    reach               bigint,
    cost_vnd            bigint,
    evidence            jsonb,
    period              text,
    completed_by        text,
    completed_at        timestamptz,
    cancel_reason       text,
    cancelled_by        text,
    cancelled_at        timestamptz,
    overdue_notified_at timestamptz
);
CREATE INDEX activity_plan ON activity (plan_id);
CREATE INDEX activity_org_unit ON activity (org_unit);
-- What the overdue job scans: open activities not yet announced as overdue.
CREATE INDEX activity_overdue_candidates ON activity (due_date)
    WHERE status IN ('PLANNED', 'IN_PROGRESS') AND overdue_notified_at IS NULL;

-- Demo data is seeded once per plan, whatever the number of instances or restarts.
CREATE TABLE demo_seeded (
    plan_id   uuid PRIMARY KEY,
    seeded_at timestamptz NOT NULL
);
