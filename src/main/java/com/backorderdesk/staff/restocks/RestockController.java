package com.backorderdesk.staff.restocks;

import java.time.Clock;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Function;

import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;

import com.backorderdesk.ConflictException;
import com.backorderdesk.InputRules;
import com.backorderdesk.InvalidInputException;
import com.backorderdesk.NotFoundException;
import com.backorderdesk.inventory.InventoryService;
import com.backorderdesk.notification.MailForecast;
import com.backorderdesk.notification.MailPreviews;
import com.backorderdesk.inventory.NewReceipt;
import com.backorderdesk.inventory.NewRestock;
import com.backorderdesk.inventory.Restock;
import com.backorderdesk.inventory.RestockChange;
import com.backorderdesk.inventory.RestockSearch;
import com.backorderdesk.inventory.RestockStatus;
import org.springframework.context.MessageSource;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.server.ServerWebExchange;

/**
 * One restock: create it, change its quantity, date and status, and receive it in full or
 * in part. Edits carry the version they were based on; a stale one is refused with the
 * current values, and nothing is overwritten.
 */
@Controller
class RestockController {

	private static final Set<String> NOTICES = Set.of("created", "updated", "received", "corrected");

	private final InventoryService inventory;

	private final RestockSearch search;

	private final RestockListController list;

	private final RestockChanges changes;

	private final MailPreviews previews;

	private final MessageSource messages;

	private final Clock clock;

	RestockController(InventoryService inventory, RestockSearch search, RestockListController list,
			RestockChanges changes, MailPreviews previews, MessageSource messages, Clock clock) {
		this.inventory = inventory;
		this.search = search;
		this.list = list;
		this.changes = changes;
		this.previews = previews;
		this.messages = messages;
		this.clock = clock;
	}

	/**
	 * The form for a new restock, due in two weeks; the dashboard's shortfall rows link
	 * here with the SKU and the shortfall so the planner only checks them, names the
	 * supplier and confirms. A value that could not be submitted is left out, not shown.
	 */
	@GetMapping("/staff/restocks/new")
	Mono<String> newRestock(@RequestParam(defaultValue = "") String sku,
			@RequestParam(defaultValue = "") String quantity, Model model) {
		Map<String, String> values = new HashMap<>();
		values.put("expectedOn", LocalDate.now(this.clock).plusDays(14).toString());
		String product = sku.strip();
		if (!product.isEmpty() && product.length() <= 100) {
			values.put("sku", product);
			model.addAttribute("fromShortfall", true);
		}
		if (quantity.matches("[0-9]{1,9}") && Integer.parseInt(quantity) >= 1
				&& Integer.parseInt(quantity) <= InputRules.MAX_RESTOCK_QUANTITY) {
			values.put("quantity", quantity);
		}
		return showNew(model, values, Map.of());
	}

	@PostMapping("/staff/restocks")
	Mono<String> create(Model model, ServerWebExchange exchange) {
		return exchange.getFormData().flatMap((values) -> {
			RestockForm form = RestockPages.form(values, this.messages, exchange);
			String sku = form.text("sku");
			if (sku.isEmpty()) {
				form.reject("sku", "staff.restocks.error.sku");
			}
			String supplier = form.check("supplier", () -> InputRules.text("supplier", form.text("supplier"), 1, 200));
			Integer quantity = form.number("quantity", 1, InputRules.MAX_RESTOCK_QUANTITY);
			LocalDate date = form.date("expectedOn", true);
			LocalDate expectedOn = (date != null) ? form.check("expectedOn",
					() -> InputRules.expectedDate("expectedOn", date, LocalDate.now(this.clock))) : null;
			if (!form.valid() || supplier == null || quantity == null || expectedOn == null) {
				return invalid(exchange, showNew(model, form.values(), form.errors()));
			}
			// the service applies the same rules again, as for the API
			return RestockPages.actor()
				.flatMap((actor) -> this.changes.create(new NewRestock(sku, supplier, quantity, expectedOn), actor))
				.map((created) -> "redirect:/staff/restocks/" + created.id() + "?notice=created")
				.onErrorResume(NotFoundException.class, (ex) -> {
					form.reject("sku", "staff.restocks.error.unknownSku", sku);
					return invalid(exchange, showNew(model, form.values(), form.errors()));
				})
				.onErrorResume(InvalidInputException.class, (ex) -> {
					form.reject(ex);
					return invalid(exchange, showNew(model, form.values(), form.errors()));
				});
		});
	}

	@GetMapping("/staff/restocks/{id}")
	Mono<String> show(@PathVariable long id, @RequestParam(defaultValue = "") String notice, Model model) {
		model.addAttribute("notice", NOTICES.contains(notice) ? "staff.restocks.notice." + notice : "");
		return page(id, model, null, Map.of(), Map.of());
	}

