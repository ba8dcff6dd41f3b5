-- Administrative levels are data: province -> district -> commune today, two levels since 2025.
create table org_level (
    code varchar(40) primary key,
    name varchar(200) not null,
    rank int not null
);

create table org_unit (
    code             varchar(64) primary key,
    name             varchar(300) not null,
    level_code       varchar(40)  not null references org_level (code),
    parent_code      varchar(64) references org_unit (code),
    -- materialized path of codes from the root to the unit itself (scope checks: caller's unit on the path)
    path             text[]       not null,
    -- document-number suffix of the issuing body (Decree 30/2020: "NN/KH-UBND")
    abbreviation     varchar(40)  not null,
    issuer_name      varchar(300) not null,
    parent_body_name varchar(300),
    place_name       varchar(200),
    updated_at       timestamptz  not null default now()
);
create index org_unit_parent_idx on org_unit (parent_code);

-- The offices and organisations of an org unit (a commune's units, a district's phòng).
create table org_unit_member (
    org_unit_code varchar(64)  not null references org_unit (code) on delete cascade,
    code          varchar(64)  not null,
    name          varchar(300) not null,
    kind          varchar(64)  not null,
    position      int          not null,
    primary key (org_unit_code, code)
);

create table plan (
    id                 uuid primary key,
    org_unit_code      varchar(64)  not null references org_unit (code),
    org_unit_path      text[]       not null,
    year               int          not null,
    status             varchar(16)  not null,
    -- optimistic lock and ETag of the current state
    row_version        int          not null default 0,
    -- issued version: 0 for a draft, 1 on issue, +1 per amendment
    version            int          not null default 0,
    document_number    varchar(64),
    document_year      int,
    issued_on          date,
    issuer_name        varchar(300),
    implements_plan_id uuid references plan (id),
    title              text         not null,
    -- every section of the plan (validated JSON, see PlanContent)
    content            jsonb        not null,
    created_at         timestamptz  not null,
    created_by         varchar(200) not null,
    updated_at         timestamptz  not null,
    updated_by         varchar(200) not null,
    closed_at          timestamptz,
    closed_by          varchar(200)
);
create unique index plan_document_number_uq on plan (org_unit_code, document_year, document_number)
    where document_number is not null;
create index plan_org_year_idx on plan (org_unit_code, year);
create index plan_implements_idx on plan (implements_plan_id);
create index plan_path_idx on plan using gin (org_unit_path);

-- Every issued version and amendment, as it was.
create table plan_version (
    plan_id         uuid         not null references plan (id),
    version         int          not null,
    kind            varchar(16)  not null,
    reason          text,
    document_number varchar(64)  not null,
    issued_on       date         not null,
    content         jsonb        not null,
    recorded_at     timestamptz  not null,
    recorded_by     varchar(200) not null,
    primary key (plan_id, version)
);

-- Document numbers per issuer, calendar year and kind of document (KH = kế hoạch).
create table document_counter (
    issuer_code varchar(64) not null,
    year        int         not null,
    kind        varchar(8)  not null,
    last_number int         not null,
    primary key (issuer_code, year, kind)
);
