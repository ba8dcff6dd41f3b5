-- Subscriptions and deliveries are JPA entities with @Version (issue 16): the version is their ETag.
alter table subscription add column version bigint not null default 0;
alter table delivery add column version bigint not null default 0;

-- ShedLock (SHARED-DECISIONS): the reminder job runs on one replica at a time.
create table shedlock (
    name       varchar(64)  not null primary key,
    lock_until timestamp    not null,
    locked_at  timestamp    not null,
    locked_by  varchar(255) not null
);