	@PostMapping("/staff/restocks/{id}")
	Mono<String> update(@PathVariable long id, Model model, ServerWebExchange exchange) {
		return submit(id, model, exchange, "updated", (form) -> {
			Integer quantity = form.number("quantity", 1, InputRules.MAX_RESTOCK_QUANTITY);
			LocalDate expectedOn = form.date("expectedOn", true);
			RestockStatus status = RestockPages.status(form.text("status"));
			if (status == null || status == RestockStatus.RECEIVED) {
				form.reject("status", "staff.restocks.error.status");
			}
			RestockChange change = new RestockChange(expectedOn, quantity, status, version(form));
			boolean confirmed = "true".equals(form.text("confirmed"));
			return (actor) -> {
				String note = InventoryService.customerNote(form.text("note"));
				if (confirmed) {
					return this.changes.update(id, change, note, actor);
				}
				// a change that moves customers is shown to the planner before it is made
				return this.previews.previewRestockChange(id, change, note, actor)
					.flatMap((forecast) -> (forecast.impact().orders() == 0)
							? this.changes.update(id, change, note, actor) : Mono.just(new EditPreview(forecast)));
			};
		});
	}

	/**
	 * Records a receipt: the quantity is typed (never filled in with all that is still to
	 * come), then shown once more with what it does, and recorded when confirmed.
	 */
	@PostMapping("/staff/restocks/{id}/receive")
	Mono<String> receive(@PathVariable long id, Model model, ServerWebExchange exchange) {
		return submit(id, model, exchange, "received", (form) -> {
			Integer quantity = form.number("receiveQuantity", 1, InputRules.MAX_RESTOCK_QUANTITY);
			LocalDate date = form.date("receivedOn", true);
			// the service applies the rule again; here it is said before the confirmation
			LocalDate receivedOn = (date != null)
					? form.check("receivedOn", () -> InputRules.pastDate("receivedOn", date, LocalDate.now(this.clock)))
					: null;
			Long version = version(form);
			boolean confirmed = "true".equals(form.text("confirmed"));
			return (actor) -> {
				if (!confirmed) {
					return this.inventory.find(id)
						.flatMap((restock) -> (Objects.requireNonNull(quantity) > restock.openQuantity())
								? Mono.error(new InvalidInputException("receiveQuantity",
										"Only " + restock.openQuantity() + " units of restock " + id
												+ " are still to come"))
								: Mono.just(new ReceiptPreview(quantity, Objects.requireNonNull(receivedOn),
										restock.openQuantity() - quantity)));
				}
				return this.changes
					.receive(id,
							new NewReceipt(Objects.requireNonNull(quantity), Objects.requireNonNull(receivedOn),
									version),
							actor)
					// the receipt's quantity sits beside the restock's own on the page
					.onErrorMap(
							(ex) -> ex instanceof InvalidInputException invalid
									&& "quantity".equals(invalid.getField()),
							(ex) -> new InvalidInputException("receiveQuantity", ex.getMessage()));
			};
		});
	}

	/**
	 * Corrects the units of a receipt recorded today: the stock, the restock and the
	 * waiting orders follow, and the audit log keeps before and after.
	 */
	@PostMapping("/staff/restocks/{id}/receipts/{receiptId}/correct")
	Mono<String> correct(@PathVariable long id, @PathVariable long receiptId, Model model, ServerWebExchange exchange) {
		String field = "correct-" + receiptId;
		return submit(id, model, exchange, "corrected", (form) -> {
			Integer quantity = form.optionalNumber(field, 0, InputRules.MAX_RESTOCK_QUANTITY);
			if (quantity == null) {
				form.reject(field, "staff.restocks.error.number", 0, InputRules.MAX_RESTOCK_QUANTITY);
			}
			Long version = version(form);
			return (actor) -> this.search.receipts(id)
				.flatMap((receipts) -> Mono
					.justOrEmpty(receipts.stream().filter((receipt) -> receipt.id() == receiptId).findFirst()))
				.switchIfEmpty(Mono.error(() -> new NotFoundException("receiptId", "No such receipt")))
				.flatMap((receipt) -> this.changes.correct(id, receipt, Objects.requireNonNull(quantity), version,
						actor))
				.onErrorMap(
						(ex) -> ex instanceof InvalidInputException invalid && "quantity".equals(invalid.getField()),
						(ex) -> new InvalidInputException(field, ex.getMessage()));
		});
	}

	/**
	 * Reads a form posted to a restock, makes its change as the planner logged in, and
	 * lands back on the restock page, or shows the page again saying why not.
	 * @param read reads the form (rejecting what it cannot use) into the change to make
	 * as an actor; the change runs only when the whole form was valid
	 */
	private Mono<String> submit(long id, Model model, ServerWebExchange exchange, String notice,
			Function<RestockForm, Function<String, Mono<?>>> read) {
		return exchange.getFormData().flatMap((values) -> {
			RestockForm form = RestockPages.form(values, this.messages, exchange);
			Function<String, Mono<?>> change = read.apply(form);
			if (!form.valid()) {
				return invalid(exchange, page(id, model, null, form.values(), form.errors()));
			}
			return RestockPages.actor().flatMap(change).flatMap((done) -> {
				if (done instanceof EditPreview preview) {
					model.addAttribute("forecast", preview.forecast());
					return page(id, model, null, form.values(), form.errors());
				}
				if (done instanceof ReceiptPreview receipt) {
					model.addAttribute("receipt", receipt);
					return page(id, model, null, form.values(), form.errors());
				}
				return Mono.just("redirect:/staff/restocks/" + id + "?notice=" + notice);
			}).onErrorResume((ex) -> refused(ex, id, model, form, exchange));
		});
	}

