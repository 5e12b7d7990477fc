package com.backorderdesk.customer;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

import com.backorderdesk.allocation.EtaWindow;
import org.springframework.stereotype.Component;

/**
 * Dates as a customer reads them, in the shop's zone: "Jan 12–15", "Dec 30 – Jan 4", the
 * year only when it is not this year.
 */
@Component
class ShopDates {

	// The portal's text is English (messages.properties), so the month names are too.
	private static final DateTimeFormatter MONTH_DAY = DateTimeFormatter.ofPattern("MMM d", Locale.ENGLISH);

	private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("d", Locale.ENGLISH);

	private static final DateTimeFormatter YEAR = DateTimeFormatter.ofPattern(", yyyy", Locale.ENGLISH);

	private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern(", HH:mm", Locale.ENGLISH);

	private final Clock clock;

	ShopDates(Clock clock) {
		this.clock = clock;
	}

	LocalDate today() {
		return LocalDate.now(this.clock);
	}

	String date(LocalDate date) {
		return MONTH_DAY.format(date) + year(date);
	}

	String window(EtaWindow window) {
		LocalDate earliest = window.earliest();
		LocalDate latest = window.latest();
		if (earliest.equals(latest)) {
			return date(earliest);
		}
		if (earliest.getYear() != latest.getYear()) {
			// crossing New Year: the months already say which year is meant
			return MONTH_DAY.format(earliest) + " – " + MONTH_DAY.format(latest);
		}
		if (earliest.getMonth() == latest.getMonth()) {
			return MONTH_DAY.format(earliest) + "–" + DAY.format(latest) + year(latest);
		}
		return MONTH_DAY.format(earliest) + " – " + MONTH_DAY.format(latest) + year(latest);
	}

	String moment(Instant instant) {
		LocalDate date = LocalDate.ofInstant(instant, this.clock.getZone());
		return date(date) + TIME.format(instant.atZone(this.clock.getZone()));
	}

	private String year(LocalDate date) {
		return (date.getYear() != today().getYear()) ? YEAR.format(date) : "";
	}

}
