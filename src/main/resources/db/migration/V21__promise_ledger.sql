-- The promise ledger: each order line's first promised delivery window and what became of it.
-- A line enters when it first gets a window for all its waiting units; the restock that decided
-- that window names the supplier it is measured against. Dates are shop-local.
create table promise (
	line_id         bigint      primary key references order_line (id),
	order_id        bigint      not null references customer_order (id),
	sku             text        not null,
	restock_id      bigint      references restock (id),
	first_earliest  date        not null,
	first_latest    date        not null,
	promised_at     timestamptz not null default now(),
	-- the window the customer sees now, and how often the promise changed after the first
	current_earliest date,
	current_latest  date,
	changes         integer     not null default 0,
	-- the day all its units were ready (allocated), and the day they shipped
	ready_on        date,
	shipped_on      date,
	check (first_earliest <= first_latest)
);
create index promise_by_first_latest on promise (first_latest);
create index promise_by_restock on promise (restock_id);

-- every later window, with when it changed; null dates: the line lost its date
create table promise_change (
	id          bigint      generated always as identity primary key,
	line_id     bigint      not null references promise (line_id),
	earliest    date,
	latest      date,
	changed_at  timestamptz not null default now()
);
create index promise_change_by_line on promise_change (line_id, id);
