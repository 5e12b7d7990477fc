package com.backorderdesk.notification;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import io.r2dbc.spi.Readable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import com.backorderdesk.orders.OrderChoices;
import com.backorderdesk.orders.OrderLines;
import com.backorderdesk.timeline.NewOrderEvent;
import com.backorderdesk.timeline.OrderEventLog;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Delay notices with options, after the FTC Mail, Internet, or Telephone Order
 * Merchandise Rule. When a waiting line's latest date passes the date first promised (or
 * the line has had no date for a while), the customer is told, and may wait, take a
 * substitute or cancel; silence counts as consent to wait. When it is late again, past
 * the revised date, waiting needs an explicit answer by a deadline; without one the line
 * is cancelled and the customer told. Every notice is an order event, so the e-mail
 * follows through the outbox like any other.
 */
@Service
public class DelayNotices {

	/** A delay notice went to the customer. */
	public static final String DELAY_NOTICE = "DELAY_NOTICE";

	/** The customer answered a delay notice: keep waiting. */
	public static final String WAIT_CONFIRMED = "DELAY_WAIT_CONFIRMED";

	/** The reason recorded when a delayed line is cancelled for want of an answer. */
	public static final String NO_CONSENT = "DELAY_NO_CONSENT";

	private static final String ACTOR = "system";

	private static final int CANCEL_BATCH = 100;

	private final DatabaseClient db;

	private final OrderEventLog events;

	private final OrderChoices choices;

	private final OrderLines lines;

	private final DelayNoticeSettings settings;

	private final Clock clock;

	DelayNotices(DatabaseClient db, OrderEventLog events, OrderChoices choices, OrderLines lines,
			DelayNoticeSettings settings, Clock clock) {
		this.db = db;
		this.events = events;
		this.choices = choices;
		this.lines = lines;
		this.settings = settings;
		this.clock = clock;
	}

	/**
	 * Sends a notice for every waiting line that became late since the last run: past the
	 * first promise (first round) or past the revised date of a notice the customer
	 * accepted (later rounds). Instances running this at once notice each delay once.
	 * @return how many notices were sent
	 */
	@Transactional
	public Mono<Integer> noticeDelays() {
		Instant now = this.clock.instant();
		LocalDate today = LocalDate.ofInstant(now, this.clock.getZone());
		return this.db
			.sql("""
					with latest as (
						select distinct on (line_id) * from delay_notice order by line_id, round desc
					),
					candidates as (
						select l.id as line_id, l.order_id, l.eta_latest, coalesce(n.round, 0) + 1 as round,
							case when n.id is null
								then coalesce(l.promised_latest, (o.placed_at at time zone :zone)::date + :undatedDays)
								else n.revised_latest end as limit_date
						from order_line l
						join customer_order o on o.id = l.order_id
						left join latest n on n.line_id = l.id
						where l.shipped + l.cancelled + l.allocated < l.quantity
							and (n.id is null or n.status in ('CONSENTED', 'WAITING'))
					),
					noticed as (
						insert into delay_notice (order_id, line_id, round, passed_latest, revised_latest, undated, answer_by,
							status, created_at)
						select c.order_id, c.line_id, c.round, c.limit_date, coalesce(c.eta_latest, :today + :undatedDays),
							c.eta_latest is null, case when c.round > 1 then :answerBy::timestamptz end,
							case when c.round > 1 then 'AWAITING_ANSWER' else 'CONSENTED' end, :now
						from candidates c
						where c.eta_latest > c.limit_date or (c.eta_latest is null and :today > c.limit_date)
						on conflict (line_id, round) do nothing
						returning *
					)
					select n.order_id, n.line_id, n.round, n.passed_latest, n.revised_latest, n.undated, n.answer_by,
						l.sku, l.quantity - l.shipped - l.cancelled - l.allocated as waiting,
						(select max(s.id) from substitution_offer s where s.line_id = n.line_id and s.status = 'OFFERED'
							and s.expires_at > :now) as offer_id
					from noticed n join order_line l on l.id = n.line_id
					order by n.order_id, n.line_id
					""")
			.bind("zone", this.clock.getZone().getId())
			.bind("undatedDays", this.settings.undatedDays())
			.bind("today", today)
			.bind("answerBy", now.plus(this.settings.answerPeriod()).toString())
			.bind("now", now)
			.map(DelayNotices::event)
			.all()
			.collectList()
			.flatMap((noticed) -> this.events.append(noticed).thenReturn(noticed.size()));
	}

