package com.backorderdesk.api;

import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.ExampleObject;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.security.SecurityRequirements;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;

import com.backorderdesk.InvalidValueException;
import com.backorderdesk.allocation.EtaWindow;
import com.backorderdesk.orders.Availability;
import com.backorderdesk.orders.LineWording;
import com.backorderdesk.orders.Quote;
import com.backorderdesk.security.PublicRateLimit;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.util.DigestUtils;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ServerWebExchange;
import tools.jackson.databind.json.JsonMapper;

/**
 * What a new order would get right now, for storefront pages before purchase: public (no
 * key), CORS for the configured storefront origins ({@code backorder.storefront.*}),
 * revalidated with an {@code ETag} (shared caches may keep it 30 seconds), and
 * rate-limited per client.
 */
@RestController
@Tag(name = "Storefront", description = "Public availability for storefront pages and the widget")
class AvailabilityApiController {

	/** The most SKUs one request may ask about. */
	static final int MAX_SKUS = 50;

	/**
	 * Browsers ask again every time (a 304 when the ETag still matches), so a reload
	 * shows a change at once; shared caches (a CDN in front) may answer for 30 seconds.
	 */
	private static final CacheControl CACHE = CacheControl.maxAge(Duration.ZERO)
		.mustRevalidate()
		.cachePublic()
		.sMaxAge(Duration.ofSeconds(30));

	private final Availability availability;

	private final LineWording wording;

	private final PublicRateLimit limit;

	private final JsonMapper json;

	AvailabilityApiController(Availability availability, LineWording wording, PublicRateLimit limit, JsonMapper json) {
		this.availability = availability;
		this.wording = wording;
		this.limit = limit;
		this.json = json;
	}

