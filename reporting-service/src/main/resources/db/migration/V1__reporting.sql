-- Read models (projections) built from other services' events. Rebuilt by truncating them and
-- replaying the topics (see the README, "Rebuilding the read models").

-- Our copy of the org tree (org-unit-registered).
create table org_unit (
    code        text primary key,
    name        text not null,
    level       text not null,
    parent_code text,
    path        text[] not null,
    units       jsonb not null default '[]',
    event_time  timestamptz
);
create index org_unit_parent_idx on org_unit (parent_code);
create index org_unit_path_idx on org_unit using gin (path);

-- Issued plans, latest version only (plan-issued, plan-amended, plan-closed). A plan-closed that
-- arrives before the plan leaves a stub row with version 0.
create table plan_copy (
    plan_id          uuid primary key,
    version          int not null,
    org_unit         text not null,
    org_unit_path    text[] not null default '{}',
    year             int not null,
    document_number  text,
    title            text,
    issued_on        date,
    budget_total_vnd bigint not null default 0,
    channels         text[] not null default '{}',
    units            jsonb not null default '[]',
    assignments      jsonb not null default '[]',
    closed_at        timestamptz,
    event_time       timestamptz
);
create index plan_copy_org_year_idx on plan_copy (org_unit, year);

create table plan_target (
    plan_id          uuid not null references plan_copy (plan_id) on delete cascade,
    code             text not null,
    ordinal          int not null,
    description      text,
    indicator        text not null,
    yearly_value     numeric not null,
    quarterly_values numeric[],
    channel          text,
    unit             text,
    primary key (plan_id, code)
);

-- One row per activity with its latest state: aggregates are derived from these rows, so a
-- redelivered or reordered event cannot count twice. status_time is the time of the event that
-- set the terminal status (COMPLETED or CANCELLED); PLANNED never overrides a terminal status.
create table activity_state (
    activity_id        uuid primary key,
    plan_id            uuid,
    org_unit           text not null,
    org_unit_path      text[] not null default '{}',
    title              text,
    channel            text,
    target_codes       text[] not null default '{}',
    unit               text,
    coordinating_units text[] not null default '{}',
    due_date           date,
    planned_quantity   numeric,
    status             text not null,
    status_time        timestamptz,
    completed_on       date,
    quantity           numeric,
    reach              bigint,
    cost_vnd           bigint,
    overdue            boolean not null default false,
    scheduled_at       timestamptz,
    updated_at         timestamptz not null default now()
);
create index activity_state_completed_idx on activity_state (org_unit, completed_on) where status = 'COMPLETED';
create index activity_state_due_idx on activity_state (org_unit, due_date);

-- Periods: closings per district, time-boxed reopenings per commune (or the whole district:
-- org_unit = district), and the audit trail of both.
create table period_closing (
    district   text not null,
    period     text not null,
    closed_at  timestamptz not null,
    closed_by  text not null,
    primary key (district, period)
);

create table period_reopening (
    id          uuid primary key,
    district    text not null,
    org_unit    text not null,
    period      text not null,
    reason      text not null,
    until       timestamptz not null,
    reopened_by text not null,
    reopened_at timestamptz not null
);
create index period_reopening_idx on period_reopening (district, period, until);

create table period_audit (
    id         bigserial primary key,
    action     text not null,
    org_unit   text not null,
    period     text not null,
    actor      text not null,
    at         timestamptz not null,
    reason     text,
    until      timestamptz,
    communes   text[] not null default '{}'
);
create index period_audit_idx on period_audit (org_unit, period);

-- Quarterly reports: the workflow and narrative; figures are live until submission, then frozen
-- in figures (jsonb).
create table report (
    id              uuid primary key,
    org_unit        text not null,
    period          text not null,
    status          text not null,
    results         text,
    shortcomings    text,
    next_steps      text,
    due_date        date not null,
    submitted_at    timestamptz,
    submitted_by    text,
    on_time         boolean,
    decided_at      timestamptz,
    decided_by      text,
    return_reason   text,
    figures         jsonb,
    version         int not null default 0,
    unique (org_unit, period)
);
create index report_period_idx on report (period, org_unit);

create table report_history (
    id         bigserial primary key,
    report_id  uuid not null references report (id),
    action     text not null,
    actor      text not null,
    at         timestamptz not null,
    reason     text
);
