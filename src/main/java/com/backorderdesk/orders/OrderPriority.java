package com.backorderdesk.orders;

import org.jspecify.annotations.Nullable;

/**
 * How soon an order is served among the orders waiting for the same SKU: the engine
 * serves lower values first, then earlier orders. Stored as the order's priority.
 */
public enum OrderPriority {

	/** Served before normal orders (a customer the shop owes one). */
	HIGH(50),

	/** The default. */
	NORMAL(100),

	/** Served after normal orders (a restock order for a shop's own store). */
	LOW(150);

	private final int value;

	OrderPriority(int value) {
		this.value = value;
	}

	/**
	 * The stored value.
	 * @return the priority the engine sorts by, lower first
	 */
	public int value() {
		return this.value;
	}

	/**
	 * The priority a stored value stands for.
	 * @param value the stored value
	 * @return the priority whose value is nearest, a tie going to the higher
	 */
	public static OrderPriority of(int value) {
		OrderPriority nearest = NORMAL;
		for (OrderPriority priority : values()) {
			if (Math.abs(priority.value - value) < Math.abs(nearest.value - value)) {
				nearest = priority;
			}
		}
		return nearest;
	}

	static OrderPriority orDefault(@Nullable OrderPriority priority) {
		return (priority != null) ? priority : NORMAL;
	}

}
