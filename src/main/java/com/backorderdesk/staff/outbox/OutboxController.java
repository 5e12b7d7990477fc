package com.backorderdesk.staff.outbox;

import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.Set;

import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;

import com.backorderdesk.audit.AuditLog;
import com.backorderdesk.staff.StaffModelAdvice;
import com.backorderdesk.NotFoundException;
import com.backorderdesk.ShopSettings;
import com.backorderdesk.notification.DeadMail;
import com.backorderdesk.notification.MailOutbox;
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
 * The e-mail outbox as reps see it: how much waits and went out, and the e-mails given up
 * after every attempt, each with a button to try it again once the cause is fixed.
 */
@Controller
class OutboxController {

	private static final int LISTED = 200;

	private static final Set<String> NOTICES = Set.of("retried");

	private static final DateTimeFormatter MOMENT = DateTimeFormatter.ofPattern("MMM d, HH:mm", Locale.ENGLISH);

	private final MailOutbox outbox;

	private final AuditLog audit;

	private final TransactionalOperator transactions;

	private final ShopSettings shop;

	OutboxController(MailOutbox outbox, AuditLog audit, TransactionalOperator transactions, ShopSettings shop) {
		this.outbox = outbox;
		this.audit = audit;
		this.transactions = transactions;
		this.shop = shop;
	}

	@GetMapping("/staff/outbox")
	Mono<String> outbox(@RequestParam(required = false) @Nullable String notice, Model model) {
		if (notice != null && NOTICES.contains(notice)) {
			model.addAttribute("notice", notice);
		}
		return page(model);
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
				return page(model);
			});
	}

	private Mono<String> page(Model model) {
		return Mono.zip(this.outbox.counts(), this.outbox.dead(LISTED)).map((found) -> {
			model.addAttribute("counts", found.getT1());
			model.addAttribute("dead", found.getT2().stream().map(this::row).toList());
			model.addAttribute("listed", LISTED);
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

}
