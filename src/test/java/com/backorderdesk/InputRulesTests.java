package com.backorderdesk;

import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * The bounds every entry point applies: what they accept, and that a refusal names the
 * field.
 */
class InputRulesTests {

	private static final LocalDate TODAY = LocalDate.of(2026, 3, 10);

	@ParameterizedTest
	@ValueSource(
			strings = { "ada@example.com", "a.b+tag@sub.example.co.uk", "x@localhost", "\"quoted name\"@example.com" })
	void addressesTheMailerAcceptsAreAccepted(String address) {
		assertThat(InputRules.email("email", "  " + address + " ")).isEqualTo(address);
	}

	@ParameterizedTest
	@ValueSource(strings = { "", "not an email", "ada@", "@example.com", "ada@@example.com", "ada@exa mple.com",
			"Ada <ada@example.com>", "ada@example.com, bob@example.com", "group: ada@example.com;",
			"ada@example.com\u0000", "ada\u0001@example.com" })
	void addressesTheMailerWouldRefuseAreRefused(String address) {
		assertThatExceptionOfType(InvalidValueException.class)
			.isThrownBy(() -> InputRules.email("customer.email", address))
			.satisfies((ex) -> assertThat(ex.getField()).isEqualTo("customer.email"));
	}

	@Test
	void addressesLongerThanTheStandardAllowsAreRefused() {
		String local = "l".repeat(65);
		assertThatExceptionOfType(InvalidValueException.class)
			.isThrownBy(() -> InputRules.email("email", local + "@example.com"));
		String domain = "d".repeat(63) + "." + "e".repeat(63) + "." + "f".repeat(63) + "." + "g".repeat(60) + ".com";
		assertThatExceptionOfType(InvalidValueException.class)
			.isThrownBy(() -> InputRules.email("email", "ada@" + domain));
	}

	@Test
	void textIsStrippedAndMayNotHoldControlCharacters() {
		assertThat(InputRules.text("name", "  Teapot  ", 1, 200)).isEqualTo("Teapot");
		assertThat(InputRules.text("note", null, 0, 10)).isEmpty();
		for (String bad : new String[] { "a\u0000b", "line\nbreak", "tab\there", "\u007f" }) {
			assertThatExceptionOfType(InvalidValueException.class)
				.isThrownBy(() -> InputRules.text("name", bad, 1, 200))
				.satisfies((ex) -> assertThat(ex.getField()).isEqualTo("name"));
		}
		assertThatExceptionOfType(InvalidValueException.class).isThrownBy(() -> InputRules.text("name", " ", 1, 200));
		assertThatExceptionOfType(InvalidValueException.class)
			.isThrownBy(() -> InputRules.text("name", "x".repeat(201), 1, 200));
	}

	@Test
	void textMayHoldCharactersBeyondTheBasicPlaneButNotHalfOfOne() {
		assertThat(InputRules.text("name", "Tea \ud83c\udf75", 1, 200)).isEqualTo("Tea \ud83c\udf75");
		assertThat(InputRules.paragraphs("note", "Tea\n\ud83c\udf75", 1, 200)).isEqualTo("Tea\n\ud83c\udf75");
		for (String bad : new String[] { "Ada\ud800", "\udfffAda", "A\udf75\ud83c" }) {
			assertThatExceptionOfType(InvalidValueException.class)
				.isThrownBy(() -> InputRules.text("name", bad, 1, 200))
				.satisfies((ex) -> assertThat(ex.getField()).isEqualTo("name"));
			assertThatExceptionOfType(InvalidValueException.class)
				.isThrownBy(() -> InputRules.paragraphs("note", bad, 1, 200));
		}
	}

	@Test
	void textMayBeWrittenRightToLeftButMayNotTurnTheDirectionOfWhatFollows() {
		assertThat(InputRules.text("name", "\u05e9\u05dc\u05d5\u05dd Tea \u200f", 1, 200)).startsWith("\u05e9");
		for (String bad : new String[] { "\u202eevil", "Acme\u202a", "a\u2066b\u2069", "\u2068x" }) {
			assertThatExceptionOfType(InvalidValueException.class)
				.isThrownBy(() -> InputRules.text("supplier", bad, 1, 200))
				.satisfies((ex) -> assertThat(ex.getField()).isEqualTo("supplier"))
				.withMessageContaining("direction");
			assertThatExceptionOfType(InvalidValueException.class)
				.isThrownBy(() -> InputRules.paragraphs("note", bad, 1, 200));
		}
	}

	@Test
	void aWebAddressMayHoldCharactersBeyondTheBasicPlaneButNotHalfOfOne() {
		assertThat(InputRules.webAddress("url", "https://erp.example.com/h\ud83c\udf75", 2000))
			.isEqualTo("https://erp.example.com/h\ud83c\udf75");
		for (String bad : new String[] { "https://erp.example.com/h\ud800", "https://erp.example.com/\udfffh" }) {
			assertThatExceptionOfType(InvalidValueException.class)
				.isThrownBy(() -> InputRules.webAddress("url", bad, 2000))
				.satisfies((ex) -> assertThat(ex.getField()).isEqualTo("url"));
		}
	}

