-- Staff sessions every instance shares, and staff login throttling kept where every instance counts.

-- A staff session. The cookie carries the session id; only its SHA-256 is stored, so a copy of this
-- table opens no session. The row id never changes, the session id does (at login).
create table staff_session (
	id                    bigint generated always as identity primary key,
	session_key           bytea       not null unique check (length(session_key) = 32),
	staff_id              bigint      references staff_user (id) on delete cascade,
	principal_name        text,
	created_at            timestamptz not null,
	last_accessed_at      timestamptz not null,
	max_inactive_seconds  integer     not null check (max_inactive_seconds > 0),
	expires_at            timestamptz not null,
	-- the session's attributes in a restricted JSON form (see StaffSessions): never serialized Java
	attributes            jsonb       not null default '{}'
);
create index staff_session_by_staff on staff_session (staff_id);
create index staff_session_by_principal on staff_session (principal_name);
create index staff_session_by_expiry on staff_session (expires_at);

-- Failed staff logins per key (a client address, a username as typed, or a username on a trusted
-- device), with the time before which the next attempt on that key is refused unchecked.
create table login_throttle (
	scope            text        not null check (scope in ('CLIENT', 'ACCOUNT', 'DEVICE')),
	key              text        not null check (length(key) between 1 and 300),
	failures         integer     not null check (failures > 0),
	last_failure_at  timestamptz not null,
	blocked_until    timestamptz not null,
	primary key (scope, key)
);
create index login_throttle_by_age on login_throttle (last_failure_at);

-- Lock-outs are gone: anyone could lock anyone out. Throttling above slows guessing instead.
alter table staff_user drop column failed_logins, drop column locked_until;
