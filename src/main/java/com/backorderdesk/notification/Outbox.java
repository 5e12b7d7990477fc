package com.backorderdesk.notification;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Repository;

/**
 * The {@code mail_outbox} table, and the only code that writes it. Every statement
 * handles a whole batch: a supplier's slip can queue ten thousand e-mails in one
 * transaction.
 *
 * <p>
 * A row says <em>that</em> someone should hear from us, never <em>what</em>: an order has
 * at most one pending row ({@code coalesce_key = 'order:<id>'}), which every later change
 * joins (keeping the earliest due time), and the dispatcher composes its e-mail from the
 * order's state when it sends it. Claims never hand out a row of an order whose previous
 * e-mail is still being sent, so two e-mails about one order are never composed from the
 * same "last told" at once.
 */
@Repository
class Outbox {

	private final DatabaseClient db;

	Outbox(DatabaseClient db) {
		this.db = db;
	}

	/**
	 * Queues an e-mail for each order, or joins the order's pending one: it becomes due
	 * at the earlier of the two times, and tells the whole order when either asks to.
	 * @param mails one per order
	 * @return how many rows were queued or joined
	 */
	Mono<Long> queueOrders(List<OrderMail> mails) {
		if (mails.isEmpty()) {
			return Mono.just(0L);
		}
		int size = mails.size();
		Long[] orderIds = new Long[size];
		String[] dues = new String[size];
		String[] dedupKeys = new String[size];
		Boolean[] full = new Boolean[size];
		for (int i = 0; i < size; i++) {
			OrderMail mail = mails.get(i);
			orderIds[i] = mail.orderId();
			dues[i] = mail.dueAt().toString();
			dedupKeys[i] = mail.dedupKey();
			full[i] = mail.fullStatus();
		}
		return this.db
			.sql("""
					insert into mail_outbox (order_id, recipient, kind, dedup_key, coalesce_key, next_attempt_at, full_status)
					select e.order_id, o.customer_email, 'ORDER', e.dedup_key, 'order:' || e.order_id, e.due::timestamptz,
						e.whole
					from unnest(:orderIds::bigint[], :dues::text[], :dedupKeys::text[], :whole::boolean[])
						with ordinality as e(order_id, due, dedup_key, whole, position)
					join customer_order o on o.id = e.order_id
					order by e.position
					on conflict (coalesce_key) where status = 'PENDING' do update
					set next_attempt_at = least(mail_outbox.next_attempt_at, excluded.next_attempt_at),
						full_status = mail_outbox.full_status or excluded.full_status
					""")
			.bind("orderIds", orderIds)
			.bind("dues", dues)
			.bind("dedupKeys", dedupKeys)
			.bind("whole", full)
			.fetch()
			.rowsUpdated();
	}

	/**
	 * Ends the open "tell me when it's back" requests of products that are back (units on
	 * hand exceed all open demand, held and waiting) and queues one e-mail for each.
	 * @param skus the products to look at, or {@code null} for all with open requests
	 * @param now the time
	 * @return how many e-mails were queued
	 */
	Mono<Long> queueBackInStock(@Nullable Collection<String> skus, Instant now) {
		String waiting = (skus != null)
				? "select distinct sku from back_in_stock_request where notified_at is null and sku = any(:skus)"
				: "select distinct sku from back_in_stock_request where notified_at is null";
		DatabaseClient.GenericExecuteSpec spec = this.db
			.sql("with waiting as (" + waiting
					+ """
							),
							available as (
								select w.sku from waiting w join stock s on s.sku = w.sku
								where s.on_hand > (select coalesce(sum(l.quantity - l.shipped - l.cancelled), 0) from order_line l
									where l.sku = w.sku and l.shipped + l.cancelled < l.quantity)
							),
							ended as (
								update back_in_stock_request r set notified_at = :now
								from available a where r.sku = a.sku and r.notified_at is null
								returning r.id, r.sku, r.email, r.locale
							)
							insert into mail_outbox (recipient, kind, model, dedup_key, next_attempt_at)
							select e.email, 'BACK_IN_STOCK', jsonb_strip_nulls(jsonb_build_object('sku', e.sku, 'locale', e.locale)),
								'back-in-stock:' || e.id, :now
							from ended e order by e.id
							on conflict (dedup_key) do nothing
							""")
			.bind("now", now);
		if (skus != null) {
			spec = spec.bind("skus", skus.toArray(String[]::new));
		}
		return spec.fetch().rowsUpdated();
	}