	/**
	 * Shows why a change was refused: a stale version with the current values (409), or a
	 * message next to the field (422); anything else is not the user's doing.
	 */
	private Mono<String> refused(Throwable ex, long id, Model model, RestockForm form, ServerWebExchange exchange) {
		if (ex instanceof ConflictException conflict && conflict.getCurrent() instanceof Restock current) {
			exchange.getResponse().setStatusCode(HttpStatus.CONFLICT);
			Map<String, String> values = new HashMap<>(form.values());
			// the form keeps what this planner typed, now based on the current version:
			// sending it again is a decision taken knowing the other change
			values.put("version", Long.toString(current.version()));
			return page(id, model, current, values, form.errors());
		}
		if (ex instanceof InvalidInputException invalid) {
			form.reject(invalid);
			return invalid(exchange, page(id, model, null, form.values(), form.errors()));
		}
		if (ex instanceof NotFoundException notFound && "receiptId".equals(notFound.getField())) {
			return Mono.just("redirect:/staff/restocks/" + id);
		}
		if (ex instanceof NotFoundException) {
			return Mono.error(new ResponseStatusException(HttpStatus.NOT_FOUND));
		}
		return Mono.error(ex);
	}

	private static @Nullable Long version(RestockForm form) {
		try {
			return Long.parseLong(form.text("version"));
		}
		catch (NumberFormatException ex) {
			form.reject("version", "staff.restocks.error.version");
			return null;
		}
	}

	private Mono<String> showNew(Model model, Map<String, String> values, Map<String, String> errors) {
		model.addAttribute("form", values);
		model.addAttribute("errors", errors);
		return this.search.suppliersWithOpenRestocks(RestockPages.SUPPLIER_CHOICES).map((suppliers) -> {
			model.addAttribute("suppliers", suppliers);
			return "staff/restocks/restock-new";
		});
	}

	/**
	 * The restock page.
	 * @param conflict the current restock when this planner's change was refused as stale
	 * @param values the form as sent, or empty to show the restock's own values
	 */
	private Mono<String> page(long id, Model model, @Nullable Restock conflict, Map<String, String> values,
			Map<String, String> errors) {
		return this.inventory.find(id)
			.onErrorMap(NotFoundException.class, (ex) -> new ResponseStatusException(HttpStatus.NOT_FOUND))
			.flatMap((restock) -> this.list.views(List.of(restock)).zipWith(this.search.receipts(id)).map((found) -> {
				model.addAttribute("view", found.getT1().get(0));
				model.addAttribute("restock", restock);
				model.addAttribute("receipts", found.getT2());
				LocalDate today = LocalDate.now(this.clock);
				model.addAttribute("correctable",
						found.getT2()
							.stream()
							.filter((receipt) -> restock.status() != RestockStatus.CANCELLED
									&& receipt.recordedAt().atZone(this.clock.getZone()).toLocalDate().equals(today))
							.map((receipt) -> receipt.id())
							.toList());
				model.addAttribute("conflict", conflict);
				Map<String, String> form = new HashMap<>(values(restock));
				form.putAll(values);
				model.addAttribute("form", form);
				model.addAttribute("errors", errors);
				model.addAttribute("statuses", List.of(RestockStatus.PLANNED, RestockStatus.CONFIRMED,
						RestockStatus.IN_TRANSIT, RestockStatus.DELAYED, RestockStatus.CANCELLED));
				model.addAttribute("today", LocalDate.now(this.clock));
				return "staff/restocks/restock";
			}));
	}

	private Map<String, String> values(Restock restock) {
		return Map.of("quantity", Integer.toString(restock.quantity()), "expectedOn", restock.expectedOn().toString(),
				"status", restock.status().name(), "version", Long.toString(restock.version()), "receiveQuantity", "",
				"receivedOn", LocalDate.now(this.clock).toString());
	}

	/** A change not made yet: what it would do, for the planner to confirm. */
	private record EditPreview(MailForecast forecast) {
	}

	/**
	 * A receipt not recorded yet, for the planner to confirm.
	 *
	 * @param quantity units received
	 * @param receivedOn the day they arrived
	 * @param stillToCome units of the restock still to come after it
	 */
	record ReceiptPreview(int quantity, LocalDate receivedOn, int stillToCome) {
	}

	private static Mono<String> invalid(ServerWebExchange exchange, Mono<String> page) {
		exchange.getResponse().setStatusCode(HttpStatus.UNPROCESSABLE_CONTENT);
		return page;
	}

}
