-- Core schema: catalogue, inventory, orders and the order timeline.
-- Quantities are whole units; money is integer cents plus an ISO currency; ETA dates are shop-local dates.

create table product (
	sku          text primary key check (sku ~ '^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$'),
	name         text        not null check (length(name) between 1 and 200),
	category     text        not null check (length(category) between 1 and 100),
	attributes   jsonb       not null default '{}'::jsonb,
	price_cents  bigint      not null check (price_cents >= 0),
	currency     char(3)     not null check (currency ~ '^[A-Z]{3}$'),
	version      bigint      not null default 0,
	created_at   timestamptz not null default now(),
	updated_at   timestamptz not null default now()
);
create index product_category on product (category);

create table supplier (
	id          bigint generated always as identity primary key,
	name        text        not null unique check (length(name) between 1 and 200),
	created_at  timestamptz not null default now()
);

-- On hand = physical units in the warehouse not yet shipped, including units already allocated to lines.
create table stock (
	sku         text primary key references product (sku),
	on_hand     integer     not null check (on_hand >= 0),
	version     bigint      not null default 0,
	updated_at  timestamptz not null default now()
);

create table restock (
	id                 bigint generated always as identity primary key,
	sku                text        not null references product (sku),
	supplier_id        bigint      not null references supplier (id),
	quantity           integer     not null check (quantity > 0),
	quantity_received  integer     not null default 0 check (quantity_received >= 0),
	-- first expected date, kept to measure the supplier's lateness once the restock is received
	promised_on        date        not null,
	expected_on        date        not null,
	received_on        date,
	status             text        not null default 'PLANNED'
		check (status in ('PLANNED', 'CONFIRMED', 'IN_TRANSIT', 'DELAYED', 'RECEIVED', 'CANCELLED')),
	version            bigint      not null default 0,
	created_at         timestamptz not null default now(),
	updated_at         timestamptz not null default now(),
	check (quantity_received <= quantity)
);
create index restock_open_by_sku on restock (sku, expected_on) where status not in ('RECEIVED', 'CANCELLED');
create index restock_by_supplier on restock (supplier_id, status);

create table customer_order (
	id               bigint generated always as identity primary key,
	number           text        not null unique check (number ~ '^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$'),
	customer_email   text        not null check (length(customer_email) between 3 and 254),
	customer_name    text        not null check (length(customer_name) between 1 and 200),
	placed_at        timestamptz not null default now(),
	-- lower is served first; equal priorities are served in the order they were placed
	priority         integer     not null default 100,
	ship_preference  text        not null default 'SHIP_WHEN_READY'
		check (ship_preference in ('SHIP_WHEN_READY', 'SHIP_COMPLETE')),
	version          bigint      not null default 0
);
create index customer_order_email on customer_order (lower(customer_email));

create table order_line (
	id                     bigint generated always as identity primary key,
	order_id               bigint      not null references customer_order (id),
	line_no                integer     not null,
	sku                    text        not null references product (sku),
	quantity               integer     not null check (quantity > 0),
	unit_price_cents       bigint      not null check (unit_price_cents >= 0),
	currency               char(3)     not null,
	allocated              integer     not null default 0 check (allocated >= 0),
	scheduled              integer     not null default 0 check (scheduled >= 0),
	shipped                integer     not null default 0 check (shipped >= 0),
	cancelled              integer     not null default 0 check (cancelled >= 0),
	eta_earliest           date,
	eta_latest             date,
	restock_id             bigint references restock (id),
	-- the first window promised, and the one before the latest change ("was Jan 8-10")
	promised_earliest      date,
	promised_latest        date,
	previous_eta_earliest  date,
	previous_eta_latest    date,
	eta_changed_at         timestamptz,
	version                bigint      not null default 0,
	unique (order_id, line_no),
	check (allocated + scheduled + shipped + cancelled <= quantity),
	check ((eta_earliest is null) = (eta_latest is null) and (eta_earliest is null or eta_earliest <= eta_latest))
);
create index order_line_by_order on order_line (order_id);
create index order_line_open_by_sku on order_line (sku) where shipped + cancelled < quantity;

-- The timeline: append-only; ids order events across all orders and drive live updates.
create table order_event (
	id           bigint generated always as identity primary key,
	order_id     bigint      not null references customer_order (id),
	type         text        not null,
	payload      jsonb       not null default '{}'::jsonb,
	occurred_at  timestamptz not null default now(),
	actor        text        not null
);
create index order_event_by_order on order_event (order_id, id);

create function order_event_is_append_only() returns trigger language plpgsql as $$
begin
	raise exception 'order_event is append-only';
end;
$$;
create trigger order_event_append_only before update or delete on order_event
	for each row execute function order_event_is_append_only();
