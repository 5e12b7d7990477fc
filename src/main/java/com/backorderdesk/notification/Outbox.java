package com.backorderdesk.notification;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Repository;

/**
 * The {@code mail_outbox} table. Every statement handles a whole batch: a supplier's slip
 * can queue ten thousand e-mails in one transaction.
 */
@Repository
class Outbox {

	private static final String INSERT = """
			insert into mail_outbox (order_id, recipient, kind, model, dedup_key, coalesce_key, next_attempt_at)
			select e.order_id, coalesce(e.recipient, o.customer_email), e.kind, e.model::jsonb, e.dedup_key,
				e.coalesce_key, e.due::timestamptz
			from unnest(:orderIds::bigint[], :recipients::text[], :kinds::text[], :models::text[], :dedupKeys::text[],
					:coalesceKeys::text[], :dues::text[], :important::boolean[])
				with ordinality as e(order_id, recipient, kind, model, dedup_key, coalesce_key, due, important, position)
			left join customer_order o on o.id = e.order_id
			where e.order_id is null or o.email_preference = 'EVERY_UPDATE'
				or (o.email_preference = 'IMPORTANT_ONLY' and e.important)
			order by e.position
			""";

	private final DatabaseClient db;

	Outbox(DatabaseClient db) {
		this.db = db;
	}

	/**
	 * Queues e-mails unless the customer does not want them; a change queued before adds
	 * nothing.
	 * @param mails e-mails without a coalescing key
	 * @return how many were queued
	 */
	Mono<Long> enqueue(List<NewMail> mails) {
		return insert(mails, " on conflict (dedup_key) do nothing");
	}

	/**
	 * Queues e-mails that merge into a pending one with the same coalescing key: its
	 * lines become the net change and it keeps its due time, so the window counts from
	 * the first change.
	 * @param mails e-mails with distinct coalescing keys
	 * @return how many were queued or merged
	 */
	Mono<Long> coalesce(List<NewMail> mails) {
		return insert(mails,
				"""
						 on conflict (coalesce_key) where status = 'PENDING' do update
						set model = jsonb_set(excluded.model, '{lines}', mail_outbox_net_lines(mail_outbox.model, excluded.model))
						""");
	}

	private Mono<Long> insert(List<NewMail> mails, String onConflict) {
		if (mails.isEmpty()) {
			return Mono.just(0L);
		}
		int size = mails.size();
		Long[] orderIds = new Long[size];
		String[] recipients = new String[size];
		String[] kinds = new String[size];
		String[] models = new String[size];
		String[] dedupKeys = new String[size];
		String[] coalesceKeys = new String[size];
		String[] dues = new String[size];
		Boolean[] important = new Boolean[size];
		for (int i = 0; i < size; i++) {
			NewMail mail = mails.get(i);
			orderIds[i] = mail.orderId();
			recipients[i] = mail.recipient();
			kinds[i] = mail.kind().name();
			models[i] = mail.model();
			dedupKeys[i] = mail.dedupKey();
			coalesceKeys[i] = mail.coalesceKey();
			dues[i] = mail.dueAt().toString();
			important[i] = mail.kind().important();
		}
		return this.db.sql(INSERT + onConflict)
			.bind("orderIds", orderIds)
			.bind("recipients", recipients)
			.bind("kinds", kinds)
			.bind("models", models)
			.bind("dedupKeys", dedupKeys)
			.bind("coalesceKeys", coalesceKeys)
			.bind("dues", dues)
			.bind("important", important)
			.fetch()
			.rowsUpdated();
	}

	/**
	 * Claims due rows for this instance: pending rows whose time has come, and claimed
	 * rows whose lease ran out because their instance died. Rows another instance is
	 * claiming at this moment are skipped, never waited for.
	 * @param now the time
	 * @param leaseUntil until when the claim holds
	 * @param limit how many rows at most
	 * @return the rows claimed, with their attempt counted
	 */
	Mono<List<ClaimedMail>> claim(Instant now, Instant leaseUntil, int limit) {
		return this.db
			.sql("""
					with due as (
						select id, order_id from mail_outbox
						where (status = 'PENDING' and next_attempt_at <= :now) or (status = 'SENDING' and lease_until <= :now)
						order by next_attempt_at, id
						limit :limit
						for update skip locked
					)
					update mail_outbox m set status = 'SENDING', attempts = m.attempts + 1, lease_until = :leaseUntil
					from due left join customer_order o on o.id = due.order_id
					where m.id = due.id
					returning m.id, m.order_id, m.recipient, m.kind, m.model::text as model, m.attempts, m.created_at,
						o.number, o.customer_name, o.email_preference
					""")
			.bind("now", now)
			.bind("leaseUntil", leaseUntil)
			.bind("limit", limit)
			.map(ClaimedMail::of)
			.all()
			.collectList();
	}

	Mono<Void> markSent(List<Long> ids, Instant now) {
		return mark(ids, "SENT", now);
	}

	/** Gives up rows that need not be sent: nobody wants them any more. */
	Mono<Void> markSkipped(List<Long> ids, Instant now) {
		return mark(ids, "SKIPPED", now);
	}

