-- How many days beyond the configured handling days parcels take to leave the warehouse, at
-- the on-time target: one row, recomputed from the promise ledger when a shipment is recorded,
-- added to every window's latest date.
create table handling_spread (
	only_row       boolean     primary key default true check (only_row),
	days           integer     not null check (days >= 0),
	calibrated_at  timestamptz not null default now()
);
