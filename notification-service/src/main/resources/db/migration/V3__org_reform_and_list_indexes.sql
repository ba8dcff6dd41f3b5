-- The 2025 reform in our copy of the org tree (EVENTS.md, org-unit-closed / org-units-merged): a closed unit is
-- kept with the day it closed and the unit that took it over; the envelope time of the last event applied to a
-- unit keeps an older event that arrives late (other key, other partition) from undoing a newer one.
alter table org_unit add column closed_on date;
alter table org_unit add column successor_code text;
alter table org_unit add column event_time timestamptz;
create index org_unit_parent on org_unit (parent_code);
create index org_unit_successor on org_unit (successor_code) where successor_code is not null;

-- Scope filters and path rewrites an index serves (issue 17.5): "path @> array[code]" on GIN, never a scan.
create index org_unit_path_gin on org_unit using gin (path);
create index subscription_path_gin on subscription using gin (org_unit_path);
create index plan_copy_path_gin on plan_copy using gin (org_unit_path);
create index activity_deadline_path_gin on activity_deadline using gin (org_unit_path);
create index report_deadline_path_gin on report_deadline using gin (org_unit_path);

-- The inbox pages by keyset (created_at, id), newest first, for one org unit or its predecessors; the unread
-- filter has its own partial index, so neither page walks the read rows.
drop index notification_inbox;
create index notification_inbox on notification (org_unit, created_at desc, id desc);
create index notification_inbox_unread on notification (org_unit, created_at desc, id desc) where read_at is null;

-- The operator's list of all deliveries, newest first (with a status it is delivery_status).
create index delivery_newest on delivery (created_at desc, id desc);
-- The subscriptions that match a recipient (org unit, type): one statement for all the recipients of a notice.
drop index subscription_org_unit;
create index subscription_org_unit on subscription (org_unit, unit);
