package com.backorderdesk;

/**
 * Something a request names does not exist.
 */
public class NotFoundException extends RuntimeException {

	private final String field;

	/**
	 * Creates a new instance.
	 * @param field the request field that names the missing thing ({@code sku},
	 * {@code lines[0].sku}); empty when it is the resource itself
	 * @param message what is missing, in words a client developer understands
	 */
	public NotFoundException(String field, String message) {
		super(message);
		this.field = field;
	}

	public String getField() {
		return this.field;
	}

}
