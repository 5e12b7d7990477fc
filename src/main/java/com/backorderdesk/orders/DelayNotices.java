package com.backorderdesk.orders;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.r2dbc.spi.Readable;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import com.backorderdesk.timeline.NewOrderEvent;
import com.backorderdesk.timeline.OrderEventLog;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.r2dbc.core.Parameter;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Delay notices with options, after the FTC Mail, Internet, or Telephone Order
 * Merchandise Rule (16 CFR 435.2). A waiting line is delayed when its latest date passes
 * the date first promised (or, for a line ordered without a date, when
 * {@code undated-days} pass after the order), or the revised date of the last notice the
 * customer let stand, or when a line that had a date loses it. The customer may wait or
 * cancel at no cost; and:
 * <ul>
 * <li>a first delay to a definite date at most {@code consent-days} (30) past the date
 * first promised takes silence as consent to wait;</li>
 * <li>a longer delay, a delay without a date, and any second or later delay need the
 * customer's express "wait" by {@code answer-period}, or the line is cancelled and the
 * customer told.</li>
 * </ul>
 * A change that delays lines notices them in its own transaction
 * ({@link #notice(Collection, String)}), so the delay and the window change are one
 * e-mail; the periodic job ({@link #noticeDue()}) remains only for delays that come from
 * the passing of time. Every notice is a {@link DelayNoticed} event, one per order per
 * change, so the e-mail follows through the outbox like any other.
 */
@Service
public class DelayNotices {

	private static final String ACTOR = "system";

	private static final int CANCEL_BATCH = 100;

	/**
	 * Finds delayed lines and records a notice for each; followed by a filter on line
	 * ids, or nothing for all lines. Instances running it at once notice each delay once
	 * ({@code unique (line_id, round)}).
	 */
	private static final String NOTICE = """
			with candidates as (
				select l.id as line_id, l.order_id, l.eta_latest, l.promised_latest,
					coalesce(n.round, 0) + 1 as round,
					case when n.id is null
						then coalesce(l.promised_latest, (o.placed_at at time zone :zone)::date + :undatedDays)
						else n.revised_latest end as limit_date,
					case when n.id is null then l.promised_latest is not null else not n.undated end as had_date,
					coalesce(cast(:note as text), r.customer_note) as reason
				from order_line l
				join customer_order o on o.id = l.order_id
				left join restock r on r.id = l.restock_id
				left join lateral (
					select * from delay_notice d where d.line_id = l.id order by d.round desc limit 1
				) n on true
				where l.shipped + l.cancelled + l.allocated < l.quantity
					and (n.id is null or n.status in ('CONSENTED', 'WAITING'))
					%s
			),
			delayed as (
				select c.*, c.round = 1 and c.eta_latest is not null
					and c.eta_latest <= coalesce(c.promised_latest, c.limit_date) + :consentDays as silence_consents
				from candidates c
				where (c.eta_latest is not null and c.eta_latest > c.limit_date)
					or (c.eta_latest is null and (c.had_date or :today > c.limit_date))
			),
			noticed as (
				insert into delay_notice (order_id, line_id, round, passed_latest, revised_latest, undated, answer_by,
					status, created_at, reason)
				select d.order_id, d.line_id, d.round, d.limit_date, coalesce(d.eta_latest, :today + :undatedDays),
					d.eta_latest is null, case when not d.silence_consents then :answerBy::timestamptz end,
					case when d.silence_consents then 'CONSENTED' else 'AWAITING_ANSWER' end, :now, d.reason
				from delayed d
				on conflict (line_id, round) do nothing
				returning *
			)
			select n.order_id, n.line_id, n.round, n.passed_latest, n.revised_latest, n.undated, n.answer_by, n.reason,
				l.sku, l.quantity - l.shipped - l.cancelled - l.allocated as waiting
			from noticed n join order_line l on l.id = n.line_id
			order by n.order_id, n.line_id
			""";

	private static final String QUESTIONS = """
			select * from (
				select distinct on (d.line_id) d.order_id, d.line_id, d.round, d.passed_latest, d.revised_latest,
					d.undated, d.answer_by, d.status, d.reason, l.eta_latest
				from delay_notice d join order_line l on l.id = d.line_id
				where d.order_id = any(:orderIds) and l.shipped + l.cancelled + l.allocated < l.quantity
				order by d.line_id, d.round desc
			) latest
			where status in ('CONSENTED', 'AWAITING_ANSWER')
				and (eta_latest is null or eta_latest > passed_latest)
			order by order_id, line_id
			""";

	private final DatabaseClient db;

	private final OrderEventLog events;

	private final DelayNoticeSettings settings;

	private final Clock clock;

	DelayNotices(DatabaseClient db, OrderEventLog events, DelayNoticeSettings settings, Clock clock) {
		this.db = db;
		this.events = events;
		this.settings = settings;
		this.clock = clock;
	}

	/**
	 * Records a notice for each of the given lines that a change has just delayed, in the
	 * caller's transaction, and answers with the events that tell the customers; the
	 * caller appends them with the change's own events.
	 * @param lineIds lines whose plan changed
	 * @param note the planner's explanation of the change, if any; otherwise the covering
	 * restock's
	 * @return one {@link DelayNoticed} per order with delayed lines, by order id
	 */
	Mono<List<NewOrderEvent>> notice(Collection<Long> lineIds, @Nullable String note) {
		if (lineIds.isEmpty()) {
			return Mono.just(List.of());
		}
		return notices("and l.id = any(:lineIds)", note).bind("lineIds", lineIds.toArray(Long[]::new))
			.map(DelayNotices::line)
			.all()
			.collectList()
			.map(DelayNotices::events);
	}

	/**
	 * Sends a notice for every waiting line without a date that became late by the
	 * passing of time: a line ordered without a date whose {@code undated-days} passed,
	 * or the day we said we would ask again about an undated line. Changes that delay
	 * lines notice them themselves.
	 * @return how many lines were noticed
	 */
	@Transactional
	public Mono<Integer> noticeDue() {
		// a dated line is delayed only by a change, which notices it itself, or by the
		// days passing an overdue restock, whose re-plan (OrderJobs) notices it too
		return notices("and l.eta_latest is null", null).map(DelayNotices::line)
			.all()
			.collectList()
			.flatMap((lines) -> this.events.append(events(lines)).thenReturn(lines.size()));
	}

	private DatabaseClient.GenericExecuteSpec notices(String filter, @Nullable String note) {
		Instant now = this.clock.instant();
		return this.db.sql(NOTICE.formatted(filter))
			.bind("zone", this.clock.getZone().getId())
			.bind("undatedDays", this.settings.undatedDays())
			.bind("consentDays", this.settings.consentDays())
			.bind("today", LocalDate.ofInstant(now, this.clock.getZone()))
			.bind("answerBy", now.plus(this.settings.answerPeriod()).toString())
			.bind("now", now)
			.bind("note", Parameter.fromOrEmpty(note, String.class));
	}

	private static Noticed line(Readable row) {
		return new Noticed(row.get("order_id", Long.class),
				new DelayNoticed.DelayedLine(row.get("line_id", Long.class), row.get("sku", String.class),
						row.get("waiting", Integer.class), row.get("round", Integer.class),
						row.get("passed_latest", LocalDate.class), row.get("revised_latest", LocalDate.class),
						row.get("undated", Boolean.class), row.get("answer_by", Instant.class),
						row.get("reason", String.class)));
	}

	private static List<NewOrderEvent> events(List<Noticed> noticed) {
		Map<Long, List<DelayNoticed.DelayedLine>> byOrder = new LinkedHashMap<>();
		noticed.forEach((one) -> byOrder.computeIfAbsent(one.orderId(), (id) -> new ArrayList<>()).add(one.line()));
		List<NewOrderEvent> events = new ArrayList<>(byOrder.size());
		byOrder.forEach((orderId, lines) -> events.add(new NewOrderEvent(orderId, new DelayNoticed(lines), ACTOR)));
		return events;
	}

	/**
	 * Cancels the lines whose customers did not answer "wait" by the deadline to a delay
	 * that needs an answer, and that are still late; the cancellation's event tells them.
	 * A line that caught up in the meantime keeps waiting.
	 * @param cancel cancels a line's waiting units, with the reason
	 * {@link CancelReason#DELAY_NO_CONSENT}
	 * @return how many lines were cancelled
	 */
	Mono<Integer> cancelUnanswered(Canceller cancel) {
		return this.db.sql("""
				select d.id, d.line_id, o.number,
					l.eta_latest is null or l.eta_latest > d.passed_latest as still_late
				from delay_notice d
				join customer_order o on o.id = d.order_id
				join order_line l on l.id = d.line_id
				where d.status = 'AWAITING_ANSWER' and d.answer_by <= :now
				order by d.answer_by limit :limit
				for update of d skip locked
				""")
			.bind("now", this.clock.instant())
			.bind("limit", CANCEL_BATCH)
			.map((row) -> new Unanswered(row.get("id", Long.class), row.get("line_id", Long.class),
					row.get("number", String.class), row.get("still_late", Boolean.class)))
			.all()
			// read the whole batch before writing: a query run on the same connection
			// while
			// this one still streams its rows waits for ever once the batch outgrows a
			// fetch
			.collectList()
			.flatMapMany(Flux::fromIterable)
			.concatMap((due) -> (due.stillLate()
					? cancel.cancel(due.number(), due.lineId(), CancelReason.DELAY_NO_CONSENT, ACTOR) : Mono.just(0))
				.flatMap((cancelled) -> this.db.sql("update delay_notice set status = :status where id = :id")
					.bind("status", (cancelled > 0) ? "CANCELLED" : "WAITING")
					.bind("id", due.id())
					.then()
					.thenReturn((cancelled > 0) ? 1 : 0)))
			.reduce(0, Integer::sum);
	}

	/**
	 * Records the customer's answer to a delay notice: keep waiting. It is what silence
	 * means after a first short delay, and what keeps the line after any other. A line
	 * that caught up with its promise, or no longer waits, has nothing to answer.
	 * @param orderId the order, locked by the caller
	 * @param lineId the delayed line
	 * @param actor who answered
	 * @return whether there was a notice to answer
	 */
	Mono<Boolean> confirmWait(long orderId, long lineId, String actor) {
		return this.db.sql("""
				update delay_notice d set status = 'WAITING', answered_at = :now
				from order_line l
				where l.id = d.line_id and d.order_id = :orderId and d.line_id = :lineId
					and d.status in ('CONSENTED', 'AWAITING_ANSWER')
					and d.round = (select max(round) from delay_notice where line_id = :lineId)
					and l.shipped + l.cancelled + l.allocated < l.quantity
					and (l.eta_latest is null or l.eta_latest > d.passed_latest)
				returning d.round
				""")
			.bind("now", this.clock.instant())
			.bind("orderId", orderId)
			.bind("lineId", lineId)
			.map((row) -> row.get("round", Integer.class))
			.one()
			.flatMap((round) -> this.events.append(new NewOrderEvent(orderId, new WaitConfirmed(lineId, round), actor))
				.thenReturn(true))
			.defaultIfEmpty(false);
	}

	/**
	 * The delayed lines of an order that the customer can still answer about.
	 * @param orderId the order
	 * @return the questions, by line
	 */
	public Mono<List<DelayQuestion>> openQuestions(long orderId) {
		return openQuestions(List.of(orderId)).map((questions) -> questions.getOrDefault(orderId, List.of()));
	}

	/**
	 * The delayed lines of several orders that their customers can still answer about:
	 * the line still waits, is still later than the date that passed, and its latest
	 * notice is not answered or let stand.
	 * @param orderIds the orders
	 * @return the questions of each order, by line; orders without any are absent
	 */
	public Mono<Map<Long, List<DelayQuestion>>> openQuestions(Collection<Long> orderIds) {
		if (orderIds.isEmpty()) {
			return Mono.just(Map.of());
		}
		return this.db.sql(QUESTIONS)
			.bind("orderIds", orderIds.toArray(Long[]::new))
			.map((row) -> new DelayQuestion(row.get("order_id", Long.class), row.get("line_id", Long.class),
					row.get("round", Integer.class), row.get("passed_latest", LocalDate.class),
					row.get("revised_latest", LocalDate.class), row.get("undated", Boolean.class),
					row.get("answer_by", Instant.class), row.get("reason", String.class)))
			.all()
			.collectList()
			.map((questions) -> {
				Map<Long, List<DelayQuestion>> byOrder = new LinkedHashMap<>();
				questions.forEach((question) -> byOrder.computeIfAbsent(question.orderId(), (id) -> new ArrayList<>())
					.add(question));
				return byOrder;
			});
	}

	/** Cancels a line's waiting units for a reason; {@link OrderChoices} does. */
	interface Canceller {

		Mono<Integer> cancel(String orderNumber, long lineId, CancelReason reason, String actor);

	}

	private record Noticed(long orderId, DelayNoticed.DelayedLine line) {
	}

	private record Unanswered(long id, long lineId, String number, boolean stillLate) {
	}

	/** Runs the time-driven checks; for the scheduler. */
	Flux<Integer> run(Canceller cancel) {
		return Flux.concat(noticeDue(), cancelUnanswered(cancel));
	}

}
