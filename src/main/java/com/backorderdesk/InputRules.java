package com.backorderdesk;

import java.net.URI;
import java.net.URISyntaxException;
import java.text.NumberFormat;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.Locale;
import java.util.regex.Pattern;

import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;
import org.jspecify.annotations.Nullable;

/**
 * The bounds every entry point applies, so the API, the staff pages and the customer
 * pages accept and refuse the same values: services call these checks, and each refusal
 * is an {@link InvalidValueException} naming the field, with a message a person can act
 * on.
 *
 * <p>
 * Lengths match the database's check constraints (migrations V1 to V9); numbers stay far
 * enough inside their column types that sums and products of them cannot overflow
 * ({@value #MAX_CENTS} cents times {@value #MAX_LINE_QUANTITY} units is 10^16, inside a
 * {@code long} and a PostgreSQL {@code bigint}); text never holds control characters,
 * which PostgreSQL refuses ({@code NUL}) or a page cannot show.
 */
public final class InputRules {

	/** The most units one order line, shipment line or substitute offer may hold. */
	public static final int MAX_LINE_QUANTITY = 1_000_000;

	/** The most units one restock may bring. */
	public static final int MAX_RESTOCK_QUANTITY = 10_000_000;

	/**
	 * The most units on hand of one SKU: receipts add to it, and stay far below the
	 * {@code integer} column's limit.
	 */
	public static final int MAX_ON_HAND = 1_000_000_000;

	/** The highest price, or price difference per unit, in cents. */
	public static final long MAX_CENTS = 10_000_000_000L;

	/** The most lines one order or shipment may have. */
	public static final int MAX_LINES = 200;

	/** The most attributes one product may have. */
	public static final int MAX_ATTRIBUTES = 50;

	/** How far ahead a new or changed expected date may lie. */
	public static final int MAX_YEARS_AHEAD = 5;

	/** How far back a date of the past (an order placed, a receipt) may lie. */
	public static final int MAX_YEARS_BACK = 10;

	/** The longest e-mail address (RFC 5321) and its longest local part. */
	public static final int MAX_EMAIL_LENGTH = 254;

	private static final int MAX_EMAIL_LOCAL_PART = 64;

	/** SKUs, order numbers and shipment ids: the database's pattern for them. */
	public static final String IDENTIFIER = "[A-Za-z0-9][A-Za-z0-9._-]{0,63}";

	private static final Pattern IDENTIFIER_PATTERN = Pattern.compile(IDENTIFIER);

	private static final String IDENTIFIER_MESSAGE = "Use 1 to 64 letters, digits, '.', '_' or '-', "
			+ "starting with a letter or digit.";

	private static final String EMAIL_MESSAGE = "Enter an e-mail address like name@example.com.";

	private InputRules() {
	}

	/**
	 * A line of text: stripped, {@code min} to {@code max} characters, no control
	 * characters.
	 * @param field the field, for the refusal
	 * @param value the value as given; {@code null} is empty
	 * @param min the fewest characters, 0 for optional text
	 * @param max the most characters
	 * @return the value, stripped
	 */
	public static String text(String field, @Nullable String value, int min, int max) {
		String text = (value != null) ? value.strip() : "";
		checkLength(field, text, min, max);
		for (int i = 0; i < text.length(); i++) {
			if (Character.isISOControl(text.charAt(i))) {
				throw new InvalidValueException(field,
						"Use letters, digits and punctuation only: no control " + "characters or line breaks.");
			}
		}
		checkWholeCharacters(field, text);
		return text;
	}

	/**
	 * Text that may run over several lines (a note): like {@link #text} but line breaks
	 * and tabs are kept.
	 */
	public static String paragraphs(String field, @Nullable String value, int min, int max) {
		String text = (value != null) ? value.strip() : "";
		checkLength(field, text, min, max);
		for (int i = 0; i < text.length(); i++) {
			char c = text.charAt(i);
			if (Character.isISOControl(c) && c != '\n' && c != '\r' && c != '\t') {
				throw new InvalidValueException(field,
						"Use letters, digits and punctuation only: no control " + "characters.");
			}
		}
		checkWholeCharacters(field, text);
		return text;
	}

