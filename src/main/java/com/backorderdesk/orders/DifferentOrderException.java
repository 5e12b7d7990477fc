package com.backorderdesk.orders;

import java.util.List;

import com.backorderdesk.ConflictException;

/**
 * An order number placed again with another customer, priority or lines: not a retry of
 * the order that has it. Nothing was changed; the stored order is attached.
 */
public class DifferentOrderException extends ConflictException {

	private final List<String> fields;

	DifferentOrderException(OrderView stored, List<String> fields) {
		super("Order " + stored.number() + " exists with other values in " + String.join(", ", fields), stored);
		this.fields = List.copyOf(fields);
	}

	/**
	 * The fields that differ from the stored order, as the API names them
	 * ({@code customer.email}, {@code lines[1].quantity}).
	 * @return the fields
	 */
	public List<String> getFields() {
		return this.fields;
	}

}
