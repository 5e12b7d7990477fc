package com.backorderdesk.staff.outbox;

import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;

import com.backorderdesk.audit.AuditLog;
import com.backorderdesk.staff.StaffModelAdvice;
import com.backorderdesk.NotFoundException;
import com.backorderdesk.ShopSettings;
import com.backorderdesk.notification.DeadMail;
import com.backorderdesk.notification.MailOutbox;
import com.backorderdesk.notification.OutboxMail;
import com.backorderdesk.staff.LiveFragments;
import org.springframework.context.MessageSource;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.transaction.reactive.TransactionalOperator;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.server.ServerWebExchange;

/**
 * The e-mail outbox as reps see it: how much waits and went out; every e-mail of the
 * latest orders (or of the orders a search finds) with its state, subject and what it
 * told, or why it was skipped; and the e-mails given up after every attempt, each with a
 * button to try it again once the cause is fixed.
 */
@Controller
class OutboxController {

	private static final int LISTED = 200;

	/** The orders whose e-mails the page lists at once; a search finds others. */
	static final int ORDERS = 30;

	private static final Set<String> NOTICES = Set.of("retried");

	private static final DateTimeFormatter MOMENT = DateTimeFormatter.ofPattern("MMM d, HH:mm", Locale.ENGLISH);

	private final MailOutbox outbox;

	private final AuditLog audit;

	private final TransactionalOperator transactions;

	private final ShopSettings shop;

	private final MessageSource messages;

	OutboxController(MailOutbox outbox, AuditLog audit, TransactionalOperator transactions, ShopSettings shop,
			MessageSource messages) {
		this.messages = messages;
		this.outbox = outbox;
		this.audit = audit;
		this.transactions = transactions;
		this.shop = shop;
	}

	@GetMapping("/staff/outbox")
	Mono<String> outbox(@RequestParam(required = false) @Nullable String notice,
			@RequestParam(defaultValue = "") String q, Model model, ServerWebExchange exchange) {
		if (notice != null && NOTICES.contains(notice)) {
			model.addAttribute("notice", notice);
		}
		String text = (q.length() > 200) ? q.substring(0, 200) : q;
		model.addAttribute("q", text);
		return this.outbox.history(text, ORDERS)
			.map((mails) -> history(mails, LiveFragments.locale(exchange)))
			.doOnNext((orders) -> model.addAttribute("orders", orders))
			.then(Mono.defer(() -> page(model)));
	}

	/** The rows of each order together, in the order the outbox gave them. */
	private List<OrderMails> history(List<OutboxMail> mails, Locale locale) {
		Map<String, List<MailRow>> byOrder = new LinkedHashMap<>();
		for (OutboxMail mail : mails) {
			byOrder.computeIfAbsent(Objects.requireNonNullElse(mail.orderNumber(), ""), (number) -> new ArrayList<>())
				.add(row(mail, locale));
		}
		List<OrderMails> orders = new ArrayList<>();
		byOrder.forEach((number, rows) -> orders.add(new OrderMails(number, rows)));
		return orders;
	}

	private MailRow row(OutboxMail mail, Locale locale) {
		List<String> contents = mail.contents()
			.stream()
			.map((content) -> this.messages.getMessage("staff.restocks.shift.content." + content.name(), null,
					content.name(), locale))
			.toList();
		String kind = switch (mail.status()) {
			case "SENT" -> "ready";
			case "SKIPPED" -> "cancelled";
			case "DEAD" -> "none";
			default -> "waiting";
		};
		Instant when = (mail.sentAt() != null) ? mail.sentAt()
				: "PENDING".equals(mail.status()) ? mail.nextAttemptAt() : mail.createdAt();
		return new MailRow(mail.id(), mail.status(), kind, format(mail.createdAt()), format(when), mail.recipient(),
				Objects.requireNonNullElse(mail.subject(), ""), String.join(", ", contents),
				Objects.requireNonNullElse(mail.outcome(), ""), mail.attempts(),
				Objects.requireNonNullElse(mail.lastError(), ""));
	}

	@PostMapping("/staff/outbox/{id}/retry")
	Mono<String> retry(@PathVariable long id, ServerWebExchange exchange, Model model) {
		return StaffModelAdvice.currentStaff()
			.flatMap((rep) -> this.outbox.retry(id)
				.then(this.audit.record(rep.username(), "MAIL_RETRIED", "e-mail " + id, "DEAD", "PENDING")))
			.as(this.transactions::transactional)
			.thenReturn("redirect:/staff/outbox?notice=retried")
			.onErrorResume(NotFoundException.class, (ex) -> {
				exchange.getResponse().setStatusCode(HttpStatus.NOT_FOUND);
				model.addAttribute("problem", ex.getMessage());
				model.addAttribute("orders", List.of());
				model.addAttribute("q", "");
				return page(model);
			});
	}

	private Mono<String> page(Model model) {
		return Mono.zip(this.outbox.counts(), this.outbox.dead(LISTED)).map((found) -> {
			model.addAttribute("counts", found.getT1());
			model.addAttribute("dead", found.getT2().stream().map(this::row).toList());
			model.addAttribute("listed", LISTED);
			model.addAttribute("maxOrders", ORDERS);
			return "staff/outbox/outbox";
		});
	}

	private Row row(DeadMail mail) {
		return new Row(mail, format(mail.createdAt()), format(mail.lastAttemptAt()));
	}

	private String format(Instant instant) {
		return MOMENT.format(instant.atZone(this.shop.zone()));
	}

	/**
	 * A dead e-mail as the table shows it.
	 *
	 * @param mail the e-mail
	 * @param queued when it was queued, in the shop's zone
	 * @param lastTried when it was last tried, in the shop's zone
	 */
	record Row(DeadMail mail, String queued, String lastTried) {
	}

	/**
	 * The e-mails of one order.
	 *
	 * @param orderNumber the order
	 * @param mails its outbox rows, newest first
	 */
	record OrderMails(String orderNumber, List<MailRow> mails) {
	}

	/**
	 * One e-mail of an order as the page shows it.
	 *
	 * @param id the outbox row
	 * @param status its status's name
	 * @param kind the badge style
	 * @param queued when it was queued, in the shop's zone
	 * @param when when it was sent or skipped, or when it is due
	 * @param recipient the address
	 * @param subject the subject line, once sent
	 * @param contents what it told, in words
	 * @param outcome why it was not sent
	 * @param attempts how often sending was tried
	 * @param lastError the last error, if any
	 */
	record MailRow(long id, String status, String kind, String queued, String when, String recipient, String subject,
			String contents, String outcome, int attempts, String lastError) {
	}

}
