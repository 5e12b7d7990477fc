-- Issue 11: what the shop's other systems read back (updated_at on every listed row), backorder
-- caps, a line's own place in its SKU's queue, units refused beyond a cap, and the public
-- availability's rate limit.

-- Every row the API lists says when it last changed. A trigger sets it, in the transaction of the
-- write, so that no writer (re-plans, shipments, choices, receipts, ...) can forget it. now() is the
-- transaction's start: all rows of one change carry the same moment.
alter table customer_order add column updated_at timestamptz not null default now();
alter table order_line add column updated_at timestamptz not null default now();

create function touch_updated_at() returns trigger language plpgsql as $$
begin
	new.updated_at := now();
	return new;
end;
$$;

create trigger customer_order_touch before update on customer_order
	for each row when (old.* is distinct from new.*) execute function touch_updated_at();
create trigger order_line_touch before update on order_line
	for each row when (old.* is distinct from new.*) execute function touch_updated_at();
create trigger product_touch before update on product
	for each row when (old.* is distinct from new.*) execute function touch_updated_at();
create trigger stock_touch before update on stock
	for each row when (old.* is distinct from new.*) execute function touch_updated_at();
create trigger restock_touch before update on restock
	for each row when (old.* is distinct from new.*) execute function touch_updated_at();

create index customer_order_updated on customer_order (updated_at);
create index order_line_updated on order_line (updated_at);
create index product_updated on product (updated_at);
create index stock_updated on stock (updated_at);
create index restock_updated on restock (updated_at);

-- Backorder caps, per product: ALLOW (no cap), LIMITED (planned supply plus backorder_limit units
-- without a date, over all open orders), NEVER (stock only).
alter table product add column backorders text not null default 'ALLOW'
	check (backorders in ('ALLOW', 'LIMITED', 'NEVER'));
alter table product add column backorder_limit integer check (backorder_limit between 0 and 1000000);
alter table product add constraint product_backorder_limit
	check ((backorders = 'LIMITED') = (backorder_limit is not null));

-- A line moved to the front of its SKU's queue by a rep: its own priority, lower first; null means
-- the order's.
alter table order_line add column queue_priority integer;

-- Units refused at placement because of the product's cap (the shop accepts such orders, the rest
-- being "not orderable"): counted in cancelled too, so nothing waits for them.
alter table order_line add column not_orderable integer not null default 0 check (not_orderable >= 0);
alter table order_line add constraint order_line_not_orderable check (not_orderable <= cancelled);

-- Requests per client in fixed windows, for public endpoints (storefront availability). One row a
-- client a window, counted up in place; a table so that the limit holds across instances.
create table rate_limit_window (
	scope         text        not null check (length(scope) between 1 and 50),
	key           text        not null check (length(key) between 1 and 200),
	window_start  timestamptz not null,
	requests      integer     not null check (requests > 0),
	primary key (scope, key, window_start)
);
create index rate_limit_window_by_age on rate_limit_window (window_start);
