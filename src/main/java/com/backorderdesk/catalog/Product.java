package com.backorderdesk.catalog;

import java.util.Map;

/**
 * A product as the rest of Backorder Desk sees it.
 *
 * @param sku the shop's stock keeping unit
 * @param name the name shown to customers
 * @param category the category, used to find substitutes
 * @param attributes free-form attributes (colour, size, ...)
 * @param priceCents price in the currency's minor unit
 * @param currency ISO 4217 code
 */
public record Product(String sku, String name, String category, Map<String, String> attributes, long priceCents,
		String currency) {

	public Product {
		attributes = Map.copyOf(attributes);
	}

}
