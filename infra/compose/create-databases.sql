-- Run once by the postgres:17 image on an empty volume: one database per service, owned by loa.
CREATE DATABASE loa_plan OWNER loa ENCODING 'UTF8' TEMPLATE template0;
CREATE DATABASE loa_activity OWNER loa ENCODING 'UTF8' TEMPLATE template0;
CREATE DATABASE loa_reporting OWNER loa ENCODING 'UTF8' TEMPLATE template0;
CREATE DATABASE loa_notification OWNER loa ENCODING 'UTF8' TEMPLATE template0;
