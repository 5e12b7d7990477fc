package com.backorderdesk.audit;

import java.time.Instant;
import java.util.List;

import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.r2dbc.core.Parameter;
import org.springframework.stereotype.Service;

/**
 * The append-only record of staff changes: who, when, what, before and after.
 *
 * <p>
 * {@link #record} joins the caller's transaction, so an entry exists exactly when its
 * change was committed. The table refuses updates and deletes.
 */
@Service
public class AuditLog {

	private final DatabaseClient db;

	private final JsonMapper json;

	AuditLog(DatabaseClient db, JsonMapper json) {
		this.db = db;
		this.json = json;
	}

	/**
	 * Records a change, inside the caller's transaction.
	 * @param actor who made it
	 * @param action what kind of change, in upper snake case
	 * @param subject what was changed
	 * @param before the state before (serialised as JSON), or {@code null}
	 * @param after the state after (serialised as JSON), or {@code null}
	 * @return completes when recorded
	 */
	public Mono<Void> record(String actor, String action, String subject, @Nullable Object before,
			@Nullable Object after) {
		return this.db
			.sql("insert into audit_entry (actor, action, subject, before, after) "
					+ "values (:actor, :action, :subject, cast(:before as jsonb), cast(:after as jsonb))")
			.bind("actor", actor)
			.bind("action", action)
			.bind("subject", subject)
			.bind("before", Parameter.fromOrEmpty(toJson(before), String.class))
			.bind("after", Parameter.fromOrEmpty(toJson(after), String.class))
			.then();
	}

	/**
	 * Finds entries, newest first.
	 * @param text matched against actor, action, subject and the before and after values
	 * (case-insensitive), or blank for all
	 * @param from the earliest time, or {@code null}
	 * @param until the latest time (exclusive), or {@code null}
	 * @param limit the most entries to return
	 * @return the entries
	 */
	public Mono<List<AuditEntry>> search(String text, @Nullable Instant from, @Nullable Instant until, int limit) {
		String pattern = "%" + text.strip().toLowerCase().replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
				+ "%";
		return this.db.sql("""
				select id, occurred_at, actor, action, subject, before::text as before, after::text as after
				from audit_entry
				where (:pattern = '%%' or lower(actor) like :pattern or lower(action) like :pattern
						or lower(subject) like :pattern or lower(coalesce(before::text, '')) like :pattern
						or lower(coalesce(after::text, '')) like :pattern)
					and occurred_at >= coalesce(cast(:from as timestamptz), '-infinity')
					and occurred_at < coalesce(cast(:until as timestamptz), 'infinity')
				order by occurred_at desc, id desc
				limit :limit
				""")
			.bind("pattern", pattern)
			.bind("from", Parameter.fromOrEmpty(from, Instant.class))
			.bind("until", Parameter.fromOrEmpty(until, Instant.class))
			.bind("limit", limit)
			.map((row) -> new AuditEntry(row.get("id", Long.class), row.get("occurred_at", Instant.class),
					row.get("actor", String.class), row.get("action", String.class), row.get("subject", String.class),
					row.get("before", String.class), row.get("after", String.class)))
			.all()
			.collectList();
	}

	private @Nullable String toJson(@Nullable Object value) {
		return (value != null) ? this.json.writeValueAsString(value) : null;
	}

}
