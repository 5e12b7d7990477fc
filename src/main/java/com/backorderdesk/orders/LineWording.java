package com.backorderdesk.orders;

import java.math.BigDecimal;
import java.text.NumberFormat;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Currency;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.jspecify.annotations.Nullable;

import com.backorderdesk.allocation.EtaWindow;
import org.springframework.context.MessageSource;
import org.springframework.stereotype.Component;

/**
 * The one wording of a line's state that customers read, wherever they read it: the order
 * page, its live updates, e-mails and the API's {@code statusText}. Quantities are split
 * the same way everywhere ("2 ready now, 1 without a restock date yet"), and dates are
 * the shop's dates ("Jan 12–15"; the year only when it is not this year, in the shop's
 * zone), in the reader's language (patterns from {@code messages*.properties}), and so is
 * money.
 */
@Component
public class LineWording {

	private final MessageSource messages;

	private final Clock clock;

	private final Map<Locale, Formats> formats = new ConcurrentHashMap<>();

	LineWording(MessageSource messages, Clock clock) {
		this.messages = messages;
		this.clock = clock;
	}

	/**
	 * Says what a line's open quantity means: "In stock, being prepared.", "Backordered,
	 * arrives between Jan 12 and Jan 15.", "1 ready now, 2 arrive Jan 12–15, 1 without a
	 * restock date yet."
	 * @param state the line's state
	 * @param locale the reader's language
	 * @return one sentence
	 */
	public String describe(LineState state, Locale locale) {
		LineStatus status = state.status();
		boolean mixed = status == LineStatus.PARTIALLY_ALLOCATED
				|| (status == LineStatus.BACKORDERED && state.unscheduled() > 0);
		if (mixed) {
			List<String> parts = new ArrayList<>(3);
			if (state.allocated() > 0) {
				parts.add(text(locale, "line.part.ready", state.allocated()));
			}
			EtaWindow eta = state.eta();
			if (state.scheduled() > 0 && eta != null) {
				parts.add(text(locale, "line.part.arrive", state.scheduled(), window(eta, locale)));
			}
			if (state.unscheduled() > 0) {
				parts.add(text(locale, "line.part.undated", state.unscheduled()));
			}
			return String.join(", ", parts) + ".";
		}
		EtaWindow eta = state.eta();
		if (status == LineStatus.BACKORDERED && eta != null) {
			return text(locale, "line.backordered", date(eta.earliest(), locale), date(eta.latest(), locale));
		}
		return text(locale, "line." + status.name());
	}

	/**
	 * Says where a line of an order stands, as the customer reads it on the order page,
	 * in e-mails and through the API: its state ({@link #describe(LineState, Locale)}),
	 * what already shipped, that it waits to ship with the rest when the customer asked
	 * to ship everything together ("In stock; ships together with the rest once
	 * everything is here, expected Jan 12–15."), and what replaced it.
	 * @param order the order, for its ship preference and its other lines
	 * @param line one of its lines
	 * @param replacedBy the name of the substitute the customer accepted instead of the
	 * line's waiting units, if any
	 * @param locale the reader's language
	 * @return one or more sentences
	 */
	public String describe(OrderView order, OrderLineView line, @Nullable String replacedBy, Locale locale) {
		boolean open = line.allocated() + line.waiting() > 0;
		String state;
		if (replacedBy != null && !open) {
			state = text(locale, "line.replaced", replacedBy);
		}
		else {
			state = describe(line.state(), locale);
			Together together = together(order);
			if (together != null && open) {
				EtaWindow window = together.window();
				String key = (line.waiting() == 0) ? "line.together.ready" : "line.together.waits";
				String after = (window != null) ? text(locale, key, window(window, locale))
						: text(locale, key + "Undated");
				state = (line.waiting() == 0) ? after : state + " " + after;
			}
			if (replacedBy != null && line.cancelled() > 0) {
				state = state + " " + text(locale, "line.partlyReplaced", line.cancelled(), replacedBy);
			}
		}
		if (line.shipped() > 0 && line.status() != LineStatus.SHIPPED) {
			state = text(locale, "line.alreadyShipped", line.shipped()) + " " + state;
		}
		return state;
	}

	/**
	 * Whether an order's units wait for each other: the customer asked to ship everything
	 * together, and some open unit is still waiting for supply.
	 * @param order the order
	 * @return when everything can ship, or {@code null} when the order ships what is
	 * ready (or nothing waits any more)
	 */
	public @Nullable Together together(OrderView order) {
		if (order.shipPreference() != ShipPreference.SHIP_COMPLETE) {
			return null;
		}
		@Nullable LocalDate earliest = null;
		@Nullable LocalDate latest = null;
		boolean waiting = false;
		boolean undated = false;
		for (OrderLineView line : order.lines()) {
			if (line.waiting() == 0) {
				continue;
			}
			waiting = true;
			EtaWindow eta = line.eta();
			if (line.unscheduled() > 0 || eta == null) {
				undated = true;
				continue;
			}
			// everything arrives by the latest of the latest dates, no earlier than the
			// latest of the earliest
			earliest = (earliest == null || eta.earliest().isAfter(earliest)) ? eta.earliest() : earliest;
			latest = (latest == null || eta.latest().isAfter(latest)) ? eta.latest() : latest;
		}
		if (!waiting) {
			return null;
		}
		return new Together((undated || earliest == null || latest == null) ? null : new EtaWindow(earliest, latest));
	}

