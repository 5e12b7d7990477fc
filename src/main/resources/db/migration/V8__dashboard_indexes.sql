-- Indexes for the staff dashboard's read queries, so its figures stay fast at 100,000 lines.

-- Lines still waiting for units (not allocated, shipped or cancelled): the backlog, its
-- aging and the demand no planned supply covers read only these.
create index order_line_waiting on order_line (sku)
	include (order_id, quantity, allocated, scheduled, shipped, cancelled, unit_price_cents)
	where allocated + shipped + cancelled < quantity;

-- Recent demand of a few SKUs, for suggested purchase quantities.
create index order_line_by_sku on order_line (sku, order_id);

-- Lines whose delivery window moved lately.
create index order_line_by_eta_change on order_line (eta_changed_at desc) where eta_changed_at is not null;
