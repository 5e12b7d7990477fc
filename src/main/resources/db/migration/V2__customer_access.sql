-- Customer access without accounts: order lookups (rate-limited), signed links, back-in-stock requests.

-- Every lookup attempt, per client address and per order number; kept for the rate-limit window only.
-- A table rather than memory so that the limit holds however many app instances serve the portal.
create table lookup_attempt (
	scope         text        not null check (scope in ('CLIENT', 'ORDER')),
	key           text        not null check (length(key) between 1 and 200),
	attempted_at  timestamptz not null default now()
);
create index lookup_attempt_by_key on lookup_attempt (scope, key, attempted_at);
create index lookup_attempt_by_age on lookup_attempt (attempted_at);

-- Links carry the revision they were signed with; incrementing it revokes every link of the order.
alter table customer_order add column link_revision integer not null default 0;

-- The key that signs customer links: one random secret shared by all instances, created on first use.
create table link_secret (
	id          smallint    primary key check (id = 1),
	secret      bytea       not null check (length(secret) >= 32),
	created_at  timestamptz not null default now()
);

-- "Tell me when it's back": one request per product and address, whatever the address's case.
create table back_in_stock_request (
	id           bigint generated always as identity primary key,
	sku          text        not null references product (sku),
	email        text        not null check (length(email) between 3 and 254),
	created_at   timestamptz not null default now(),
	notified_at  timestamptz
);
create unique index back_in_stock_request_once on back_in_stock_request (sku, lower(email));
create index back_in_stock_request_waiting on back_in_stock_request (sku) where notified_at is null;