	/**
	 * An order that ships complete, and when everything in it can be here.
	 *
	 * @param window from the latest of its waiting units' earliest dates to the latest of
	 * their latest dates; {@code null} when a waiting unit has no date yet
	 */
	public record Together(@Nullable EtaWindow window) {
	}

	/**
	 * A line's badge, in two or three words: a cancelled line that a substitute replaced
	 * says "Replaced".
	 * @param line the line
	 * @param replaced whether a substitute the customer accepted replaced its waiting
	 * units
	 * @param locale the reader's language
	 * @return the badge text
	 */
	public String badge(OrderLineView line, boolean replaced, Locale locale) {
		return (replaced && line.status() == LineStatus.CANCELLED) ? text(locale, "badge.REPLACED")
				: badge(line.status(), locale);
	}

	/**
	 * The status in two or three words: "In stock", "Backordered".
	 * @param status the status
	 * @param locale the reader's language
	 * @return the badge text
	 */
	public String badge(LineStatus status, Locale locale) {
		return text(locale, "badge." + status.name());
	}

	/**
	 * The family of a line status, for styling its badge; the text carries the meaning.
	 * @param status the status
	 * @return {@code ready}, {@code waiting}, {@code none}, {@code done} or
	 * {@code cancelled}
	 */
	public static String badgeKind(LineStatus status) {
		return switch (status) {
			case ALLOCATED -> "ready";
			case PARTIALLY_ALLOCATED, BACKORDERED -> "waiting";
			case OUT_OF_STOCK -> "none";
			case SHIPPED -> "done";
			case CANCELLED -> "cancelled";
		};
	}

	/**
	 * A delivery window: "Jan 12–15", "Dec 30 – Jan 4", "Jan 12–15, 2028"; in German
	 * "12.–15. Jan.". The shapes come from the {@code format.*} patterns of the reader's
	 * language.
	 * @param window the window
	 * @param locale the reader's language
	 * @return the window in words
	 */
	public String window(EtaWindow window, Locale locale) {
		Formats format = formats(locale);
		LocalDate earliest = window.earliest();
		LocalDate latest = window.latest();
		if (earliest.equals(latest)) {
			return date(earliest, locale);
		}
		if (earliest.getYear() != latest.getYear()) {
			// crossing New Year: the months already say which year is meant
			return text(locale, "format.range.wide", format.monthDay().format(earliest),
					format.monthDay().format(latest));
		}
		if (earliest.getMonth() == latest.getMonth()) {
			return text(locale, "format.range", format.sameMonthFirst().format(earliest),
					format.sameMonthLast().format(latest)) + year(latest, format);
		}
		return text(locale, "format.range.wide", format.monthDay().format(earliest), format.monthDay().format(latest))
				+ year(latest, format);
	}

	/**
	 * A day: "Jan 12", or "Jan 12, 2028" when it is not this year.
	 * @param date a shop-zone date
	 * @param locale the reader's language
	 * @return the date in words
	 */
	public String date(LocalDate date, Locale locale) {
		Formats format = formats(locale);
		return format.monthDay().format(date) + year(date, format);
	}

	/**
	 * An amount of money as the reader writes it: "€19.99" in English, "19,99 €" in
	 * German.
	 * @param cents the amount in the currency's minor unit
	 * @param currency ISO 4217 code
	 * @param locale the reader's language
	 * @return the amount in words
	 */
	public String money(long cents, String currency, Locale locale) {
		Currency unit = Currency.getInstance(currency);
		int digits = Math.max(0, unit.getDefaultFractionDigits());
		NumberFormat format = NumberFormat.getCurrencyInstance(locale);
		format.setCurrency(unit);
		format.setMinimumFractionDigits(digits);
		format.setMaximumFractionDigits(digits);
		return format.format(BigDecimal.valueOf(cents, digits));
	}

	/**
	 * A moment in the shop's zone, with the zone: "Jan 12, 14:05 CET".
	 * @param instant the moment
	 * @param locale the reader's language
	 * @return the moment in words
	 */
	public String moment(Instant instant, Locale locale) {
		Formats format = formats(locale);
		LocalDate date = LocalDate.ofInstant(instant, this.clock.getZone());
		return date(date, locale) + format.time().format(instant.atZone(this.clock.getZone()));
	}

	/**
	 * Today in the shop's zone.
	 * @return the date
	 */
	public LocalDate today() {
		return LocalDate.now(this.clock);
	}

	private String year(LocalDate date, Formats format) {
		return (date.getYear() != today().getYear()) ? format.year().format(date) : "";
	}

	private Formats formats(Locale locale) {
		return this.formats.computeIfAbsent(locale,
				(key) -> new Formats(pattern(key, "format.monthDay"), pattern(key, "format.sameMonth.first"),
						pattern(key, "format.sameMonth.last"), pattern(key, "format.year"),
						pattern(key, "format.time")));
	}

	private DateTimeFormatter pattern(Locale locale, String key) {
		return DateTimeFormatter.ofPattern(text(locale, key), locale);
	}

	private String text(Locale locale, String key, Object... args) {
		return this.messages.getMessage(key, args, locale);
	}

	/** The date patterns of one language. */
	private record Formats(DateTimeFormatter monthDay, DateTimeFormatter sameMonthFirst,
			DateTimeFormatter sameMonthLast, DateTimeFormatter year, DateTimeFormatter time) {
	}

	/**
	 * The reader's language, English when none is known.
	 * @param locale a request's or order's locale, if any
	 * @return the locale to write in
	 */
	public static Locale orEnglish(@Nullable Locale locale) {
		return (locale != null) ? locale : Locale.ENGLISH;
	}

}
