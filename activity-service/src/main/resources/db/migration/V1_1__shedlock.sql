-- ShedLock: a scheduled job (the overdue scan) runs in one replica at a time (SHARED-DECISIONS).
-- ShedLock's own schema for PostgreSQL: with usingDbTime() it writes UTC timestamps without zone.
CREATE TABLE shedlock (
    name       varchar(64)  NOT NULL PRIMARY KEY,
    lock_until timestamp    NOT NULL,
    locked_at  timestamp    NOT NULL,
    locked_by  varchar(255) NOT NULL
);