	private Mono<Void> mark(List<Long> ids, String status, Instant now) {
		if (ids.isEmpty()) {
			return Mono.empty();
		}
		return this.db.sql("""
				update mail_outbox set status = :status, sent_at = :now, lease_until = null
				where id = any(:ids) and status = 'SENDING'
				""").bind("status", status).bind("now", now).bind("ids", ids.toArray(Long[]::new)).then();
	}

	/**
	 * Records failed attempts: each row is due again at its own time, or dead.
	 * @param failures the failures
	 * @return completion
	 */
	Mono<Void> markFailed(List<Failure> failures) {
		if (failures.isEmpty()) {
			return Mono.empty();
		}
		List<Long> ids = new ArrayList<>();
		List<String> statuses = new ArrayList<>();
		List<String> nexts = new ArrayList<>();
		List<String> errors = new ArrayList<>();
		for (Failure failure : failures) {
			ids.add(failure.id());
			statuses.add(failure.dead() ? "DEAD" : "PENDING");
			nexts.add(failure.nextAttemptAt().toString());
			errors.add(failure.error());
		}
		return this.db
			.sql("""
					update mail_outbox m set status = f.status, next_attempt_at = f.next::timestamptz, lease_until = null,
						last_error = f.error
					from unnest(:ids::bigint[], :statuses::text[], :nexts::text[], :errors::text[]) as f(id, status, next, error)
					where m.id = f.id and m.status = 'SENDING'
					""")
			.bind("ids", ids.toArray(Long[]::new))
			.bind("statuses", statuses.toArray(String[]::new))
			.bind("nexts", nexts.toArray(String[]::new))
			.bind("errors", errors.toArray(String[]::new))
			.then();
	}

	Flux<DeadMail> dead(int limit) {
		return this.db.sql("""
				select m.id, m.order_id, o.number, m.recipient, m.kind, m.attempts, m.last_error, m.created_at,
					m.next_attempt_at
				from mail_outbox m left join customer_order o on o.id = m.order_id
				where m.status = 'DEAD' order by m.id desc limit :limit
				""")
			.bind("limit", limit)
			.map((row) -> new DeadMail(row.get("id", Long.class), row.get("number", String.class),
					row.get("recipient", String.class), MailKind.valueOf(row.get("kind", String.class)),
					row.get("attempts", Integer.class), row.get("last_error", String.class),
					row.get("created_at", Instant.class), row.get("next_attempt_at", Instant.class)))
			.all();
	}

	/**
	 * Makes a dead row due again with a fresh count of attempts.
	 * @return whether the row was dead
	 */
	Mono<Boolean> retry(long id, Instant now) {
		return this.db.sql("""
				update mail_outbox set status = 'PENDING', attempts = 0, next_attempt_at = :now, last_error = null
				where id = :id and status = 'DEAD'
				""").bind("id", id).bind("now", now).fetch().rowsUpdated().map((updated) -> updated > 0);
	}

	Mono<OutboxCounts> counts(Instant since) {
		return this.db.sql("""
				select count(*) filter (where status = 'PENDING') as pending,
					count(*) filter (where status = 'SENDING') as sending,
					count(*) filter (where status = 'SENT' and sent_at >= :since) as sent,
					count(*) filter (where status = 'SKIPPED' and sent_at >= :since) as skipped,
					count(*) filter (where status = 'DEAD') as dead
				from mail_outbox where status <> 'SENT' or sent_at >= :since
				""")
			.bind("since", since)
			.map((row) -> new OutboxCounts(row.get("pending", Long.class), row.get("sending", Long.class),
					row.get("sent", Long.class), row.get("skipped", Long.class), row.get("dead", Long.class)))
			.one();
	}

	/**
	 * Queues a copy of the newest e-mail sent about an order, as a new row: a new
	 * {@code Message-ID}, sent to the order's current address.
	 * @return the kind of e-mail queued again, or empty when none was sent yet
	 */
	Mono<MailKind> resendLatest(long orderId, Instant now) {
		return this.db.sql("""
				insert into mail_outbox (order_id, recipient, kind, model, dedup_key, next_attempt_at)
				select m.order_id, o.customer_email, m.kind, m.model, 'resend:' || m.id || ':' || :stamp, :now
				from mail_outbox m join customer_order o on o.id = m.order_id
				where m.order_id = :orderId and m.status = 'SENT'
				order by m.sent_at desc, m.id desc limit 1
				-- a second click in the same millisecond queues no second copy
				on conflict (dedup_key) do nothing
				returning kind
				""")
			.bind("orderId", orderId)
			.bind("stamp", now.toEpochMilli())
			.bind("now", now)
			.map((row) -> MailKind.valueOf(row.get("kind", String.class)))
			.one();
	}

	/**
	 * A failed attempt.
	 *
	 * @param id the row
	 * @param dead whether it was the last attempt
	 * @param nextAttemptAt when to try again
	 * @param error what went wrong
	 */
	record Failure(long id, boolean dead, Instant nextAttemptAt, String error) {
	}

}
