-- Issue 17.1: the rendered dashboards (JSON bodies), one row per org unit and period, kept with the
-- org_version they were computed at and the day (overdue counts change at midnight). A replica that
-- computed a dashboard stores its body here, so the other replicas serve it without computing it again;
-- a row is used only while its version is still the unit's version and its day is today, so no replica
-- serves stale figures. Not a projection: a rebuild leaves it (its swap bumps every version).
create table dashboard_snapshot (
    org_unit   text   not null,
    period_key text   not null,
    day        date   not null,
    version    bigint not null,
    body       bytea  not null,
    primary key (org_unit, period_key)
);
