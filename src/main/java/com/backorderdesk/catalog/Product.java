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
 * @param backorders how much may be ordered beyond stock
 */
public record Product(String sku, String name, String category, Map<String, String> attributes, long priceCents,
		String currency, BackorderCap backorders) {

	public Product {
		attributes = Map.copyOf(attributes);
	}

	/**
	 * A product without a backorder cap.
	 * @param sku the SKU
	 * @param name the name
	 * @param category the category
	 * @param attributes the attributes
	 * @param priceCents the price in minor units
	 * @param currency ISO 4217 code
	 */
	public Product(String sku, String name, String category, Map<String, String> attributes, long priceCents,
			String currency) {
		this(sku, name, category, attributes, priceCents, currency, BackorderCap.ALLOW);
	}

}
