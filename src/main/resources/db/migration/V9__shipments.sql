-- Shipments: units that left the warehouse for an order. The client names each shipment, so
-- posting one twice ships once; lines holds what it shipped, [{lineId, sku, quantity}].
create table shipment (
	id           bigint generated always as identity primary key,
	order_id     bigint      not null references customer_order (id),
	shipment_id  text        not null check (length(shipment_id) between 1 and 64),
	lines        jsonb       not null,
	created_at   timestamptz not null default now(),
	unique (order_id, shipment_id)
);
