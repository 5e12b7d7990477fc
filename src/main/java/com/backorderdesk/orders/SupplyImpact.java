package com.backorderdesk.orders;

import java.util.List;

/**
 * What a supply change did to customers' orders.
 *
 * @param orderLines lines whose state or delivery window changed
 * @param orders orders with such lines, each getting one timeline event
 * @param customers distinct customers (by e-mail address) of those orders
 * @param moves every changed line with its order, by order id then line id
 */
public record SupplyImpact(int orderLines, int orders, int customers, List<MovedLine> moves) {

	/** A change that moved nobody. */
	public static final SupplyImpact NONE = new SupplyImpact(0, 0, 0, List.of());

	public SupplyImpact {
		moves = List.copyOf(moves);
	}

	/**
	 * The orders the change moved.
	 * @return their ids, ascending
	 */
	public List<Long> orderIds() {
		return this.moves.stream().map(MovedLine::orderId).distinct().sorted().toList();
	}

	/**
	 * Whether any line's delivery window got later, or lost its date, or lost units it
	 * held from stock: the change makes a promise worse for someone.
	 * @return whether anyone is worse off
	 */
	public boolean anyLater() {
		return this.moves.stream().anyMatch((moved) -> moved.move().later());
	}

	/**
	 * One changed line.
	 *
	 * @param orderId its order
	 * @param orderNumber the order's number
	 * @param customerName the order's customer
	 * @param move what changed
	 */
	public record MovedLine(long orderId, String orderNumber, String customerName, LineMove move) {
	}

}
