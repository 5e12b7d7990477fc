-- The customer's choices for waiting items: how to be told, how to ship, and substitutes offered by staff.

alter table customer_order add column email_preference text not null default 'EVERY_UPDATE'
	check (email_preference in ('EVERY_UPDATE', 'IMPORTANT_ONLY', 'NONE'));

create table substitution_offer (
	id                      bigint generated always as identity primary key,
	order_id                bigint      not null references customer_order (id),
	line_id                 bigint      not null references order_line (id),
	substitute_sku          text        not null references product (sku),
	quantity                integer     not null check (quantity > 0),
	-- what the customer pays more (positive) or gets back (negative) for the whole quantity
	price_difference_cents  bigint      not null,
	currency                char(3)     not null check (currency ~ '^[A-Z]{3}$'),
	note                    text        not null default '' check (length(note) <= 1000),
	expires_at              timestamptz not null,
	status                  text        not null default 'OFFERED'
		check (status in ('OFFERED', 'ACCEPTED', 'DECLINED', 'EXPIRED', 'WITHDRAWN')),
	created_by              text        not null,
	created_at              timestamptz not null default now(),
	decided_at              timestamptz,
	version                 bigint      not null default 0,
	check ((status = 'OFFERED') = (decided_at is null))
);
-- the order page shows open offers; the expiry job finds the due ones
create index substitution_offer_open_by_order on substitution_offer (order_id) where status = 'OFFERED';
create index substitution_offer_open_by_expiry on substitution_offer (expires_at) where status = 'OFFERED';
create index substitution_offer_by_line on substitution_offer (line_id);
