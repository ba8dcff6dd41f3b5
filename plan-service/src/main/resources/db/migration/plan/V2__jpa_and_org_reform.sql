-- Org units and plans become JPA aggregates with @Version (issue 16), and org units follow the 2025
-- reform: closed with a date and a successor, merged, re-parented with their subtree (issue 19.7).

-- @Version of the org-unit aggregate (its ETag); every change of a unit, its path included, bumps it.
alter table org_unit add column version bigint not null default 0;
-- The day from which the unit no longer exists (the legal date); null while it is active.
alter table org_unit add column closed_on date;
-- Where a closed unit went: the unit it was merged into (or that took over its work).
alter table org_unit add column successor_code varchar(64) references org_unit (code);
-- The day a unit made by a merger came into being.
alter table org_unit add column established_on date;
create index org_unit_successor_idx on org_unit (successor_code) where successor_code is not null;
-- Subtree lookups (scope checks and moves): path @> array[code]
create index org_unit_path_idx on org_unit using gin (path);

-- Scope follows the current tree (issue 15.8): a plan's org-unit path is read from org_unit when it is
-- needed, never copied onto the plan, so moving a commune moves its plans' visibility at once.
drop index plan_path_idx;
alter table plan drop column org_unit_path;
