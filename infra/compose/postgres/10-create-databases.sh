#!/usr/bin/env bash
# Run once by the postgres:17 image on an empty data volume (docker-entrypoint-initdb.d): one role and
# one database per service, each database owned by its role, so a service can neither read nor write
# another's tables. Passwords come from the environment (docker-compose.yml passes them).
# By hand against another server: PGHOST=… PGUSER=postgres LOA_PLAN_DB_PASSWORD=… ./10-create-databases.sh
set -euo pipefail

create() {
    local database=$1 role=$2 password=$3
    psql -v ON_ERROR_STOP=1 --username "${POSTGRES_USER:-postgres}" --dbname "${POSTGRES_DB:-postgres}" \
        -v role="$role" -v password="$password" -v database="$database" <<'SQL'
CREATE ROLE :"role" LOGIN PASSWORD :'password';
CREATE DATABASE :"database" OWNER :"role" ENCODING 'UTF8' TEMPLATE template0;
REVOKE ALL ON DATABASE :"database" FROM PUBLIC;
SQL
}

create loa_plan         loa_plan         "${LOA_PLAN_DB_PASSWORD:?}"
create loa_activity     loa_activity     "${LOA_ACTIVITY_DB_PASSWORD:?}"
create loa_reporting    loa_reporting    "${LOA_REPORTING_DB_PASSWORD:?}"
create loa_notification loa_notification "${LOA_NOTIFICATION_DB_PASSWORD:?}"
