-- An uploaded restock import waits here between its preview and the planner's confirmation,
-- so the confirmation applies the very file that was previewed (read and checked again).
-- Only the planner who uploaded it can apply it; rows older than a day are deleted.
create table restock_import (
	id          bigint generated always as identity primary key,
	token       text        not null unique check (token ~ '^[0-9a-f]{32}$'),
	created_by  text        not null,
	csv         text        not null,
	created_at  timestamptz not null default now()
);
create index restock_import_by_age on restock_import (created_at);
