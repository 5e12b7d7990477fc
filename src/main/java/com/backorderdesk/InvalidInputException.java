package com.backorderdesk;

/**
 * A request that is well-formed but breaks a business rule, such as a quantity below what
 * was already received. Nothing was changed.
 */
public class InvalidInputException extends RuntimeException {

	private final String field;

	public InvalidInputException(String field, String message) {
		super(message);
		this.field = field;
	}

	public String getField() {
		return this.field;
	}

}
