-- Issue 15.8 / 19.7: scope follows the current tree. org_unit_copy becomes the tree copy that every scope check
-- reads (not the path copied onto an activity when it was scheduled), kept from org-unit-registered, -moved,
-- -closed and org-units-merged.

ALTER TABLE org_unit_copy
    -- the envelope time of the org-unit event that set the row: an older event arriving late changes nothing
    -- (NULL: the row was only seeded from a plan or quarter event, and any org-unit event replaces it)
    ADD COLUMN event_time     timestamptz,
    ADD COLUMN established_on date,
    ADD COLUMN closed_on      date,
    -- what the unit was closed or merged into: its successor sees its history
    ADD COLUMN successor_code text;

-- "Units whose path contains X" (the units a caller's scope covers) and "units closed into X".
CREATE INDEX org_unit_copy_path ON org_unit_copy USING gin (path);
CREATE INDEX org_unit_copy_successor ON org_unit_copy (successor_code) WHERE successor_code IS NOT NULL;

-- Units known so far only from plans and activities (no org-unit event yet): seeded with the path they came with.
INSERT INTO org_unit_copy (code, name, level, parent_code, path, updated_at)
SELECT DISTINCT ON (org_unit) org_unit, coalesce(org_unit_name, org_unit), NULL,
       org_unit_path[cardinality(org_unit_path) - 1], org_unit_path, now()
FROM plan_copy
WHERE org_unit IS NOT NULL AND cardinality(org_unit_path) > 0
ORDER BY org_unit, version DESC
ON CONFLICT (code) DO NOTHING;

INSERT INTO org_unit_copy (code, name, level, parent_code, path, updated_at)
SELECT DISTINCT ON (org_unit) org_unit, org_unit, NULL, org_unit_path[cardinality(org_unit_path) - 1], org_unit_path, now()
FROM activity
ORDER BY org_unit, created_at DESC
ON CONFLICT (code) DO NOTHING;
