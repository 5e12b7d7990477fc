package com.backorderdesk;

/**
 * A change based on an out-of-date version of a row: someone else changed it first.
 * Nothing was changed; the current state is attached so the user can decide again.
 */
public class ConflictException extends RuntimeException {

	private final Object current;

	public ConflictException(String message, Object current) {
		super(message);
		this.current = current;
	}

	public Object getCurrent() {
		return this.current;
	}

}
