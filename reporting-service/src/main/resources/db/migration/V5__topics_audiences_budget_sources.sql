-- Issue 19.1 and 19.2: topics and reach per audience, planned cost and budget source per activity, from the
-- (additive) fields of activity-scheduled / activity-completed. The tallies count them as new dimensions:
-- TOPIC (key: the topic, a–f of the plan), AUDIENCE (key: OFFICIALS, CITIZENS, BUSINESSES; reach is that
-- audience's), SOURCE (key: PROVINCE, DISTRICT, COMMUNE, OTHER; only when the activity states one), and
-- planned_cost_vnd (the planned cost of the activities counted in the month, open or completed) in every
-- dimension, so that a report shows planned against spent per source.
alter table activity_state add column topics text[] not null default '{}';
alter table activity_state add column audiences jsonb not null default '[]';
alter table activity_state add column planned_cost_vnd bigint;
alter table activity_state add column budget_source text;
alter table tally add column planned_cost_vnd bigint not null default 0;

-- Issue 17.1: a dashboard or report reads a few dimensions (ALL and TARGET for a dashboard) of many communes over a
-- range of months, and the new dimensions above make more rows per commune and month. With the dimension before the
-- month in the key, the index range of a read holds only the rows it needs (before: every dimension of every month
-- in range, filtered). The constraint's name may differ after a rebuild's swap: found, not assumed.
do $$
declare
    c text;
begin
    select conname into c from pg_constraint where conrelid = 'tally'::regclass and contype = 'p';
    execute format('alter table tally drop constraint %I', c);
end
$$;
alter table tally add primary key (org_unit, dim, month, key, after_closing);
