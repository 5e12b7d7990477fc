package com.backorderdesk.inventory;

import java.time.LocalDate;

/**
 * A change to an open restock that an import row asks for: its quantity, its expected
 * date, or both.
 *
 * @param row the row's line number in the file
 * @param before the restock as it is now
 * @param quantity the quantity the row gives
 * @param expectedOn the expected date the row gives
 */
public record RestockEdit(int row, Restock before, int quantity, LocalDate expectedOn) {

	/**
	 * The change to make, based on the version the row was checked against.
	 * @return the change
	 */
	public RestockChange change() {
		return new RestockChange(this.expectedOn, this.quantity, null, this.before.version());
	}

}
