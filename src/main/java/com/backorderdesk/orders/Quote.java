package com.backorderdesk.orders;

import org.jspecify.annotations.Nullable;

import com.backorderdesk.allocation.EtaWindow;

/**
 * What a new order of some units of one SKU would get now, as the allocation engine plans
 * it behind every open order, with the product's backorder cap applied.
 *
 * @param sku the SKU
 * @param quantity units asked for
 * @param inStock units stock would hold at once
 * @param backordered units planned supply covers, arriving within {@code eta}
 * @param noDate units no planned supply covers: no date
 * @param notOrderable units beyond the product's backorder cap
 * @param eta the backordered units' delivery window (shop-zone dates), {@code null} when
 * none are backordered
 * @param status what the order would get, the worst part deciding
 */
public record Quote(String sku, int quantity, int inStock, int backordered, int noDate, int notOrderable,
		@Nullable EtaWindow eta, Status status) {

	static Quote of(String sku, int quantity, int inStock, int backordered, int noDate, int notOrderable,
			@Nullable EtaWindow eta) {
		Status status = (notOrderable > 0) ? Status.NOT_ORDERABLE
				: (noDate > 0) ? Status.NO_DATE : (backordered > 0) ? Status.BACKORDER : Status.IN_STOCK;
		return new Quote(sku, quantity, inStock, backordered, noDate, notOrderable, (backordered > 0) ? eta : null,
				status);
	}

	/**
	 * What a new order would get, the worst part of it deciding.
	 */
	public enum Status {

		/** Every unit is in stock now. */
		IN_STOCK,

		/** Every unit has stock or a delivery window; some wait for a restock. */
		BACKORDER,

		/** Some units would wait without a date: no planned supply covers them. */
		NO_DATE,

		/**
		 * Some units cannot be ordered: the product's backorder cap is reached (sold
		 * out).
		 */
		NOT_ORDERABLE

	}

}
