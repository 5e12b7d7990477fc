package com.backorderdesk.notification;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;

import jakarta.mail.internet.MimeMessage;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

import com.backorderdesk.security.CustomerLinks;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.mail.MailException;
import org.springframework.mail.MailSendException;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;

/**
 * Sends what the outbox holds: claims due rows, renders and sends them over SMTP off the
 * event loop, and marks each one sent, or due again later with exponential backoff and
 * jitter, or dead after the last attempt. Every instance runs one; {@code SKIP LOCKED}
 * keeps them from claiming the same row, and a lease makes a row claimed by an instance
 * that died due again. A row can therefore be sent twice only when an instance dies
 * between sending and marking it; it then carries the same {@code Message-ID}.
 */
@Component
class MailDispatcher {

	private static final Log logger = LogFactory.getLog(MailDispatcher.class);

	private static final int MAX_ERROR_LENGTH = 1000;

	private final Outbox outbox;

	private final MailComposer composer;

	private final MailRenderer renderer;

	private final ObjectProvider<JavaMailSender> sender;

	private final CustomerLinks links;

	private final DatabaseClient db;

	private final MailSettings settings;

	private final BaseUrl baseUrl;

	private final Clock clock;

	MailDispatcher(Outbox outbox, MailComposer composer, MailRenderer renderer, ObjectProvider<JavaMailSender> sender,
			CustomerLinks links, DatabaseClient db, MailSettings settings, BaseUrl baseUrl, Clock clock) {
		this.outbox = outbox;
		this.composer = composer;
		this.renderer = renderer;
		this.sender = sender;
		this.links = links;
		this.db = db;
		this.settings = settings;
		this.baseUrl = baseUrl;
		this.clock = clock;
	}

	/**
	 * Sends everything that is due, batch after batch, until nothing is.
	 * @return how many rows were handled (sent, failed or skipped)
	 */
	Mono<Integer> dispatchDue() {
		int claim = this.settings.batchSize() * this.settings.concurrency();
		return dispatchOnce(claim).expand((handled) -> (handled == claim) ? dispatchOnce(claim) : Mono.empty())
			.reduce(0, Integer::sum);
	}

	/**
	 * Claims up to {@code limit} due rows and sends them in batches, each batch over one
	 * SMTP connection.
	 * @param limit rows to claim at most
	 * @return how many were claimed
	 */
	Mono<Integer> dispatchOnce(int limit) {
		JavaMailSender sender = this.sender.getIfAvailable();
		if (sender == null) {
			// no SMTP server configured: e-mail waits in the outbox until there is one
			return Mono.just(0);
		}
		Instant now = this.clock.instant();
		return this.outbox.claim(now, now.plus(this.settings.lease()), limit).flatMap((claimed) -> {
			if (claimed.isEmpty()) {
				return Mono.just(0);
			}
			return context(claimed).flatMap((context) -> Flux.fromIterable(batches(claimed))
				.flatMap((batch) -> Mono.fromCallable(() -> send(sender, batch, context))
					.subscribeOn(Schedulers.boundedElastic()), this.settings.concurrency())
				.concatMap(this::record)
				.then(Mono.just(claimed.size())));
		});
	}

	private List<List<ClaimedMail>> batches(List<ClaimedMail> claimed) {
		List<List<ClaimedMail>> batches = new ArrayList<>();
		for (int i = 0; i < claimed.size(); i += this.settings.batchSize()) {
			batches.add(claimed.subList(i, Math.min(claimed.size(), i + this.settings.batchSize())));
		}
		return batches;
	}

	/** Signed links and product names for a whole claim, in three queries. */
	private Mono<Context> context(List<ClaimedMail> claimed) {
		Set<Long> orderIds = new HashSet<>();
		Set<String> skus = new HashSet<>();
		for (ClaimedMail mail : claimed) {
			if (mail.orderId() != null) {
				orderIds.add(mail.orderId());
			}
			skus.addAll(this.composer.skus(mail));
		}
		Mono<Map<String, String>> names = skus.isEmpty() ? Mono.just(Map.of())
				: this.db.sql("select sku, name from product where sku = any(:skus)")
					.bind("skus", skus.toArray(String[]::new))
					.map((row) -> Map.entry(row.get("sku", String.class), row.get("name", String.class)))
					.all()
					.collectMap(Map.Entry::getKey, Map.Entry::getValue);
		return Mono
			.zip(this.links.linksFor(orderIds, CustomerLinks.VIEW),
					this.links.linksFor(orderIds, UnsubscribeController.PURPOSE), names)
			.map((found) -> new Context(found.getT1(), found.getT2(), found.getT3(), this.baseUrl.get()));
	}

