package com.backorderdesk.notification;

import java.time.Clock;
import java.time.Instant;

import reactor.core.publisher.Mono;

import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * E-mails that no single change calls for, found by looking: substitute offers about to
 * expire. One statement queues them, deduplicated, so instances running it at once send
 * each e-mail once.
 */
@Component
class MailJobs {

	private static final int BATCH = 1000;

	private final DatabaseClient db;

	private final MailSettings settings;

	private final Clock clock;

	MailJobs(DatabaseClient db, MailSettings settings, Clock clock) {
		this.db = db;
		this.settings = settings;
		this.clock = clock;
	}

	/**
	 * Reminds customers of open substitute offers that expire soon, once per offer; an
	 * offer made for less than the reminder period gets no reminder.
	 * @return how many were queued
	 */
	@Transactional
	Mono<Long> offerReminders() {
		Instant now = this.clock.instant();
		return this.db.sql("""
				insert into mail_outbox (order_id, recipient, kind, model, dedup_key, next_attempt_at)
				select s.order_id, o.customer_email, 'OFFER_EXPIRING',
					jsonb_build_object('offerId', s.id, 'lineId', s.line_id, 'sku', l.sku, 'substituteSku',
						s.substitute_sku, 'quantity', s.quantity, 'priceDifferenceCents', s.price_difference_cents,
						'currency', s.currency,
						'expiresAt', to_char(s.expires_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"')),
					'offer-expiring:' || s.id, :now
				from substitution_offer s
				join customer_order o on o.id = s.order_id
				join order_line l on l.id = s.line_id
				where s.status = 'OFFERED' and s.expires_at > :now and s.expires_at <= :remindFrom
					and s.created_at < s.expires_at - :before::interval and o.email_preference <> 'NONE'
					-- reminded offers are left out before the limit, or a full batch of them
					-- would keep every later offer from its reminder
					and not exists (select 1 from mail_outbox m where m.dedup_key = 'offer-expiring:' || s.id)
				order by s.id limit :limit
				on conflict (dedup_key) do nothing
				""")
			.bind("now", now)
			.bind("remindFrom", now.plus(this.settings.offerReminderBefore()))
			.bind("before", this.settings.offerReminderBefore().toSeconds() + " seconds")
			.bind("limit", BATCH)
			.fetch()
			.rowsUpdated();
	}

}