	@Test
	void paragraphsKeepLineBreaksButNotOtherControlCharacters() {
		assertThat(InputRules.paragraphs("body", "first\r\nsecond\tthird", 1, 100)).isEqualTo("first\r\nsecond\tthird");
		assertThatExceptionOfType(InvalidValueException.class)
			.isThrownBy(() -> InputRules.paragraphs("body", "a\u0000b", 1, 100));
	}

	@Test
	void identifiersAreWhatTheDatabaseTakes() {
		assertThat(InputRules.isIdentifier("BO-1001")).isTrue();
		assertThat(InputRules.isIdentifier("{0}")).isFalse();
		assertThat(InputRules.isIdentifier("a\u0000")).isFalse();
		assertThat(InputRules.isIdentifier("x".repeat(65))).isFalse();
		assertThat(InputRules.isIdentifier(null)).isFalse();
		assertThatExceptionOfType(InvalidValueException.class)
			.isThrownBy(() -> InputRules.identifier("lines[1].sku", "-starts-with-dash"))
			.satisfies((ex) -> assertThat(ex.getField()).isEqualTo("lines[1].sku"));
	}

	@Test
	void unitsAndCentsStayWithinTheirBounds() {
		assertThat(InputRules.units("quantity", InputRules.MAX_LINE_QUANTITY, 1, InputRules.MAX_LINE_QUANTITY))
			.isEqualTo(1_000_000);
		assertThatExceptionOfType(InvalidValueException.class)
			.isThrownBy(() -> InputRules.units("quantity", 1_000_001, 1, InputRules.MAX_LINE_QUANTITY))
			.withMessage("Enter a whole number from 1 to 1,000,000.");
		assertThatExceptionOfType(InvalidValueException.class)
			.isThrownBy(() -> InputRules.units("quantity", 0, 1, InputRules.MAX_LINE_QUANTITY));
		assertThat(InputRules.cents("priceCents", 10_000_000_000L)).isEqualTo(10_000_000_000L);
		assertThatExceptionOfType(InvalidValueException.class)
			.isThrownBy(() -> InputRules.cents("priceCents", 99_999_999_999_999_999L));
		assertThatExceptionOfType(InvalidValueException.class).isThrownBy(() -> InputRules.cents("priceCents", -1));
		assertThat(InputRules.centsDifference("difference", -30_000_000_000L, 3)).isEqualTo(-30_000_000_000L);
		assertThatExceptionOfType(InvalidValueException.class)
			.isThrownBy(() -> InputRules.centsDifference("difference", 30_000_000_001L, 3));
	}

	@Test
	void expectedDatesRunFromTodayToFiveYearsAhead() {
		assertThat(InputRules.expectedDate("expectedOn", TODAY, TODAY)).isEqualTo(TODAY);
		assertThat(InputRules.expectedDate("expectedOn", TODAY.plusYears(5), TODAY)).isEqualTo(TODAY.plusYears(5));
		for (LocalDate bad : new LocalDate[] { TODAY.minusDays(1), TODAY.plusYears(5).plusDays(1),
				LocalDate.of(9999, 12, 30), LocalDate.of(0, 1, 1) }) {
			assertThatExceptionOfType(InvalidValueException.class)
				.isThrownBy(() -> InputRules.expectedDate("expectedOn", bad, TODAY))
				.satisfies((ex) -> assertThat(ex.getField()).isEqualTo("expectedOn"));
		}
	}

	@Test
	void pastDatesAndMomentsLieWithinTheLastTenYears() {
		assertThat(InputRules.pastDate("receivedOn", TODAY, TODAY)).isEqualTo(TODAY);
		assertThatExceptionOfType(InvalidValueException.class)
			.isThrownBy(() -> InputRules.pastDate("receivedOn", TODAY.plusDays(1), TODAY));
		assertThatExceptionOfType(InvalidValueException.class)
			.isThrownBy(() -> InputRules.pastDate("receivedOn", TODAY.minusYears(11), TODAY));
		Instant now = Instant.parse("2026-03-10T12:00:00Z");
		assertThat(InputRules.pastMoment("placedAt", now.minus(30, ChronoUnit.DAYS), now)).isBefore(now);
		assertThatExceptionOfType(InvalidValueException.class)
			.isThrownBy(() -> InputRules.pastMoment("placedAt", now.plus(2, ChronoUnit.DAYS), now));
		assertThatExceptionOfType(InvalidValueException.class)
			.isThrownBy(() -> InputRules.pastMoment("placedAt", Instant.parse("0000-01-01T00:00:00Z"), now));
	}

}
