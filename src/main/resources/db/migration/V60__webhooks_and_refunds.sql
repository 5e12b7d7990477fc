-- What the shop's other systems hear: outgoing webhooks (endpoints, one message per thing that
-- happened, one delivery per message and endpoint, every attempt logged) and the refunds due.

create table webhook_endpoint (
	id           bigint generated always as identity primary key,
	url          text        not null check (length(url) between 8 and 2000),
	-- 'whsec_' + base64 of 32 random bytes (Standard Webhooks); shown once, kept to sign with
	secret       text        not null check (secret like 'whsec\_%'),
	event_types  text[]      not null check (cardinality(event_types) between 1 and 20),
	active       boolean     not null default true,
	description  text        not null default '' check (length(description) <= 200),
	created_by   text        not null,
	created_at   timestamptz not null default now(),
	version      bigint      not null default 0
);

-- One thing that happened, as it was when it happened; the body every endpoint is sent, byte for byte.
create table webhook_message (
	id           bigint generated always as identity primary key,
	-- the Standard Webhooks 'webhook-id': the same on every attempt and for every endpoint
	webhook_id   text        not null unique,
	event_type   text        not null,
	-- the order whose deliveries keep their order per endpoint; null for a test event
	order_id     bigint      references customer_order (id),
	-- the timeline event it stems from, if any
	order_event_id bigint    references order_event (id),
	payload      text        not null,
	created_at   timestamptz not null default now()
);
create index webhook_message_by_order on webhook_message (order_id);

create table webhook_delivery (
	id               bigint generated always as identity primary key,
	message_id       bigint      not null references webhook_message (id) on delete cascade,
	endpoint_id      bigint      not null references webhook_endpoint (id) on delete cascade,
	-- copied from the message: the claim keeps deliveries of one order in order per endpoint
	order_id         bigint,
	status           text        not null default 'PENDING' check (status in ('PENDING', 'DELIVERED', 'DEAD')),
	attempts         integer     not null default 0,
	next_attempt_at  timestamptz not null,
	-- a pending delivery claimed by an instance until then; after it, the instance is taken to have died
	lease_until      timestamptz,
	last_status      integer,
	last_error       text,
	created_at       timestamptz not null default now(),
	delivered_at     timestamptz,
	unique (message_id, endpoint_id)
);
create index webhook_delivery_due on webhook_delivery (next_attempt_at) where status = 'PENDING';
create index webhook_delivery_order_queue on webhook_delivery (endpoint_id, order_id, id) where status = 'PENDING';
create index webhook_delivery_by_endpoint on webhook_delivery (endpoint_id, id);

-- Every attempt, for the delivery log: the status code the endpoint answered, or why there was none.
create table webhook_attempt (
	id            bigint generated always as identity primary key,
	delivery_id   bigint      not null references webhook_delivery (id) on delete cascade,
	attempted_at  timestamptz not null,
	status_code   integer,
	error         text,
	duration_ms   integer     not null
);
create index webhook_attempt_by_delivery on webhook_attempt (delivery_id, id);

-- Money due back to a customer for cancelled units, recorded with the cancellation.
create table refund (
	id              bigint generated always as identity primary key,
	order_id        bigint      not null references customer_order (id),
	line_id         bigint      not null references order_line (id),
	-- the cancellation (or accepted substitute) it is due for: one refund per event
	order_event_id  bigint      not null unique references order_event (id),
	reason          text        not null,
	quantity        integer     not null check (quantity > 0),
	amount_cents    bigint      not null check (amount_cents > 0),
	currency        char(3)     not null check (currency ~ '^[A-Z]{3}$'),
	status          text        not null default 'DUE' check (status in ('DUE', 'REFUNDED')),
	created_at      timestamptz not null default now(),
	refunded_at     timestamptz,
	refunded_by     text,
	version         bigint      not null default 0,
	check ((status = 'REFUNDED') = (refunded_at is not null))
);
create index refund_by_order on refund (order_id);
create index refund_due on refund (created_at) where status = 'DUE';
