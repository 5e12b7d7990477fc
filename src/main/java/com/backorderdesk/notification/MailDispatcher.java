package com.backorderdesk.notification;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import jakarta.mail.internet.MimeMessage;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

import com.backorderdesk.Backoff;
import com.backorderdesk.catalog.CatalogService;
import com.backorderdesk.catalog.Product;
import com.backorderdesk.security.CustomerLinks;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.mail.MailException;
import org.springframework.mail.MailSendException;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.stereotype.Component;
import org.springframework.transaction.reactive.TransactionalOperator;

/**
 * Sends what the outbox holds: claims due rows, reads the news of their orders, composes
 * each e-mail from the order's state now against what its customer was last told, renders
 * and sends them over SMTP off the event loop, and marks each one sent (recording what
 * the customer has now been told, in the same transaction), skipped with the reason, or
 * due again later with exponential backoff and jitter, or dead after the last attempt.
 * Every instance runs one; {@code SKIP LOCKED} keeps them from claiming the same row, and
 * a lease makes a row claimed by an instance that died due again. A row can therefore be
 * sent twice only when an instance dies between sending and marking it; it then carries
 * the same {@code Message-ID}.
 */
@Component
class MailDispatcher {

	private static final Log logger = LogFactory.getLog(MailDispatcher.class);

	private static final int MAX_ERROR_LENGTH = 1000;

	private final Outbox outbox;

	private final ToldState told;

	private final OrderNewsReader news;

	private final OrderMailComposer composer;

	private final BackInStockMail backInStock;

	private final MailRenderer renderer;

	private final ObjectProvider<JavaMailSender> sender;

	private final CustomerLinks links;

	private final CatalogService catalog;

	private final TransactionalOperator transactions;

	private final MailSettings settings;

	private final BaseUrl baseUrl;

	private final Clock clock;

	MailDispatcher(Outbox outbox, ToldState told, OrderNewsReader news, OrderMailComposer composer,
			BackInStockMail backInStock, MailRenderer renderer, ObjectProvider<JavaMailSender> sender,
			CustomerLinks links, CatalogService catalog, TransactionalOperator transactions, MailSettings settings,
			BaseUrl baseUrl, Clock clock) {
		this.outbox = outbox;
		this.told = told;
		this.news = news;
		this.composer = composer;
		this.backInStock = backInStock;
		this.renderer = renderer;
		this.sender = sender;
		this.links = links;
		this.catalog = catalog;
		this.transactions = transactions;
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
		return this.outbox.claim(now, now.plus(this.settings.lease()), limit).flatMap((all) -> {
			if (all.isEmpty()) {
				return Mono.just(0);
			}
			// an order's e-mail whose instance died, and the pending one queued since:
			// one e-mail tells both, composed once
			Map<Long, ClaimedMail> byOrder = new LinkedHashMap<>();
			List<ClaimedMail> claimed = new ArrayList<>();
			List<Outbox.Skipped> joined = new ArrayList<>();
			for (ClaimedMail mail : all) {
				Long orderId = mail.orderId();
				ClaimedMail first = (orderId != null) ? byOrder.get(orderId) : null;
				if (orderId == null) {
					claimed.add(mail);
				}
				else if (first == null) {
					byOrder.put(orderId, mail);
				}
				else {
					joined.add(new Outbox.Skipped(mail.id(), "sent in one e-mail with row " + first.id()));
					byOrder.put(orderId, first.joinedBy(mail));
				}
			}
			claimed.addAll(byOrder.values());
			return this.outbox.markSkipped(joined, now)
				.then(context(claimed))
				.flatMap((context) -> Flux.fromIterable(batches(claimed))
					.flatMap((batch) -> Mono.fromCallable(() -> send(sender, batch, context))
						.subscribeOn(Schedulers.boundedElastic()), this.settings.concurrency())
					.concatMap(this::record)
					.then(Mono.just(all.size())));
		});
	}

	private List<List<ClaimedMail>> batches(List<ClaimedMail> claimed) {
		List<List<ClaimedMail>> batches = new ArrayList<>();
		for (int i = 0; i < claimed.size(); i += this.settings.batchSize()) {
			batches.add(claimed.subList(i, Math.min(claimed.size(), i + this.settings.batchSize())));
		}
		return batches;
	}

	/** The news, links and product names for a whole claim, in a handful of queries. */
	private Mono<Context> context(List<ClaimedMail> claimed) {
		Set<Long> orderIds = new HashSet<>();
		Set<String> skus = new HashSet<>();
		for (ClaimedMail mail : claimed) {
			if (mail.orderId() != null) {
				orderIds.add(mail.orderId());
			}
			else {
				skus.add(this.backInStock.sku(mail));
			}
		}
		Mono<Map<String, Product>> products = skus.isEmpty() ? Mono.just(Map.of()) : this.catalog.findAll(skus);
		return this.news.read(orderIds)
			.zipWhen((found) -> Mono.zip(this.links.linksFor(orderIds, CustomerLinks.VIEW),
					this.links.linksFor(orderIds, UnsubscribeController.PURPOSE), products))
			.map((found) -> new Context(found.getT1(),
					links(orderIds, found.getT2().getT1(), found.getT2().getT2(), this.baseUrl.get()),
					found.getT2().getT3(), this.baseUrl.get()));
	}