	/**
	 * Queues an e-mail for every order with an open, available substitute offer that
	 * expires soon and whose customer was not reminded yet; offers made for less than the
	 * reminder period get none. The e-mail's composer adds the reminder.
	 * @param now the time
	 * @param remindFrom offers expiring before this are due for a reminder
	 * @param before the reminder period
	 * @param limit how many orders at most
	 * @return how many were queued or joined
	 */
	Mono<Long> queueOfferReminders(Instant now, Instant remindFrom, java.time.Duration before, int limit) {
		return this.db.sql("""
				insert into mail_outbox (order_id, recipient, kind, dedup_key, coalesce_key, next_attempt_at)
				select d.order_id, o.customer_email, 'ORDER', 'offer-expiring:' || d.offer_id || ':' || :stamp,
					'order:' || d.order_id, :now
				from (
					select distinct on (s.order_id) s.order_id, s.id as offer_id
					from substitution_offer s
					where s.status = 'OFFERED' and s.available and s.expires_at > :now and s.expires_at <= :remindFrom
						and s.created_at < s.expires_at - :before::interval
						and not exists (select 1 from mail_offer_reminder r where r.offer_id = s.id)
					order by s.order_id, s.id
				) d
				join customer_order o on o.id = d.order_id
				order by d.order_id limit :limit
				on conflict (coalesce_key) where status = 'PENDING' do update
				set next_attempt_at = least(mail_outbox.next_attempt_at, excluded.next_attempt_at)
				""")
			.bind("now", now)
			.bind("stamp", now.toEpochMilli())
			.bind("remindFrom", remindFrom)
			.bind("before", before.toSeconds() + " seconds")
			.bind("limit", limit)
			.fetch()
			.rowsUpdated();
	}

	/**
	 * Queues a "still waiting" e-mail for every order with waiting items whose customer
	 * wants every update and has heard nothing about it since {@code quietSince}; an
	 * order's pending e-mail is joined instead. Customers never told anything (no
	 * confirmation went out) are left alone.
	 * @param now the time
	 * @param quietSince orders last told before this are due
	 * @param limit how many orders at most
	 * @return how many were queued or joined
	 */
	Mono<Long> queueStillWaiting(Instant now, Instant quietSince, int limit) {
		return this.db.sql("""
				insert into mail_outbox (order_id, recipient, kind, dedup_key, coalesce_key, next_attempt_at,
					still_waiting)
				select o.id, o.customer_email, 'ORDER', 'still-waiting:' || o.id || ':' || :stamp, 'order:' || o.id,
					:now, true
				from customer_order o join mail_told_order t on t.order_id = o.id
				where o.email_preference = 'EVERY_UPDATE' and t.told_at <= :quietSince
					and exists (select 1 from order_line l
						where l.order_id = o.id and l.shipped + l.cancelled + l.allocated < l.quantity)
				order by t.told_at, o.id limit :limit
				on conflict (coalesce_key) where status = 'PENDING' do update set still_waiting = true
				""")
			.bind("now", now)
			.bind("stamp", now.toEpochMilli())
			.bind("quietSince", quietSince)
			.bind("limit", limit)
			.fetch()
			.rowsUpdated();
	}