	/** Renders and sends one batch; blocks. */
	private Outcome send(JavaMailSender sender, List<ClaimedMail> batch, Context context) {
		Instant now = this.clock.instant();
		Outcome outcome = new Outcome();
		Map<MimeMessage, ClaimedMail> messages = new IdentityHashMap<>();
		for (ClaimedMail mail : batch) {
			try {
				Optional<MailView> view = this.composer.compose(mail, context.links(mail), context.names(),
						context.baseUrl());
				if (view.isEmpty()) {
					outcome.skipped.add(mail.id());
				}
				else {
					messages.put(this.renderer.render(mail, view.get()), mail);
				}
			}
			catch (Exception ex) {
				outcome.failures.add(failure(mail, ex, now));
			}
		}
		if (messages.isEmpty()) {
			return outcome;
		}
		Map<Object, Exception> failed = new HashMap<>();
		try {
			sender.send(messages.keySet().toArray(MimeMessage[]::new));
		}
		catch (MailSendException ex) {
			failed.putAll(ex.getFailedMessages());
			if (failed.isEmpty()) {
				messages.keySet().forEach((message) -> failed.put(message, ex));
			}
		}
		catch (MailException ex) {
			messages.keySet().forEach((message) -> failed.put(message, ex));
		}
		messages.forEach((message, mail) -> {
			Exception error = failed.get(message);
			if (error != null) {
				outcome.failures.add(failure(mail, error, now));
			}
			else {
				outcome.sent.add(mail.id());
			}
		});
		if (!outcome.failures.isEmpty()) {
			logger.warn(outcome.failures.size() + " of " + batch.size() + " e-mails not sent, will retry: "
					+ outcome.failures.get(0).error());
		}
		return outcome;
	}

	private Outbox.Failure failure(ClaimedMail mail, Exception ex, Instant now) {
		boolean dead = mail.attempts() >= this.settings.maxAttempts();
		String error = ex.getClass().getSimpleName() + ": " + ex.getMessage();
		if (error.length() > MAX_ERROR_LENGTH) {
			error = error.substring(0, MAX_ERROR_LENGTH);
		}
		return new Outbox.Failure(mail.id(), dead, dead ? now : now.plus(backoff(mail.attempts())), error);
	}

	/**
	 * Exponential backoff with "equal jitter": half the wait is fixed, half random, so
	 * rows that failed together (an SMTP outage) do not all come back at once.
	 */
	Duration backoff(int attempts) {
		long base = this.settings.retryBase().toMillis();
		long max = this.settings.retryMax().toMillis();
		long wait = (attempts >= 31) ? max : Math.min(max, base << Math.max(0, attempts - 1));
		long half = wait / 2;
		return Duration.ofMillis(half + ThreadLocalRandom.current().nextLong(half + 1));
	}

	private Mono<Void> record(Outcome outcome) {
		Instant now = this.clock.instant();
		return this.outbox.markSent(outcome.sent, now)
			.then(this.outbox.markSkipped(outcome.skipped, now))
			.then(this.outbox.markFailed(outcome.failures));
	}

	/** What one batch came to. */
	private static final class Outcome {

		private final List<Long> sent = new ArrayList<>();

		private final List<Long> skipped = new ArrayList<>();

		private final List<Outbox.Failure> failures = new ArrayList<>();

	}

	/**
	 * What a claim's e-mails need besides their rows.
	 */
	private record Context(Map<Long, String> views, Map<Long, String> unsubscribes, Map<String, String> names,
			String baseUrl) {

		MailComposer.@Nullable OrderLinks links(ClaimedMail mail) {
			Long orderId = mail.orderId();
			if (orderId == null || !this.views.containsKey(orderId)) {
				return null;
			}
			String unsubscribe = this.unsubscribes.get(orderId);
			return new MailComposer.OrderLinks(this.views.get(orderId),
					UnsubscribeController.PATH + unsubscribe.substring(unsubscribe.lastIndexOf('/') + 1));
		}

	}

}