	private static Map<Long, OrderMailComposer.OrderLinks> links(Set<Long> orderIds, Map<Long, String> views,
			Map<Long, String> unsubscribes, String baseUrl) {
		Map<Long, OrderMailComposer.OrderLinks> links = new HashMap<>();
		for (Long orderId : orderIds) {
			String view = views.get(orderId);
			String unsubscribe = unsubscribes.get(orderId);
			if (view != null && unsubscribe != null) {
				links.put(orderId, new OrderMailComposer.OrderLinks(baseUrl + view, baseUrl + UnsubscribeController.PATH
						+ unsubscribe.substring(unsubscribe.lastIndexOf('/') + 1)));
			}
		}
		return links;
	}

	/** Composes, renders and sends one batch; blocks. */
	private Outcome send(JavaMailSender sender, List<ClaimedMail> batch, Context context) {
		Instant now = this.clock.instant();
		Outcome outcome = new Outcome();
		Map<MimeMessage, Pending> messages = new IdentityHashMap<>();
		for (ClaimedMail mail : batch) {
			try {
				Pending pending = compose(mail, context);
				if (pending.view() == null) {
					outcome.skipped.add(new Outbox.Skipped(mail.id(), pending.skipped()));
					if (pending.told() != null) {
						outcome.told.add(pending.told().withoutLines());
					}
				}
				else {
					messages.put(this.renderer.render(mail, pending.recipient(), pending.view(), pending.main()),
							pending);
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
		messages.forEach((message, pending) -> {
			Exception error = failed.get(message);
			if (error != null) {
				outcome.failures.add(failure(pending.mail(), error, now));
			}
			else {
				outcome.sent.add(new Outbox.Sent(pending.mail().id(), pending.view().subject(), pending.contents()));
				if (pending.told() != null) {
					outcome.told.add(pending.told());
				}
			}
		});
		if (!outcome.failures.isEmpty()) {
			logger.warn(outcome.failures.size() + " of " + batch.size() + " e-mails not sent, will retry: "
					+ outcome.failures.get(0).error());
		}
		return outcome;
	}

	private Pending compose(ClaimedMail mail, Context context) {
		Long orderId = mail.orderId();
		if (orderId == null) {
			MailView view = this.backInStock.compose(mail, context.products(), context.baseUrl());
			return new Pending(mail, mail.recipient(), view, MailContent.BACK_IN_STOCK,
					MailContent.BACK_IN_STOCK.name(), null, "the product is unknown");
		}
		OrderNews news = context.news().get(orderId);
		if (news == null) {
			return new Pending(mail, mail.recipient(), null, null, "", null, "the order no longer exists");
		}
		OrderMailComposer.Composed composed = this.composer.compose(news, mail.fullStatus(), mail.stillWaiting(),
				context.links().get(orderId));
		return new Pending(mail, news.order().customerEmail(), composed.view(), composed.main(),
				String.join(",", composed.contents().stream().map(Enum::name).toList()), composed.told(),
				composed.skipped());
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
	 * Exponential backoff with "equal jitter" ({@link Backoff}).
	 */
	Duration backoff(int attempts) {
		return Backoff.after(attempts, this.settings.retryBase(), this.settings.retryMax());
	}

	/**
	 * Marks the batch's rows and records what their customers have now been told, in one
	 * transaction: a row is sent exactly when its "last told" moves on.
	 */
	private Mono<Void> record(Outcome outcome) {
		Instant now = this.clock.instant();
		return this.transactions.transactional(this.outbox.markSent(outcome.sent, now)
			.then(this.told.record(outcome.told, now))
			.then(this.outbox.markSkipped(outcome.skipped, now))
			.then(this.outbox.markFailed(outcome.failures)));
	}

	/** What one batch came to. */
	private static final class Outcome {

		private final List<Outbox.Sent> sent = new ArrayList<>();

		private final List<Told> told = new ArrayList<>();

		private final List<Outbox.Skipped> skipped = new ArrayList<>();

		private final List<Outbox.Failure> failures = new ArrayList<>();

	}

	/** One e-mail composed, on its way. */
	private record Pending(ClaimedMail mail, String recipient, @org.jspecify.annotations.Nullable MailView view,
			@org.jspecify.annotations.Nullable MailContent main, String contents,
			@org.jspecify.annotations.Nullable Told told, @org.jspecify.annotations.Nullable String skipped) {
	}

	/**
	 * What a claim's e-mails need besides their rows.
	 */
	private record Context(Map<Long, OrderNews> news, Map<Long, OrderMailComposer.OrderLinks> links,
			Map<String, Product> products, String baseUrl) {
	}

}
