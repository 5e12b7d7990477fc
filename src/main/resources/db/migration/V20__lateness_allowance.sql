-- Each supplier's calibrated lateness allowance in days, which widens its restocks' delivery
-- windows. A supplier without a row has the configured default. Recomputed for a supplier
-- when one of its receipts is recorded.
create table lateness_allowance (
	supplier_id    bigint      primary key references supplier (id),
	days           integer     not null check (days >= 0),
	calibrated_at  timestamptz not null default now()
);

-- until a receipt recalibrates them, suppliers keep what the former rule gave them:
-- the 80th percentile of their received restocks' lateness, once they have three
insert into lateness_allowance (supplier_id, days)
select supplier_id, ceil(percentile_cont(0.8) within group (order by greatest(received_on - promised_on, 0)))::int
from restock where status = 'RECEIVED' and received_on is not null
group by supplier_id having count(*) >= 3;
