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

