-- Issue 17.5: list endpoints without scans. Lists are ordered by (due_date, id) and paged by keyset; the scope
-- filter is "org_unit in the units the caller's scope covers" (from the tree copy's GIN index), so one index per
-- way in: by org unit, by plan, and by date alone for a scope of many units (a province).
CREATE INDEX activity_org_unit_due ON activity (org_unit, due_date, id);
CREATE INDEX activity_plan_due ON activity (plan_id, due_date, id);
CREATE INDEX activity_due ON activity (due_date, id);
DROP INDEX activity_org_unit;
DROP INDEX activity_plan;
