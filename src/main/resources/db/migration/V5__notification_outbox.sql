-- E-mail: an outbox written in the transaction of the change that calls for the e-mail, and delay notices.

create table mail_outbox (
	id               bigint generated always as identity primary key,
	-- null for e-mail about no order (back in stock)
	order_id         bigint      references customer_order (id),
	recipient        text        not null check (length(recipient) between 3 and 254),
	kind             text        not null,
	-- what the e-mail says, rendered when it is sent
	model            jsonb       not null default '{}'::jsonb,
	-- one row per change: a job or event that runs twice adds nothing
	dedup_key        text        not null unique,
	-- rows with the same key that are still pending become one e-mail (window changes of one order)
	coalesce_key     text,
	status           text        not null default 'PENDING'
		check (status in ('PENDING', 'SENDING', 'SENT', 'SKIPPED', 'DEAD')),
	attempts         integer     not null default 0,
	next_attempt_at  timestamptz not null,
	-- a claim that is not marked sent by then was lost with its instance: the row is due again
	lease_until      timestamptz,
	last_error       text,
	created_at       timestamptz not null default now(),
	sent_at          timestamptz
);
create unique index mail_outbox_coalescing on mail_outbox (coalesce_key) where status = 'PENDING';
create index mail_outbox_due on mail_outbox (next_attempt_at) where status = 'PENDING';
create index mail_outbox_leased on mail_outbox (lease_until) where status = 'SENDING';
create index mail_outbox_dead on mail_outbox (id) where status = 'DEAD';
create index mail_outbox_by_order on mail_outbox (order_id);

-- Merges the lines of two pending window-change e-mails into the net change: each line keeps the
-- state it had before the first change and takes the state after the last one.
create function mail_outbox_net_lines(old jsonb, new jsonb) returns jsonb language sql immutable as $$
	select coalesce(jsonb_agg(
		case when n.line is null then o.line
			when o.line is null then n.line
			else n.line || jsonb_build_object('before', o.line -> 'before') end
		order by coalesce(n.id, o.id)), '[]'::jsonb)
	from (select l as line, (l ->> 'lineId')::bigint as id from jsonb_array_elements(new -> 'lines') l) n
	full join (select l as line, (l ->> 'lineId')::bigint as id from jsonb_array_elements(old -> 'lines') l) o
		on o.id = n.id
$$;

-- Delay notices (FTC Mail, Internet, or Telephone Order Merchandise Rule): one row per line and round.
-- Round 1: silence is consent to wait until the revised date. Later rounds need an explicit "wait" by answer_by.
create table delay_notice (
	id               bigint generated always as identity primary key,
	order_id         bigint      not null references customer_order (id),
	line_id          bigint      not null references order_line (id),
	round            integer     not null check (round >= 1),
	-- the date that passed, and the new one the customer was given (or, without a date, when we ask again)
	passed_latest    date        not null,
	revised_latest   date        not null,
	undated          boolean     not null,
	answer_by        timestamptz,
	status           text        not null
		check (status in ('CONSENTED', 'AWAITING_ANSWER', 'WAITING', 'CANCELLED')),
	created_at       timestamptz not null,
	answered_at      timestamptz,
	unique (line_id, round),
	check ((status = 'AWAITING_ANSWER') <= (answer_by is not null))
);
create index delay_notice_awaiting on delay_notice (answer_by) where status = 'AWAITING_ANSWER';
create index delay_notice_by_order on delay_notice (order_id);
