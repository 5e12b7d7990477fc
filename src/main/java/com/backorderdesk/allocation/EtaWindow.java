package com.backorderdesk.allocation;

import java.time.LocalDate;

/**
 * A delivery window promised to a customer: a range rather than a date, because a single
 * date would claim a precision that supplier deliveries do not have.
 *
 * @param earliest the first day delivery can happen
 * @param latest the last day delivery should happen, widened by the supplier's lateness
 */
public record EtaWindow(LocalDate earliest, LocalDate latest) {

	public EtaWindow {
		Checks.notNull(earliest, "EtaWindow earliest");
		Checks.notNull(latest, "EtaWindow latest");
		if (earliest.isAfter(latest)) {
			throw new IllegalArgumentException(
					"EtaWindow earliest (" + earliest + ") must not be after latest (" + latest + ")");
		}
	}

}