	private static NewOrderEvent event(Readable row) {
		Map<String, Object> payload = new HashMap<>();
		payload.put("round", row.get("round", Integer.class));
		payload.put("lineId", row.get("line_id", Long.class));
		payload.put("sku", row.get("sku", String.class));
		payload.put("quantity", row.get("waiting", Integer.class));
		payload.put("passedLatest", String.valueOf(row.get("passed_latest", LocalDate.class)));
		payload.put("revisedLatest", String.valueOf(row.get("revised_latest", LocalDate.class)));
		payload.put("undated", row.get("undated", Boolean.class));
		Instant answerBy = row.get("answer_by", Instant.class);
		if (answerBy != null) {
			payload.put("answerBy", answerBy.toString());
		}
		Long offerId = row.get("offer_id", Long.class);
		if (offerId != null) {
			payload.put("offerId", offerId);
		}
		return new NewOrderEvent(row.get("order_id", Long.class), DELAY_NOTICE, payload, ACTOR);
	}

	/**
	 * Cancels the lines whose customers did not answer "wait" to a later delay by the
	 * deadline; the cancellation's event tells them.
	 * @return how many lines were cancelled
	 */
	@Transactional
	public Mono<Integer> cancelUnanswered() {
		return this.db.sql("""
				select d.id, d.line_id, o.number from delay_notice d join customer_order o on o.id = d.order_id
				where d.status = 'AWAITING_ANSWER' and d.answer_by <= :now
				order by d.answer_by limit :limit
				for update of d skip locked
				""")
			.bind("now", this.clock.instant())
			.bind("limit", CANCEL_BATCH)
			.map((row) -> new Unanswered(row.get("id", Long.class), row.get("line_id", Long.class),
					row.get("number", String.class)))
			.all()
			.concatMap((due) -> this.choices.cancelWaiting(due.number(), due.lineId(), NO_CONSENT, ACTOR)
				.flatMap((cancelled) -> this.db.sql("update delay_notice set status = :status where id = :id")
					.bind("status", (cancelled > 0) ? "CANCELLED" : "WAITING")
					.bind("id", due.id())
					.then()
					.thenReturn((cancelled > 0) ? 1 : 0)))
			.reduce(0, Integer::sum);
	}

	/**
	 * Records the customer's answer to a delay notice: keep waiting. It is what silence
	 * means after a first delay, and what keeps the line after a later one.
	 * @param orderNumber the order
	 * @param lineId the delayed line
	 * @param actor who answered
	 * @return whether there was a notice to answer
	 */
	@Transactional
	public Mono<Boolean> confirmWait(String orderNumber, long lineId, String actor) {
		return this.lines.lock(orderNumber)
			.flatMap((orderId) -> this.db.sql("""
					update delay_notice d set status = 'WAITING', answered_at = :now
					where d.order_id = :orderId and d.line_id = :lineId and d.status in ('CONSENTED', 'AWAITING_ANSWER')
						and d.round = (select max(round) from delay_notice where line_id = :lineId)
					returning d.round
					""")
				.bind("now", this.clock.instant())
				.bind("orderId", orderId)
				.bind("lineId", lineId)
				.map((row) -> row.get("round", Integer.class))
				.one()
				.flatMap((round) -> this.events
					.append(new NewOrderEvent(orderId, WAIT_CONFIRMED, Map.of("lineId", lineId, "round", round), actor))
					.thenReturn(true))
				.defaultIfEmpty(false));
	}

	/**
	 * The delayed lines of an order that the customer can still answer about.
	 * @param orderId the order
	 * @return the questions, by line
	 */
	public Mono<List<DelayQuestion>> openQuestions(long orderId) {
		return this.db
			.sql("""
					select * from (
						select distinct on (d.line_id) d.line_id, d.round, d.revised_latest, d.undated, d.answer_by, d.status
						from delay_notice d join order_line l on l.id = d.line_id
						where d.order_id = :orderId and l.shipped + l.cancelled + l.allocated < l.quantity
						order by d.line_id, d.round desc
					) latest
					where status in ('CONSENTED', 'AWAITING_ANSWER')
					""")
			.bind("orderId", orderId)
			.map((row) -> new DelayQuestion(row.get("line_id", Long.class), row.get("round", Integer.class),
					row.get("revised_latest", LocalDate.class), row.get("undated", Boolean.class),
					row.get("answer_by", Instant.class)))
			.all()
			.collectList();
	}

	/** Runs both checks; for the scheduler. */
	Flux<Integer> run() {
		return Flux.concat(noticeDelays(), cancelUnanswered());
	}

	private record Unanswered(long id, long lineId, String number) {
	}

}
