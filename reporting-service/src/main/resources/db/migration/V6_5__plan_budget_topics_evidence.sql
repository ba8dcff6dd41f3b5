-- Issue 19.2: the plan's own budget lines per source ({source, amountVnd, note}, from plan-issued/plan-amended),
-- which a report sets against what was spent; and the plan's topics ({code, title}) whose wording the report's
-- topic lines print.
alter table plan_copy add column budget jsonb not null default '[]';
alter table plan_copy add column topics jsonb not null default '[]';

-- Issue 18.2: the evidence files of activities (evidence-added, removed by evidence-removed), listed in a report's
-- export. Metadata only: the bytes stay in activity-service.
create table evidence_copy (
    evidence_id  uuid primary key,
    activity_id  uuid not null,
    org_unit     text not null,
    name         text not null,
    content_type text not null,
    size         bigint not null,
    sha256       text not null,
    uploaded_at  timestamptz
);
create index evidence_copy_activity_idx on evidence_copy (activity_id);
