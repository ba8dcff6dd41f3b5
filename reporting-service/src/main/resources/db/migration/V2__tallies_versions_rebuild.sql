-- Pre-aggregated figures (issue 17.1), the per-org-unit version behind the dashboards' ETags, the
-- arrivals after a period's closing (issue 14.6), the replica-safe rebuild (issue 14.7), ShedLock,
-- and @Version columns of the period aggregates (issue 16.1). See the README, "Tallies".

-- Tallies: what the reports and dashboards add up, per org unit (a commune: where activities live)
-- × reporting month × dimension, kept by the activity projection in the transaction of each change
-- as the difference between the activity's contribution before and after it. A reporting month
-- starts on the 1st (CALENDAR) or on the 15th (DECREE_09): a quarter is three of them, a year
-- twelve, so any period reads at most 12 rows per commune and dimension, whatever the number of
-- activities. Completed figures count in the month of completed_on, open ones in the month of
-- due_date. dim: ALL (key ''), TARGET (target code), CHANNEL (channel code, '' for none), LEAD and
-- COORDINATE (unit code); a new dimension (topic, audience, budget source) is a new dim value.
-- after_closing: the change was published while the period of the month was closed for the
-- commune; the frozen figures read after_closing = false only.
create table tally (
    org_unit      text    not null,
    month         date    not null,
    dim           text    not null,
    key           text    not null,
    after_closing boolean not null default false,
    completed     bigint  not null default 0,
    quantity      numeric not null default 0,
    best          numeric,
    reach         bigint  not null default 0,
    cost_vnd      bigint  not null default 0,
    open          bigint  not null default 0,
    flagged       bigint  not null default 0,
    primary key (org_unit, month, dim, key, after_closing)
);

-- Open activities by due date: "overdue" depends on today, so the month that contains today is
-- split by day here (earlier months are wholly overdue, later ones only where flagged).
create table tally_due (
    org_unit      text    not null,
    due_date      date    not null,
    dim           text    not null,
    key           text    not null,
    after_closing boolean not null default false,
    open          bigint  not null default 0,
    flagged       bigint  not null default 0,
    primary key (org_unit, due_date, dim, key, after_closing)
);

-- The version of every org unit's subtree, bumped (in the transaction of the change) for each unit
-- on the path of whatever changed: a dashboard's ETag is its unit's version, read from here, so
-- every replica agrees. Not a projection table: a rebuild keeps it and bumps it at the swap.
create table org_version (
    org_unit text primary key,
    version  bigint not null
);

-- Events that changed a closed period's figures: they count apart, as "after closing".
create table late_arrival (
    event_id     uuid primary key,
    activity_id  uuid        not null,
    org_unit     text        not null,
    period       text        not null,
    event_type   text        not null,
    title        text,
    channel      text,
    status       text,
    completed_on date,
    due_date     date,
    quantity     numeric,
    reach        bigint,
    cost_vnd     bigint,
    published_at timestamptz not null
);
create index late_arrival_org_period_idx on late_arrival (org_unit, period);

-- The rebuild: one row per run, its progress and the partitions' positions (resume after a crash);
-- at most one RUNNING across replicas, owned by the replica that renews heartbeat_at.
create table projection_rebuild (
    id           uuid primary key,
    status       text        not null,
    phase        text,
    requested_by text        not null,
    started_at   timestamptz not null,
    finished_at  timestamptz,
    owner        text,
    heartbeat_at timestamptz,
    total        bigint      not null default 0,
    processed    bigint      not null default 0,
    failed       bigint      not null default 0,
    topics       jsonb       not null default '[]',
    positions    jsonb       not null default '{}',
    ends         jsonb       not null default '{}',
    error        text
);
create unique index projection_rebuild_one_running on projection_rebuild ((true)) where status = 'RUNNING';
create index projection_rebuild_started_idx on projection_rebuild (started_at desc);

-- ShedLock (SHARED-DECISIONS): scheduled jobs that run once across replicas.
create table shedlock (
    name       varchar(64)  not null primary key,
    lock_until timestamp    not null,
    locked_at  timestamp    not null,
    locked_by  varchar(255) not null
);

-- JPA @Version of the period aggregates.
alter table period_closing add column version int not null default 0;
alter table period_reopening add column version int not null default 0;

-- The rebuild builds plan_target beside the live table and swaps it: no foreign key across the swap
-- (the plan projection deletes a plan's targets itself).
alter table plan_target drop constraint plan_target_plan_id_fkey;

-- Scope filters the indexes serve: "below X" is path @> array[X] (GIN), leaves via the parent index.
create index plan_copy_org_idx on plan_copy (org_unit);
create index period_audit_communes_idx on period_audit using gin (communes);
create index period_audit_close_idx on period_audit (org_unit, period) where action = 'CLOSE';

-- Facts about the read models: which calendar the tallies' months were cut with (tallies are
-- recomputed from activity_state at start-up when it differs, and on the first start after this
-- migration).
create table projection_meta (
    key   text primary key,
    value text not null
);

-- The first day of the reporting month of a date: the 1st (CALENDAR) or the 15th (DECREE_09).
create function loa_reporting_month(d date, calendar text) returns date
    language sql immutable as
$$
select case
           when d is null then null
           when calendar = 'DECREE_09' then
               case when extract(day from d) >= 15 then (date_trunc('month', d) + interval '14 days')::date
                    else (date_trunc('month', d) - interval '1 month' + interval '14 days')::date end
           else date_trunc('month', d)::date
       end
$$;

-- Where an activity's current contribution to the tallies is counted (after_closing or not), so
-- that a later change takes it back from where it was counted.
alter table activity_state add column counted_after_closing boolean not null default false;
