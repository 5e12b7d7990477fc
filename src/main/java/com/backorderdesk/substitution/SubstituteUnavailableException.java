package com.backorderdesk.substitution;

/**
 * The substitute's stock was taken before the customer accepted. Nothing was changed: the
 * original line keeps waiting and the offer stays open.
 */
public class SubstituteUnavailableException extends RuntimeException {

	private final String sku;

	public SubstituteUnavailableException(String sku, int wanted, int free) {
		super("Only " + free + " of the " + wanted + " units of '" + sku
				+ "' are still in stock; your original item is unchanged");
		this.sku = sku;
	}

	public String getSku() {
		return this.sku;
	}

}