	/**
	 * Refuses half of a UTF-16 surrogate pair: JSON can carry one ({@code "\\ud800"}) but
	 * it is no character, and PostgreSQL's driver would store {@code ?} in its place.
	 * Also refuses the invisible controls that turn the direction of the text after them
	 * (embeddings, overrides and isolates, U+202A–U+202E and U+2066–U+2069, Unicode
	 * Standard Annex 9): in a supplier's or customer's name they make staff pages and
	 * e-mails show other text than was typed ("Trojan Source", CVE-2021-42574). Names in
	 * Arabic or Hebrew need none of them; the plain marks U+200E and U+200F stay allowed.
	 */
	private static void checkWholeCharacters(String field, String text) {
		for (int i = 0; i < text.length(); i++) {
			char c = text.charAt(i);
			if ((c >= '\u202a' && c <= '\u202e') || (c >= '\u2066' && c <= '\u2069')) {
				throw new InvalidValueException(field,
						"The text holds an invisible character that turns the direction of what follows " + "(U+"
								+ Integer.toHexString(c).toUpperCase(Locale.ROOT) + "): type it again without it.");
			}
			if (Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
				i++;
			}
			else if (Character.isSurrogate(c)) {
				throw new InvalidValueException(field,
						"The text holds half a character (a broken emoji or symbol): type it again.");
			}
		}
	}

	private static void checkLength(String field, String text, int min, int max) {
		if (text.length() < min || text.length() > max) {
			throw new InvalidValueException(field,
					(min > 0) ? "Enter " + min + " to " + max + " characters." : "Use at most " + max + " characters.");
		}
	}

	/**
	 * A SKU, an order number or a shipment id.
	 * @return the value, unchanged
	 */
	public static String identifier(String field, @Nullable String value) {
		if (value == null || !IDENTIFIER_PATTERN.matcher(value).matches()) {
			throw new InvalidValueException(field, IDENTIFIER_MESSAGE);
		}
		return value;
	}

	/**
	 * Whether a value could be a SKU, an order number or a shipment id: a look-up by
	 * anything else finds nothing.
	 */
	public static boolean isIdentifier(@Nullable String value) {
		return value != null && IDENTIFIER_PATTERN.matcher(value).matches();
	}

	/**
	 * A whole number of units.
	 * @param min the fewest
	 * @param max the most
	 * @return the value
	 */
	public static int units(String field, long value, int min, int max) {
		if (value < min || value > max) {
			throw new InvalidValueException(field,
					"Enter a whole number from " + number(min) + " to " + number(max) + ".");
		}
		return (int) value;
	}

	/**
	 * A price: 0 to {@link #MAX_CENTS} cents.
	 */
	public static long cents(String field, long value) {
		if (value < 0 || value > MAX_CENTS) {
			throw new InvalidValueException(field,
					"Enter an amount from 0 to " + number(MAX_CENTS) + " in cents (the currency's smallest unit).");
		}
		return value;
	}

	/**
	 * A difference in price for some units, each differing by at most {@link #MAX_CENTS}
	 * either way.
	 * @param units how many units the difference is for, at least 1
	 */
	public static long centsDifference(String field, long value, int units) {
		long bound = Math.multiplyExact(MAX_CENTS, Math.max(1, units));
		if (value < -bound || value > bound) {
			throw new InvalidValueException(field,
					"Enter a difference of at most " + number(MAX_CENTS) + " cents per unit, more or less.");
		}
		return value;
	}

	/**
	 * A new or changed expected date: from today to {@link #MAX_YEARS_AHEAD} years ahead.
	 * @param today today in the shop's zone
	 */
	public static LocalDate expectedDate(String field, LocalDate value, LocalDate today) {
		return within(field, value, today, today.plusYears(MAX_YEARS_AHEAD), "The date cannot be before today.",
				"The date can be at most " + MAX_YEARS_AHEAD + " years ahead, until ");
	}

	/**
	 * A date that has happened: from {@link #MAX_YEARS_BACK} years ago to today.
	 * @param today today in the shop's zone
	 */
	public static LocalDate pastDate(String field, LocalDate value, LocalDate today) {
		LocalDate earliest = today.minusYears(MAX_YEARS_BACK);
		return within(field, value, earliest, today,
				"The date can be at most " + MAX_YEARS_BACK + " years ago, from " + earliest + ".",
				"The date cannot be in the future, after ");
	}

