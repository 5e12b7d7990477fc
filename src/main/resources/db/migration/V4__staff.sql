-- Staff accounts, the audit log of staff changes, and internal notes on orders.

create table staff_user (
	id               bigint generated always as identity primary key,
	username         text        not null check (username ~ '^[A-Za-z0-9._-]{2,64}$'),
	display_name     text        not null check (length(display_name) between 1 and 200),
	-- DelegatingPasswordEncoder format: {bcrypt}..., {argon2}...
	password_hash    text        not null,
	roles            text[]      not null check (roles <@ array['REP', 'PLANNER', 'ADMIN'] and cardinality(roles) > 0),
	enabled          boolean     not null default true,
	failed_logins    integer     not null default 0,
	locked_until     timestamptz,
	created_at       timestamptz not null default now(),
	version          bigint      not null default 0
);
create unique index staff_user_by_username on staff_user (lower(username));

-- Every staff change: who, when, what, before and after. Never updated, never deleted.
create table audit_entry (
	id           bigint generated always as identity primary key,
	occurred_at  timestamptz not null default now(),
	actor        text        not null,
	action       text        not null,
	subject      text        not null,
	before       jsonb,
	after        jsonb
);
create index audit_entry_by_time on audit_entry (occurred_at desc, id desc);
create index audit_entry_by_actor on audit_entry (lower(actor), id desc);

-- one refusal for every append-only table from here on
create function refuse_change_to_append_only() returns trigger language plpgsql as $$
begin
	raise exception '% is append-only', tg_table_name;
end;
$$;
create trigger audit_entry_append_only before update or delete on audit_entry
	for each row execute function refuse_change_to_append_only();

-- Notes staff keep on an order; customers never see them.
create table order_note (
	id          bigint generated always as identity primary key,
	order_id    bigint      not null references customer_order (id),
	author      text        not null,
	body        text        not null check (length(body) between 1 and 4000),
	created_at  timestamptz not null default now()
);
create index order_note_by_order on order_note (order_id, id);
