package com.backorderdesk.staff;

/**
 * A substitute offered, as a row of the workbench and of the order page.
 *
 * @param id the offer's id
 * @param orderNumber the order it was made to
 * @param original the SKU and name waited for
 * @param substitute the substitute's SKU and name
 * @param quantity units offered
 * @param priceDifference what accepting costs more or less, with its sign
 * @param status the status's enum name
 * @param kind the badge style
 * @param createdBy who offered it
 * @param createdAt when
 * @param expiresAt until when it stands
 * @param decidedAt when it was answered, expired or withdrawn, or empty
 */
public record OfferRow(long id, String orderNumber, String original, String substitute, int quantity,
		String priceDifference, String status, String kind, String createdBy, String createdAt, String expiresAt,
		String decidedAt) {

	/**
	 * Whether the offer can still be answered: accepted while its substitute is there,
	 * declined at any time until it is decided or expires.
	 * @return whether it is open
	 */
	public boolean open() {
		return "OFFERED".equals(this.status) || "UNAVAILABLE".equals(this.status);
	}

}