	/**
	 * Claims due rows for this instance: pending rows whose time has come, and claimed
	 * rows whose lease ran out because their instance died. Rows another instance is
	 * claiming at this moment are skipped, never waited for, and so are rows of orders
	 * whose previous e-mail is still being sent under a live lease.
	 * @param now the time
	 * @param leaseUntil until when the claim holds
	 * @param limit how many rows at most
	 * @return the rows claimed, with their attempt counted
	 */
	Mono<List<ClaimedMail>> claim(Instant now, Instant leaseUntil, int limit) {
		return this.db.sql("""
				with due as (
					select m.id from mail_outbox m
					where ((m.status = 'PENDING' and m.next_attempt_at <= :now)
							or (m.status = 'SENDING' and m.lease_until <= :now))
						and (m.order_id is null or not exists (select 1 from mail_outbox s
							where s.order_id = m.order_id and s.status = 'SENDING' and s.lease_until > :now
								and s.id <> m.id))
					order by m.next_attempt_at, m.id
					limit :limit
					for update of m skip locked
				)
				update mail_outbox m set status = 'SENDING', attempts = m.attempts + 1, lease_until = :leaseUntil
				from due
				where m.id = due.id
				returning m.id, m.order_id, m.recipient, m.kind, m.model ->> 'sku' as sku,
					m.model ->> 'locale' as locale, m.attempts, m.created_at, m.full_status, m.still_waiting
				""")
			.bind("now", now)
			.bind("leaseUntil", leaseUntil)
			.bind("limit", limit)
			.map(ClaimedMail::of)
			.all()
			.collectList();
	}

	/**
	 * Records rows sent, with what each said.
	 * @param sent the rows and their subjects and contents
	 * @param now the time
	 * @return completion
	 */
	Mono<Void> markSent(List<Sent> sent, Instant now) {
		if (sent.isEmpty()) {
			return Mono.empty();
		}
		return this.db.sql("""
				update mail_outbox m set status = 'SENT', sent_at = :now, lease_until = null, subject = s.subject,
					contents = string_to_array(s.contents, ','), outcome = null
				from unnest(:ids::bigint[], :subjects::text[], :contents::text[]) as s(id, subject, contents)
				where m.id = s.id and m.status = 'SENDING'
				""")
			.bind("now", now)
			.bind("ids", sent.stream().map(Sent::id).toArray(Long[]::new))
			.bind("subjects", sent.stream().map(Sent::subject).toArray(String[]::new))
			.bind("contents", sent.stream().map(Sent::contents).toArray(String[]::new))
			.then();
	}

