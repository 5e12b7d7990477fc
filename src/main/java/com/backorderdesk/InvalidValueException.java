package com.backorderdesk;

/**
 * A value that no request may carry, whatever is stored: out of bounds, too long, of the
 * wrong form, holding characters text may not hold. The API answers 400, where a value
 * that breaks a rule against the current state ({@link InvalidInputException}) gets 422.
 * Nothing was changed.
 */
public class InvalidValueException extends InvalidInputException {

	/**
	 * Creates a new instance.
	 * @param field the request field holding the value ({@code lines[0].quantity})
	 * @param message what a valid value looks like, in words a user understands
	 */
	public InvalidValueException(String field, String message) {
		super(field, message);
	}

}
