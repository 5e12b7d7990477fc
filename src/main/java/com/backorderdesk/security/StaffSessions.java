package com.backorderdesk.security;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import io.r2dbc.spi.Readable;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;

import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.r2dbc.core.Parameter;
import org.springframework.session.ReactiveFindByIndexNameSessionRepository;
import org.springframework.session.ReactiveSessionRepository;

/**
 * Staff sessions in PostgreSQL, so that every instance serves every member of staff and a
 * restart logs nobody out. Spring Session has no R2DBC store; this is one, for its
 * {@link ReactiveSessionRepository} (Spring Session turns it into WebFlux's
 * {@code WebSession}).
 *
 * <p>
 * A row holds the SHA-256 of the session id, never the id itself, the member of staff it
 * belongs to (indexed, so disabling an account ends its sessions in one statement), the
 * expiry (indexed, for the sweep) and the attributes as restricted JSON
 * ({@link SessionAttributes}). A save updates only rows that still exist: a session ended
 * while a request of it was running stays ended.
 */
class StaffSessions
		implements ReactiveSessionRepository<StaffSession>, ReactiveFindByIndexNameSessionRepository<StaffSession> {

	/** Expired rows deleted per statement: enough to keep up, never a long lock. */
	static final int SWEEP_BATCH = 500;

	private static final String COLUMNS = "id, created_at, last_accessed_at, max_inactive_seconds, "
			+ "attributes::text as attributes";

	private final DatabaseClient db;

	private final SessionAttributes codec;

	private final SessionSettings settings;

	private final Clock clock;

	StaffSessions(DatabaseClient db, SessionAttributes codec, SessionSettings settings, Clock clock) {
		this.db = db;
		this.codec = codec;
		this.settings = settings;
		this.clock = clock;
	}

	@Override
	public Mono<StaffSession> createSession() {
		return Mono.fromSupplier(() -> new StaffSession(this.clock, this.settings.idleTimeout()));
	}

	@Override
	public Mono<Void> save(StaffSession session) {
		if (!session.needsWrite(this.settings.touchInterval())) {
			return Mono.empty();
		}
		String attributes = this.codec.write(session.attributes());
		StaffPrincipal staff = SessionAttributes.staff(session.attributes());
		Mono<Long> written = session.isNew() ? insert(session, attributes, staff) : update(session, attributes, staff);
		return written.doOnNext(session::stored).then();
	}

	private Mono<Long> insert(StaffSession session, String attributes, @Nullable StaffPrincipal staff) {
		return this.db.sql("""
				insert into staff_session (session_key, staff_id, principal_name, created_at, last_accessed_at,
					max_inactive_seconds, expires_at, attributes)
				select :key, u.id, :principal, :created, :accessed, :maxInactive, :expires, cast(:attributes as jsonb)
				from (select cast(:staffId as bigint) as id) u
				-- a member of staff disabled meanwhile gets no session
				where u.id is null or exists (select 1 from staff_user s where s.id = u.id and s.enabled)
				returning id
				""")
			.bind("key", key(session.getId()))
			.bind("staffId", Parameter.fromOrEmpty((staff != null) ? staff.id() : null, Long.class))
			.bind("principal", Parameter.fromOrEmpty((staff != null) ? staff.username() : null, String.class))
			.bind("created", session.getCreationTime())
			.bind("accessed", session.getLastAccessedTime())
			.bind("maxInactive", seconds(session.getMaxInactiveInterval()))
			.bind("expires", session.expiresAt())
			.bind("attributes", attributes)
			.map((row) -> row.get("id", Long.class))
			.one();
	}

	private Mono<Long> update(StaffSession session, String attributes, @Nullable StaffPrincipal staff) {
		return this.db.sql("""
				update staff_session set session_key = :key, staff_id = :staffId, principal_name = :principal,
					last_accessed_at = greatest(last_accessed_at, :accessed), max_inactive_seconds = :maxInactive,
					expires_at = greatest(expires_at, :expires), attributes = cast(:attributes as jsonb)
				where id = :id
				returning id
				""")
			.bind("key", key(session.getId()))
			.bind("staffId", Parameter.fromOrEmpty((staff != null) ? staff.id() : null, Long.class))
			.bind("principal", Parameter.fromOrEmpty((staff != null) ? staff.username() : null, String.class))
			.bind("accessed", session.getLastAccessedTime())
			.bind("maxInactive", seconds(session.getMaxInactiveInterval()))
			.bind("expires", session.expiresAt())
			.bind("attributes", attributes)
			.bind("id", session.rowId())
			.map((row) -> row.get("id", Long.class))
			.one();
	}

	@Override
	public Mono<StaffSession> findById(String id) {
		if (id.length() > 100) {
			return Mono.empty();
		}
		// a disabled account's sessions are ended when it is disabled; the join refuses
		// them also if the row was changed some other way
		return this.db.sql("""
				select %s from staff_session
				where session_key = :key and expires_at > :now
					and (staff_id is null or exists (select 1 from staff_user u where u.id = staff_id and u.enabled))
				""".formatted(COLUMNS))
			.bind("key", key(id))
			.bind("now", this.clock.instant())
			.map((row) -> session(id, row))
			.one();
	}

	@Override
	public Mono<Void> deleteById(String id) {
		return this.db.sql("delete from staff_session where session_key = :key").bind("key", key(id)).then();
	}

	/**
	 * Finds the sessions of a member of staff; only by
	 * {@link ReactiveFindByIndexNameSessionRepository#PRINCIPAL_NAME_INDEX_NAME}. The
	 * sessions found have no ids to give out (only hashes are stored): they are keyed by
	 * row, for counting and ending them.
	 */
	@Override
	public Mono<Map<String, StaffSession>> findByIndexNameAndIndexValue(String indexName, String indexValue) {
		if (!PRINCIPAL_NAME_INDEX_NAME.equals(indexName)) {
			return Mono.just(Map.of());
		}
		return this.db.sql("""
				select %s from staff_session where principal_name = :principal and expires_at > :now
				""".formatted(COLUMNS))
			.bind("principal", indexValue)
			.bind("now", this.clock.instant())
			.map((row) -> session("row-" + row.get("id", Long.class), row))
			.all()
			.collectMap(StaffSession::getId);
	}

	/**
	 * Which of the given sessions still stand: there, not expired, their account enabled
	 * (what {@link #findById} would find), in one statement however many are asked.
	 * @param ids session ids, as the cookie carries them
	 * @return the ids of those that stand; empty for none asked
	 */
	Mono<Set<String>> standing(Collection<String> ids) {
		Map<String, String> byKey = new HashMap<>();
		for (String id : ids) {
			if (id.length() <= 100) {
				byKey.put(HexFormat.of().formatHex(key(id)), id);
			}
		}
		if (byKey.isEmpty()) {
			return Mono.just(Set.of());
		}
		return this.db.sql("""
				select encode(session_key, 'hex') from staff_session
				where session_key = any(array(select decode(k, 'hex') from unnest(cast(:keys as text[])) k))
					and expires_at > :now
					and (staff_id is null or exists (select 1 from staff_user u where u.id = staff_id and u.enabled))
				""")
			.bind("keys", byKey.keySet().toArray(String[]::new))
			.bind("now", this.clock.instant())
			.map((row) -> byKey.get(row.get(0, String.class)))
			.all()
			.collect(Collectors.toSet());
	}

	/**
	 * Ends every session of a member of staff, in the caller's transaction.
	 * @param staffId the account
	 * @return how many sessions ended
	 */
	Mono<Long> endAll(long staffId) {
		return this.db.sql("delete from staff_session where staff_id = :staffId")
			.bind("staffId", staffId)
			.fetch()
			.rowsUpdated();
	}

	/**
	 * Deletes a batch of expired sessions. Instances sweeping at once skip each other's
	 * rows rather than wait for them.
	 * @return how many rows were deleted
	 */
	Mono<Long> sweep() {
		return this.db.sql("""
				delete from staff_session where id = any(array(
					select id from staff_session where expires_at <= :now
					order by expires_at limit :batch for update skip locked))
				""").bind("now", this.clock.instant()).bind("batch", SWEEP_BATCH).fetch().rowsUpdated();
	}

	private StaffSession session(String id, Readable row) {
		String attributes = row.get("attributes", String.class);
		Integer maxInactive = row.get("max_inactive_seconds", Integer.class);
		return new StaffSession(this.clock, row.get("id", Long.class), id,
				this.codec.read((attributes != null) ? attributes : "{}"), row.get("created_at", Instant.class),
				row.get("last_accessed_at", Instant.class),
				Duration.ofSeconds((maxInactive != null) ? maxInactive : 0));
	}

	private static int seconds(Duration interval) {
		return (int) Math.max(1, Math.min(Integer.MAX_VALUE, interval.toSeconds()));
	}

	/** What is stored instead of the id: a copy of the table opens no session. */
	static byte[] key(String id) {
		try {
			return MessageDigest.getInstance("SHA-256").digest(id.getBytes(StandardCharsets.US_ASCII));
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException("SHA-256 is part of every Java runtime", ex);
		}
	}

}
