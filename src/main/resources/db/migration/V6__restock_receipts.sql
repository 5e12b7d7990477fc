-- Receipts of inbound restocks: every delivery, in full or in part, with the day it arrived.
-- A restock received in full also gets its received_on, which measures the supplier's lateness.

create table restock_receipt (
	id           bigint generated always as identity primary key,
	restock_id   bigint      not null references restock (id),
	quantity     integer     not null check (quantity > 0),
	received_on  date        not null,
	recorded_at  timestamptz not null default now()
);
create index restock_receipt_by_restock on restock_receipt (restock_id, id);
create trigger restock_receipt_append_only before update or delete on restock_receipt
	for each row execute function refuse_change_to_append_only();

-- the planner's list filters by expected date; reliability reads received restocks per supplier
create index restock_by_expected on restock (expected_on, id);
create index restock_received_by_supplier on restock (supplier_id) where status = 'RECEIVED';

-- how many orders wait on a restock
create index order_line_by_restock on order_line (restock_id) where restock_id is not null;
