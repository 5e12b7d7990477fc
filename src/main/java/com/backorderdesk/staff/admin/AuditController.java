package com.backorderdesk.staff.admin;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;

import com.backorderdesk.audit.AuditLog;
import com.backorderdesk.staff.LiveFragments;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.server.ServerWebExchange;

/**
 * The audit log for admins: every staff change, newest first, searchable by text and by a
 * range of days in the shop's zone, each with what changed field by field and links to
 * what it is about ({@link AuditChanges}).
 */
@Controller
class AuditController {

	/** The most entries one page shows; a narrower search finds older ones. */
	static final int LIMIT = 200;

	private static final DateTimeFormatter MOMENT = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss", Locale.ENGLISH);

	private final AuditLog audit;

	private final AuditChanges changes;

	private final Clock clock;

	AuditController(AuditLog audit, AuditChanges changes, Clock clock) {
		this.audit = audit;
		this.changes = changes;
		this.clock = clock;
	}

	@GetMapping("/staff/admin/audit")
	Mono<String> search(@RequestParam(name = "q", defaultValue = "") String text,
			@RequestParam(defaultValue = "") String from, @RequestParam(defaultValue = "") String to,
			ServerWebExchange exchange, Model model) {
		Map<String, String> errors = new LinkedHashMap<>();
		LocalDate fromDay = day(from, "from", errors);
		LocalDate toDay = day(to, "to", errors);
		if (fromDay != null && toDay != null && toDay.isBefore(fromDay)) {
			errors.put("to", "The end date is before the start date.");
		}
		model.addAttribute("q", text);
		model.addAttribute("from", from);
		model.addAttribute("to", to);
		model.addAttribute("errors", errors);
		model.addAttribute("limit", LIMIT);
		if (text.length() > 200) {
			errors.put("q", "Search for at most 200 characters.");
		}
		if (!errors.isEmpty()) {
			exchange.getResponse().setStatusCode(HttpStatus.UNPROCESSABLE_CONTENT);
			model.addAttribute("entries", List.of());
			return Mono.just("staff/admin/audit");
		}
		Instant since = (fromDay != null) ? fromDay.atStartOfDay(this.clock.getZone()).toInstant() : null;
		Instant until = (toDay != null) ? toDay.plusDays(1).atStartOfDay(this.clock.getZone()).toInstant() : null;
		Locale locale = LiveFragments.locale(exchange);
		return this.audit.search(text, since, until, LIMIT)
			.map((entries) -> entries.stream()
				.map((entry) -> this.changes.row(entry, MOMENT.format(entry.occurredAt().atZone(this.clock.getZone())),
						locale))
				.toList())
			.doOnNext((rows) -> model.addAttribute("entries", rows))
			.thenReturn("staff/admin/audit");
	}

	private static @Nullable LocalDate day(String value, String field, Map<String, String> errors) {
		if (value.isBlank()) {
			return null;
		}
		try {
			return LocalDate.parse(value.strip());
		}
		catch (DateTimeParseException ex) {
			errors.put(field, "Enter a date as YYYY-MM-DD.");
			return null;
		}
	}

}
