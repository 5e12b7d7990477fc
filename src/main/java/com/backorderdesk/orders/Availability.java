package com.backorderdesk.orders;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;

import reactor.core.publisher.Mono;

import com.backorderdesk.InputRules;
import com.backorderdesk.allocation.Allocation;
import com.backorderdesk.catalog.BackorderCap;
import com.backorderdesk.catalog.CatalogService;
import com.backorderdesk.catalog.Product;
import com.backorderdesk.inventory.InventoryService;
import org.springframework.stereotype.Service;

/**
 * What a new order would get right now, from the one engine: the allocation engine plans
 * each SKU's real supply and queue with one more line behind every open order of normal
 * priority, and the product's backorder cap ({@link BackorderCap}) turns the units beyond
 * it into "not orderable". Placing an order applies the same rule under the SKUs' locks
 * ({@link OrderService#place}); the storefront's availability, the customer portal's
 * product pages, the widget and the product feed read it here.
 */
@Service
public class Availability {

	private final CatalogService catalog;

	private final InventoryService inventory;

	private final Replanner replanner;

	Availability(CatalogService catalog, InventoryService inventory, Replanner replanner) {
		this.catalog = catalog;
		this.inventory = inventory;
		this.replanner = replanner;
	}

	/**
	 * Quotes a new order of {@code quantity} units of each SKU, locking nothing.
	 * @param skus the SKUs; unknown ones are left out
	 * @param quantity units of each, 1 to {@link InputRules#MAX_LINE_QUANTITY}
	 * @return a quote per known SKU, in the order given; an
	 * {@link com.backorderdesk.InvalidValueException} for field {@code quantity} out of
	 * bounds
	 */
	public Mono<Map<String, Quote>> quote(Collection<String> skus, int quantity) {
		return Mono.fromRunnable(() -> InputRules.units("quantity", quantity, 1, InputRules.MAX_LINE_QUANTITY))
			.then(this.catalog.findAll(skus))
			.flatMap((products) -> {
				if (products.isEmpty()) {
					return Mono.just(Map.<String, Quote>of());
				}
				Map<String, Integer> quantities = new LinkedHashMap<>();
				products.keySet().forEach((sku) -> quantities.put(sku, quantity));
				return this.inventory.readSupply(products.keySet())
					.flatMap((supply) -> this.replanner.hypothetical(supply, quantities, OrderPriority.NORMAL.value()))
					.map((planned) -> quotes(products, quantities, planned));
			});
	}

	/**
	 * Quotes the capped lines of an order being placed, in its transaction: locks every
	 * SKU's stock row first, so no other change moves the supply before the order is
	 * stored. Only a product with a backorder cap ({@code LIMITED} or {@code NEVER}) can
	 * refuse units, so only those are planned here: an uncapped SKU costs no walk of its
	 * queue, however long it is.
	 * @param products the lines' products, by SKU
	 * @param quantities units by SKU
	 * @param priority the order's priority
	 * @return a quote per capped SKU; uncapped SKUs have none (nothing of them is
	 * refused)
	 */
	Mono<Map<String, Quote>> quoteLocked(Map<String, Product> products, Map<String, Integer> quantities,
			OrderPriority priority) {
		Map<String, Integer> capped = new LinkedHashMap<>();
		quantities.forEach((sku, units) -> {
			if (products.get(sku).backorders().policy() != BackorderCap.Policy.ALLOW) {
				capped.put(sku, units);
			}
		});
		return this.inventory.lockSupply(quantities.keySet())
			.flatMap((supply) -> capped.isEmpty() ? Mono.just(Map.<String, Quote>of())
					: this.replanner.hypothetical(supply, capped, priority.value())
						.map((planned) -> quotes(products, capped, planned)));
	}

	private static Map<String, Quote> quotes(Map<String, Product> products, Map<String, Integer> quantities,
			Map<String, Replanner.Hypothetical> planned) {
		Map<String, Quote> quotes = new LinkedHashMap<>();
		planned.forEach(
				(sku, line) -> quotes.put(sku, capped(sku, quantities.get(sku), products.get(sku).backorders(), line)));
		return quotes;
	}

	/**
	 * The product's cap applied to what the engine would give: {@code NEVER} keeps what
	 * stock holds; {@code LIMITED} keeps what stock and planned supply cover, and as many
	 * units without a date as the limit leaves after the other open orders' own.
	 */
	static Quote capped(String sku, int quantity, BackorderCap cap, Replanner.Hypothetical planned) {
		Allocation line = planned.line();
		int backordered = line.scheduled();
		int noDate = line.unscheduled();
		if (cap.policy() == BackorderCap.Policy.NEVER) {
			backordered = 0;
			noDate = 0;
		}
		else if (cap.policy() == BackorderCap.Policy.LIMITED) {
			int room = Math.max(0, cap.limit() - planned.othersUnscheduled());
			noDate = Math.min(noDate, room);
		}
		int notOrderable = quantity - line.allocated() - backordered - noDate;
		return Quote.of(sku, quantity, line.allocated(), backordered, noDate, notOrderable, line.eta());
	}

}
