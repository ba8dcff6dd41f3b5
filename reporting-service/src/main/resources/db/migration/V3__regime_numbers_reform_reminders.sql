-- Issue 19: the reporting regime (six-month and annual reports), report numbers and signers, the org tree
-- after the 2025 reform, reminders from the calendar, and the demo year made through the workflow.

-- Our copy of the org tree: what documents need (abbreviation "UBND" of NN/BC-UBND, issuer, parent body)
-- and the reform (a unit made by a merger exists from established_on; a closed unit exists no longer from
-- closed_on; successor_code names the unit its history counts for). had_children: the unit is (or was) a
-- level others report to; it stays true when a district's communes are moved away, so that an abolished
-- district is never mistaken for a commune.
alter table org_unit add column abbreviation text;
alter table org_unit add column issuer_name text;
alter table org_unit add column parent_body_name text;
alter table org_unit add column established_on date;
alter table org_unit add column closed_on date;
alter table org_unit add column successor_code text;
alter table org_unit add column had_children boolean not null default false;
create index org_unit_successor_idx on org_unit (successor_code) where successor_code is not null;
update org_unit o set had_children = true where exists (select 1 from org_unit c where c.parent_code = o.code);

-- Plan copies: which reports the unit owes (the smallest assignments[].reportsEveryMonths), the plan's
-- recipients (the reports' "Nơi nhận"), and the district target a commune target implements.
alter table plan_copy add column reports_every_months int;
alter table plan_copy add column recipients jsonb not null default '[]';
alter table plan_target add column parent_target_code text;

-- Reports: the number given at submission (NN/BC-UBND per issuer and calendar year), the signer chosen
-- for the document, and the unit it went to (the level above at submission).
alter table report add column document_number text;
alter table report add column document_year int;
alter table report add column signer_form text;
alter table report add column signer_title text;
alter table report add column signer_name text;
alter table report add column reports_to text;
alter table report_history add column document_number text;
alter table report_history add column signer text;
create index report_history_report_idx on report_history (report_id, id);

-- Document numbers per issuer, kind ("BC") and calendar year: one row, incremented by an upsert that
-- returns the new value, so two replicas never hand out the same number.
create table document_counter (
    issuer text not null,
    kind   text not null,
    year   int  not null,
    last   int  not null,
    primary key (issuer, kind, year)
);
create unique index report_document_number_idx on report (org_unit, document_year, document_number)
    where document_number is not null;

-- Report reminders from the calendar: one event per unit, period and kind (DUE, OVERDUE), ever.
create table report_reminder (
    org_unit     text not null,
    period       text not null,
    kind         text not null,
    due_date     date not null,
    event_id     uuid not null,
    published_at timestamptz not null,
    primary key (org_unit, period, kind)
);

-- The demo year: each step (a submission, an approval, a closing …) done once, recorded with its effect.
create table demo_step (
    step    text primary key,
    done_at timestamptz not null
);