	/**
	 * Gives up rows that need not be sent, with the reason: nothing changed that the
	 * customer wants to hear, or it is no longer true.
	 * @param skipped the rows and why
	 * @param now the time
	 * @return completion
	 */
	Mono<Void> markSkipped(List<Skipped> skipped, Instant now) {
		if (skipped.isEmpty()) {
			return Mono.empty();
		}
		return this.db.sql("""
				update mail_outbox m set status = 'SKIPPED', sent_at = :now, lease_until = null, outcome = s.outcome
				from unnest(:ids::bigint[], :outcomes::text[]) as s(id, outcome)
				where m.id = s.id and m.status = 'SENDING'
				""")
			.bind("now", now)
			.bind("ids", skipped.stream().map(Skipped::id).toArray(Long[]::new))
			.bind("outcomes", skipped.stream().map(Skipped::outcome).toArray(String[]::new))
			.then();
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
		// a pending row of the same order may have been queued meanwhile: the failed one
		// joins it rather than break the one-pending-row rule
		return this.db
			.sql("""
					with failed as (
						select f.id, f.status, f.next::timestamptz as next, f.error
						from unnest(:ids::bigint[], :statuses::text[], :nexts::text[], :errors::text[])
							as f(id, status, next, error)
					),
					joined as (
						update mail_outbox p set next_attempt_at = least(p.next_attempt_at, f.next),
							full_status = p.full_status or m.full_status, still_waiting = p.still_waiting or m.still_waiting
						from failed f join mail_outbox m on m.id = f.id
						where f.status = 'PENDING' and m.coalesce_key is not null and p.coalesce_key = m.coalesce_key
							and p.status = 'PENDING' and p.id <> m.id
						returning m.id
					)
					update mail_outbox m set
						status = case when m.id in (select id from joined) then 'SKIPPED' else f.status end,
						outcome = case when m.id in (select id from joined) then 'failed, then joined the order''s next e-mail' end,
						sent_at = case when m.id in (select id from joined) then now() end,
						next_attempt_at = f.next, lease_until = null, last_error = f.error
					from failed f
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
	 * The e-mails of the orders most recently written to, every row of each order, or of
	 * the orders found by number or address.
	 * @param text part of an order number or of an address (any case), or blank for the
	 * latest orders
	 * @param orders how many orders at most
	 * @return the rows, the latest order first, each order's newest row first
	 */
	Flux<OutboxMail> history(String text, int orders) {
		String escaped = text.strip().toLowerCase().replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
		return this.db.sql("""
				with chosen as (
					select m.order_id, max(m.id) as latest from mail_outbox m
					join customer_order o on o.id = m.order_id
					where :text = '' or lower(o.number) like :contains or lower(m.recipient) like :contains
					group by m.order_id
					order by latest desc
					limit :orders
				)
				select m.id, o.number, m.recipient, m.kind, m.status, m.subject,
					array_to_string(m.contents, ',') as contents, m.outcome, m.attempts, m.last_error, m.created_at,
					m.sent_at, m.next_attempt_at
				from chosen c join mail_outbox m on m.order_id = c.order_id join customer_order o on o.id = m.order_id
				order by c.latest desc, m.id desc
				""")
			.bind("text", escaped)
			.bind("contains", "%" + escaped + "%")
			.bind("orders", orders)
			.map((row) -> new OutboxMail(row.get("id", Long.class), row.get("number", String.class),
					row.get("recipient", String.class), MailKind.valueOf(row.get("kind", String.class)),
					row.get("status", String.class), row.get("subject", String.class),
					contents(row.get("contents", String.class)), row.get("outcome", String.class),
					row.get("attempts", Integer.class), row.get("last_error", String.class),
					row.get("created_at", Instant.class), row.get("sent_at", Instant.class),
					row.get("next_attempt_at", Instant.class)))
			.all();
	}

	private static List<MailContent> contents(@Nullable String names) {
		if (names == null || names.isEmpty()) {
			return List.of();
		}
		List<MailContent> contents = new ArrayList<>();
		for (String name : names.split(",")) {
			try {
				contents.add(MailContent.valueOf(name));
			}
			catch (IllegalArgumentException ex) {
				// a content an older version wrote: left out
			}
		}
		return contents;
	}

	/**
	 * Makes a dead row due again with a fresh count of attempts; an order's dead row
	 * joins the order's pending one if there is one.
	 * @return whether the row was dead
	 */
	Mono<Boolean> retry(long id, Instant now) {
		return this.db.sql("""
				with dead as (select * from mail_outbox where id = :id and status = 'DEAD'),
				joined as (
					update mail_outbox p set next_attempt_at = least(p.next_attempt_at, :now),
						full_status = p.full_status or d.full_status, still_waiting = p.still_waiting or d.still_waiting
					from dead d where d.coalesce_key is not null and p.coalesce_key = d.coalesce_key
						and p.status = 'PENDING'
					returning d.id
				)
				update mail_outbox m set
					status = case when exists (select 1 from joined) then 'SKIPPED' else 'PENDING' end,
					outcome = case when exists (select 1 from joined) then 'retried with the order''s next e-mail' end,
					attempts = 0, next_attempt_at = :now, last_error = null
				from dead where m.id = dead.id
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
	 * An order that calls for an e-mail.
	 *
	 * @param orderId the order
	 * @param dueAt when it may be sent at the earliest
	 * @param dedupKey unique per cause, so one cause queues at most one row
	 * @param fullStatus whether the e-mail tells where every item stands, whatever was
	 * told before (a resend staff asked for)
	 */
	record OrderMail(long orderId, Instant dueAt, String dedupKey, boolean fullStatus) {
	}

	/**
	 * A row sent.
	 *
	 * @param id the row
	 * @param subject the subject line sent
	 * @param contents what it told, comma-separated {@link MailContent} names
	 */
	record Sent(long id, String subject, String contents) {
	}

	/**
	 * A row not sent, and why.
	 *
	 * @param id the row
	 * @param outcome why, for staff
	 */
	record Skipped(long id, String outcome) {
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