	@GetMapping(path = "/api/v1/availability", produces = MediaType.APPLICATION_JSON_VALUE)
	@SecurityRequirements
	@Operation(summary = "What a new order would get now",
			description = "For each SKU: what an order of `quantity` units placed now would get, planned by the "
					+ "allocation engine on the current stock, restocks and queue (behind every open order of normal "
					+ "priority), with the product's backorder cap: IN_STOCK, BACKORDER with the delivery window "
					+ "(shop-zone dates), NO_DATE (no planned supply covers it), or NOT_ORDERABLE (sold out: the "
					+ "backorder cap is reached). `label` and `detail` say it in the words the customer portal uses. "
					+ "Needs no key; pages on the origins in `backorder.storefront.allowed-origins` may call it from "
					+ "the browser. Browsers revalidate every time (send `If-None-Match` with the `ETag`: 304 when "
					+ "nothing changed); shared caches may keep an answer 30 seconds. Limited per client (`backorder.storefront.requests-per-window`).")
	@ApiResponse(responseCode = "200", description = "Each known SKU's availability; unknown SKUs are listed apart",
			content = @Content(schema = @Schema(implementation = AvailabilityAnswer.class),
					examples = @ExampleObject(name = "availability", value = AVAILABILITY_EXAMPLE)))
	@ApiResponse(responseCode = "304", description = "Nothing changed since the `ETag` sent in `If-None-Match`")
	@ApiResponse(responseCode = "400", ref = ApiDocs.BAD_REQUEST)
	@ApiResponse(responseCode = "429", ref = ApiDocs.TOO_MANY_REQUESTS)
	Mono<ResponseEntity<?>> availability(
			@Parameter(description = "A SKU; repeat for several, 1 to 50") @RequestParam(
					name = "sku") List<String> skus,
			@Parameter(description = "Units of each, 1 to 1,000,000 (1)") @RequestParam(
					required = false) @Nullable Integer quantity,
			ServerWebExchange exchange) {
		Set<String> wanted = new LinkedHashSet<>(skus);
		if (wanted.isEmpty() || wanted.size() > MAX_SKUS) {
			throw new InvalidValueException("sku", "Ask about 1 to " + MAX_SKUS + " SKUs");
		}
		int units = (quantity != null) ? quantity : 1;
		return this.limit.acquire("AVAILABILITY", exchange).flatMap((wait) -> {
			if (!wait.isZero()) {
				long seconds = Math.max(1, (wait.toMillis() + 999) / 1000);
				ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.TOO_MANY_REQUESTS,
						"Try again in " + seconds + " seconds");
				problem.setTitle("Too many requests");
				return Mono.just(ResponseEntity.status(HttpStatus.TOO_MANY_REQUESTS)
					.header("Retry-After", Long.toString(seconds))
					.contentType(MediaType.APPLICATION_PROBLEM_JSON)
					.body(problem));
			}
			return this.availability.quote(wanted, units).map((quotes) -> {
				AvailabilityAnswer answer = answer(wanted, units, quotes);
				String tag = "\"" + DigestUtils.md5DigestAsHex(this.json.writeValueAsBytes(answer)) + "\"";
				return ResponseEntity.ok().cacheControl(CACHE).eTag(tag).body(answer);
			});
		});
	}

	private AvailabilityAnswer answer(Set<String> wanted, int units, Map<String, Quote> quotes) {
		List<SkuAvailability> items = new ArrayList<>();
		List<String> unknown = new ArrayList<>();
		for (String sku : wanted) {
			Quote quote = quotes.get(sku);
			if (quote == null) {
				unknown.add(sku);
				continue;
			}
			EtaWindow eta = quote.eta();
			items.add(new SkuAvailability(sku, quote.status(), quote.inStock(), quote.backordered(), quote.noDate(),
					quote.notOrderable(), (eta != null) ? eta.earliest() : null, (eta != null) ? eta.latest() : null,
					label(quote.status()), detail(quote, eta)));
		}
		return new AvailabilityAnswer(units, items, unknown);
	}

	private static String label(Quote.Status status) {
		return switch (status) {
			case IN_STOCK -> "In stock";
			case BACKORDER -> "Available on backorder";
			case NO_DATE -> "Out of stock";
			case NOT_ORDERABLE -> "Sold out";
		};
	}

	private String detail(Quote quote, @Nullable EtaWindow eta) {
		return switch (quote.status()) {
			case IN_STOCK -> "Ready to ship now.";
			case BACKORDER -> "Arrives " + this.wording.window(eta, Locale.ENGLISH) + ".";
			case NO_DATE -> "No restock date yet.";
			case NOT_ORDERABLE -> (quote.quantity() > quote.notOrderable())
					? "Only " + (quote.quantity() - quote.notOrderable()) + " can be ordered now."
					: "No more can be ordered for now.";
		};
	}

	static final String AVAILABILITY_EXAMPLE = """
			{"quantity": 1, "unknown": ["LAMP-9"], "items": [
			 {"sku": "LAMP-1", "status": "BACKORDER", "inStock": 0, "backordered": 1, "noDate": 0, "notOrderable": 0,
			  "earliest": "2026-01-25", "latest": "2026-01-28", "label": "Available on backorder",
			  "detail": "Arrives Jan 25 – Jan 28."},
			 {"sku": "SHADE-2", "status": "NOT_ORDERABLE", "inStock": 0, "backordered": 0, "noDate": 0,
			  "notOrderable": 1, "earliest": null, "latest": null, "label": "Sold out",
			  "detail": "No more can be ordered for now."}]}""";

	/**
	 * The answer.
	 *
	 * @param quantity units asked for, of each SKU
	 * @param items each known SKU, in the order asked
	 * @param unknown SKUs no product has
	 */
	record AvailabilityAnswer(int quantity, List<SkuAvailability> items, List<String> unknown) {
	}

	/**
	 * One SKU.
	 *
	 * @param sku the SKU
	 * @param status what a new order would get, the worst part deciding
	 * @param inStock units stock would hold at once
	 * @param backordered units planned supply covers, arriving from {@code earliest} to
	 * {@code latest}
	 * @param noDate units no planned supply covers
	 * @param notOrderable units beyond the product's backorder cap
	 * @param earliest the backordered units' earliest delivery date, shop's zone
	 * @param latest their latest delivery date
	 * @param label the status in words
	 * @param detail what it means, in words
	 */
	record SkuAvailability(String sku, Quote.Status status, int inStock, int backordered, int noDate, int notOrderable,
			@Schema(types = {
					"string", "null" }, format = "date") @Nullable LocalDate earliest,
			@Schema(types = { "string", "null" }, format = "date") @Nullable LocalDate latest, String label,
			String detail){
	}

}
