-- A receipt counted wrong can be corrected on the day it was recorded. Receipts stay
-- append-only: a correction is a row of its own that names the receipt it corrects and
-- carries the difference (negative when fewer units arrived than were recorded), so a
-- receipt's units are its own plus its corrections'.
alter table restock_receipt add column corrects_id bigint references restock_receipt (id);
alter table restock_receipt drop constraint restock_receipt_quantity_check;
alter table restock_receipt add constraint restock_receipt_quantity_check
	check (quantity <> 0 and (quantity > 0 or corrects_id is not null));
create index restock_receipt_corrections on restock_receipt (corrects_id) where corrects_id is not null;