	private static LocalDate within(String field, LocalDate value, LocalDate earliest, LocalDate latest,
			String tooEarly, String tooLate) {
		if (value.isBefore(earliest)) {
			throw new InvalidValueException(field, tooEarly);
		}
		if (value.isAfter(latest)) {
			throw new InvalidValueException(field, tooLate + latest + ".");
		}
		return value;
	}

	/** The earliest moment a "changed since" filter may name. */
	static final Instant EARLIEST_SINCE = Instant.parse("1970-01-01T00:00:00Z");

	/** The latest: the last moment of year 9999, well inside what PostgreSQL stores. */
	static final Instant LATEST_SINCE = Instant.parse("9999-12-31T23:59:59Z");

	/**
	 * A "changed at or after" filter: any moment from 1970 to the end of year 9999, so a
	 * number read as seconds since 1970 that lands in year 3,000,000 is refused rather
	 * than failing in the database.
	 * @param value the filter, or {@code null} for none
	 * @return the value
	 * @throws InvalidValueException naming the field when it is out of that range
	 */
	public static @Nullable Instant since(String field, @Nullable Instant value) {
		if (value != null && (value.isBefore(EARLIEST_SINCE) || value.isAfter(LATEST_SINCE))) {
			throw new InvalidValueException(field, "The time must lie between 1970 and the end of year 9999.");
		}
		return value;
	}

	/**
	 * A moment that has happened: from {@link #MAX_YEARS_BACK} years ago to a day from
	 * now (clocks of other systems run a little ahead).
	 * @param now the current moment
	 */
	public static Instant pastMoment(String field, Instant value, Instant now) {
		if (value.isAfter(now.plus(1, ChronoUnit.DAYS))
				|| value.isBefore(now.minus(MAX_YEARS_BACK * 366L, ChronoUnit.DAYS))) {
			throw new InvalidValueException(field,
					"The time must lie within the last " + MAX_YEARS_BACK + " years, not in the future.");
		}
		return value;
	}

	/**
	 * An e-mail address as the mailer will parse it: one plain address that
	 * {@link InternetAddress#InternetAddress(String, boolean) InternetAddress} accepts in
	 * strict mode, without a display name, at most {@value #MAX_EMAIL_LENGTH} characters
	 * with a local part of at most 64.
	 * @return the address, stripped
	 */
	public static String email(String field, @Nullable String value) {
		String address = (value != null) ? value.strip() : "";
		int at = address.lastIndexOf('@');
		if (address.length() < 3 || address.length() > MAX_EMAIL_LENGTH || at < 1 || at > MAX_EMAIL_LOCAL_PART
				|| address.chars().anyMatch(Character::isISOControl)) {
			throw new InvalidValueException(field, EMAIL_MESSAGE);
		}
		try {
			InternetAddress parsed = new InternetAddress(address, true);
			if (parsed.isGroup() || parsed.getPersonal() != null || !address.equals(parsed.getAddress())) {
				throw new InvalidValueException(field, EMAIL_MESSAGE);
			}
		}
		catch (AddressException ex) {
			throw new InvalidValueException(field, EMAIL_MESSAGE);
		}
		return address;
	}

	/**
	 * An address on the web that people or systems are sent to: absolute, {@code https}
	 * or {@code http}, with a host and no user name or password in it, without spaces or
	 * control characters, at most {@code max} characters.
	 * @return the address, stripped
	 */
	public static String webAddress(String field, @Nullable String value, int max) {
		String address = (value != null) ? value.strip() : "";
		String message = "Enter an address like https://example.com/path, of at most " + number(max) + " characters.";
		if (address.isEmpty() || address.length() > max
				|| address.chars().anyMatch((c) -> Character.isISOControl(c) || Character.isWhitespace(c))) {
			throw new InvalidValueException(field, message);
		}
		// a URL may hold non-ASCII text (an IRI), and so half a character as any text may
		checkWholeCharacters(field, address);
		try {
			URI uri = new URI(address);
			String scheme = (uri.getScheme() != null) ? uri.getScheme().toLowerCase(Locale.ROOT) : "";
			if (!(scheme.equals("https") || scheme.equals("http")) || uri.getHost() == null
					|| uri.getRawUserInfo() != null || uri.isOpaque()) {
				throw new InvalidValueException(field, message);
			}
		}
		catch (URISyntaxException ex) {
			throw new InvalidValueException(field, message);
		}
		return address;
	}

	private static String number(long value) {
		return NumberFormat.getIntegerInstance(Locale.ENGLISH).format(value);
	}

}
