package com.backorderdesk.staff.restocks;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;

import com.backorderdesk.ConflictException;
import com.backorderdesk.InvalidInputException;
import com.backorderdesk.inventory.RestockSearch;
import com.backorderdesk.inventory.RestockShift;
import com.backorderdesk.inventory.InventoryService;
import com.backorderdesk.notification.MailContent;
import com.backorderdesk.notification.MailPreviews;
import org.springframework.context.MessageSource;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.server.ServerWebExchange;

/**
 * Moves the expected dates of many restocks at once: the ticked ones, or every open
 * restock of one supplier. A preview runs the very shift and re-plan an apply would, in a
 * transaction that is rolled back, and says whom it affects; the apply then does it in
 * one transaction. The preview composes every e-mail with the composer that will send it,
 * and flags a move that makes anyone's delivery later before it is applied.
 */
@Controller
class RestockShiftController {

	private static final String SUPPLIER_SCOPE = "supplier";

	/** The kinds of e-mail a date move sends, in the order the preview lists them. */
	private static final List<MailContent> PREVIEW_CONTENTS = List.of(MailContent.DELAY_NOTICE,
			MailContent.WINDOW_LATER, MailContent.WINDOW_EARLIER, MailContent.NO_LONGER_READY, MailContent.LOST_DATE,
			MailContent.GOT_DATE, MailContent.READY);

	private static final int PAGE_SIZE = 50;

	private final MailPreviews previews;

	private final RestockChanges changes;

	private final RestockSearch search;

	private final MessageSource messages;

	RestockShiftController(MailPreviews previews, RestockChanges changes, RestockSearch search,
			MessageSource messages) {
		this.previews = previews;
		this.changes = changes;
		this.search = search;
		this.messages = messages;
	}

	@PostMapping("/staff/restocks/shift/preview")
	Mono<String> preview(Model model, ServerWebExchange exchange) {
		return submit(model, exchange, (form, shift, actor) -> this.previews.previewShift(shift, note(form), actor)
			.flatMap((preview) -> page(model, form, preview, exchange)));
	}

	/**
	 * Applies the move the preview showed: the form names each restock it showed moving
	 * with the version it saw ({@code seen=<id>:<version>}), and the move is refused when
	 * anything differs now (applied already, or changed by someone else). Then the page
	 * shows the move as it would be now, with a 409, for the planner to decide again.
	 */
	@PostMapping("/staff/restocks/shift")
	Mono<String> apply(Model model, ServerWebExchange exchange) {
		return submit(model, exchange,
				(form, shift, actor) -> this.changes.shift(shift.asPreviewed(seen(form)), note(form), actor)
					.map((outcome) -> outcome.restocks().isEmpty() ? "redirect:/staff/restocks?notice=shifted-none"
							: "redirect:/staff/restocks?notice=shifted&restocks=" + outcome.restocks().size()
									+ "&orders=" + outcome.impact().orders())
					.onErrorResume(ConflictException.class, (ex) -> {
						exchange.getResponse().setStatusCode(HttpStatus.CONFLICT);
						model.addAttribute("stale", true);
						return this.previews.previewShift(shift, note(form), actor)
							.flatMap((preview) -> page(model, form, preview, exchange));
					}));
	}

	/**
	 * The restocks the preview showed moving, with the versions it saw; a value that is
	 * not {@code <id>:<version>} matches no restock, so the move is refused as stale.
	 */
	private static Map<Long, Long> seen(RestockForm form) {
		Map<Long, Long> seen = new HashMap<>();
		for (String value : form.all("seen")) {
			String[] parts = value.strip().split(":", 2);
			try {
				seen.put(Long.parseLong(parts[0]), (parts.length == 2) ? Long.parseLong(parts[1]) : -1L);
			}
			catch (NumberFormatException ex) {
				seen.put(-1L, -1L);
			}
		}
		return seen;
	}

	/**
	 * Reads the shift from the form and runs it as the planner logged in, or shows the
	 * form again with messages next to the fields.
	 */
	private Mono<String> submit(Model model, ServerWebExchange exchange, ShiftAction action) {
		return exchange.getFormData().flatMap((values) -> {
			RestockForm form = RestockPages.form(values, this.messages, exchange);
			RestockShift shift = shift(form);
			if (shift == null) {
				return page(model, form, null, exchange);
			}
			return RestockPages.actor()
				.flatMap((actor) -> action.run(form, shift, actor))
				.onErrorResume(InvalidInputException.class, (ex) -> {
					// the service names the supplier as the API does; the form's field
					// differs
					form.reject("supplier".equals(ex.getField())
							? new InvalidInputException("shiftSupplier", String.valueOf(ex.getMessage())) : ex);
					return page(model, form, null, exchange);
				});
		});
	}

	/**
	 * Reads the shift from the form, or {@code null} with messages next to the fields.
	 */
	private @Nullable RestockShift shift(RestockForm form) {
		Integer days = form.number("days", -RestockShift.MAX_DAYS, RestockShift.MAX_DAYS);
		if (days != null && days == 0) {
			form.reject("days", "staff.restocks.error.days");
		}
		String supplier = null;
		List<Long> ids = new ArrayList<>();
		if (SUPPLIER_SCOPE.equals(form.text("scope"))) {
			supplier = form.text("shiftSupplier");
			if (supplier.isEmpty()) {
				form.reject("shiftSupplier", "staff.restocks.error.shiftSupplier");
			}
		}
		else {
			for (String id : form.all("id")) {
				try {
					ids.add(Long.parseLong(id.strip()));
				}
				catch (NumberFormatException ex) {
					form.reject("restockIds", "staff.restocks.error.selection");
				}
			}
			if (ids.isEmpty()) {
				form.reject("restockIds", "staff.restocks.error.selection");
			}
		}
		return (form.valid() && days != null) ? new RestockShift(ids, supplier, days) : null;
	}

	private static @Nullable String note(RestockForm form) {
		return InventoryService.customerNote(form.text("note"));
	}

	private Mono<String> page(Model model, RestockForm form, MailPreviews.@Nullable ShiftPreview preview,
			ServerWebExchange exchange) {
		if (!form.valid()) {
			exchange.getResponse().setStatusCode(HttpStatus.UNPROCESSABLE_CONTENT);
		}
		model.addAttribute("form", form.values());
		model.addAttribute("supplierScope", SUPPLIER_SCOPE.equals(form.text("scope")));
		model.addAttribute("ids", form.all("id").stream().map(String::strip).toList());
		model.addAttribute("errors", form.errors());
		model.addAttribute("preview", preview);
		int pages = (preview == null) ? 1 : Math.max(1, (preview.mails().orders().size() + PAGE_SIZE - 1) / PAGE_SIZE);
		Integer asked = form.valid() ? form.optionalNumber("page", 1, pages) : null;
		int page = (asked != null) ? asked : 1;
		model.addAttribute("page", page);
		model.addAttribute("pages", pages);
		model.addAttribute("pageOrders",
				(preview == null) ? List.of() : preview.mails()
					.orders()
					.subList((page - 1) * PAGE_SIZE, Math.min(preview.mails().orders().size(), page * PAGE_SIZE)));
		model.addAttribute("contents", PREVIEW_CONTENTS);
		return this.search.suppliersWithOpenRestocks(RestockPages.SUPPLIER_CHOICES).map((suppliers) -> {
			model.addAttribute("suppliers", suppliers);
			return "staff/restocks/restock-shift";
		});
	}

	@FunctionalInterface
	private interface ShiftAction {

		Mono<String> run(RestockForm form, RestockShift shift, String actor);

	}

}
