-- E-mail composed when it is sent, from the order's current state against what the customer
-- was last told; delay notices in the transaction of the change; offers that say whether
-- their substitute can still be had.

-- A restock carries the planner's explanation for the customers whose orders it moves.
alter table restock add column customer_note text check (length(customer_note) <= 500);

-- Delay notices keep the reason they gave.
alter table delay_notice add column reason text check (length(reason) <= 500);

-- An open offer whose substitute's free stock no longer covers it cannot be accepted.
alter table substitution_offer add column available boolean not null default true;

-- What each customer was last told by e-mail, per order line: written when an e-mail that
-- describes the line is sent, read when the next one is composed.
create table mail_told_line (
	line_id      bigint      primary key references order_line (id),
	order_id     bigint      not null references customer_order (id),
	status       text        not null,
	allocated    integer     not null,
	scheduled    integer     not null,
	unscheduled  integer     not null,
	shipped      integer     not null,
	cancelled    integer     not null,
	eta_earliest date,
	eta_latest   date,
	told_at      timestamptz not null
);
create index mail_told_line_by_order on mail_told_line (order_id);

-- The newest order event an e-mail about the order has taken into account.
create table mail_told_order (
	order_id       bigint      primary key references customer_order (id),
	last_event_id  bigint      not null,
	told_at        timestamptz not null
);

-- Offers whose customer was reminded that they are about to expire.
create table mail_offer_reminder (
	offer_id     bigint      primary key references substitution_offer (id),
	reminded_at  timestamptz not null
);

-- An order's e-mail is one pending row per order (coalesce_key 'order:<id>'): what it says
-- is composed when it is sent. A row records what it said (subject, contents) or why it
-- was not sent, and whether it tells the whole order again (a resend staff asked for).
alter table mail_outbox add column full_status boolean not null default false;
alter table mail_outbox add column subject text;
alter table mail_outbox add column contents text[];
alter table mail_outbox add column outcome text;

-- Rows queued under the old kinds become one pending row per order.
with ranked as (
	select id, row_number() over (partition by order_id order by next_attempt_at, id) as n
	from mail_outbox where status in ('PENDING', 'SENDING') and order_id is not null
)
update mail_outbox m set status = 'SKIPPED', outcome = 'merged into the order''s next e-mail', sent_at = now(),
	lease_until = null
from ranked r where r.id = m.id and r.n > 1;
update mail_outbox set kind = 'ORDER', coalesce_key = 'order:' || order_id, status = 'PENDING', lease_until = null
where status in ('PENDING', 'SENDING') and order_id is not null;
update mail_outbox set kind = 'ORDER' where order_id is not null;

-- Net window changes are composed from the lines' states now, not merged in SQL.
drop function mail_outbox_net_lines(jsonb, jsonb);

-- claims skip orders whose previous e-mail is still being sent
create index mail_outbox_sending_by_order on mail_outbox (order_id) where status = 'SENDING';
