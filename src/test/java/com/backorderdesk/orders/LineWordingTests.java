package com.backorderdesk.orders;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Locale;

import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

import com.backorderdesk.allocation.EtaWindow;
import com.backorderdesk.language.Languages;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The one wording of lines, dates and money, in English and German: the shapes of windows
 * in each language, the shop's zone on moments, an order shipped complete on every line,
 * and a line a substitute replaced.
 */
class LineWordingTests {

	private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-01-05T10:00:00Z"), ZoneId.of("Europe/Berlin"));

	private final LineWording wording = new LineWording(Languages.messages("messages"), CLOCK);

	@Test
	void whenAWindowIsWrittenThenEachLanguageHasItsOwnShape() {
		EtaWindow sameMonth = new EtaWindow(LocalDate.of(2026, 1, 12), LocalDate.of(2026, 1, 15));
		EtaWindow twoMonths = new EtaWindow(LocalDate.of(2026, 1, 30), LocalDate.of(2026, 2, 3));
		EtaWindow nextYear = new EtaWindow(LocalDate.of(2027, 3, 2), LocalDate.of(2027, 3, 4));
		assertThat(this.wording.window(sameMonth, Locale.ENGLISH)).isEqualTo("Jan 12\u201315");
		assertThat(this.wording.window(sameMonth, Locale.GERMAN)).isEqualTo("12.\u201315. Jan.");
		assertThat(this.wording.window(twoMonths, Locale.ENGLISH)).isEqualTo("Jan 30 \u2013 Feb 3");
		assertThat(this.wording.window(twoMonths, Locale.GERMAN)).isEqualTo("30. Jan. \u2013 3. Feb.");
		assertThat(this.wording.window(nextYear, Locale.ENGLISH)).isEqualTo("Mar 2\u20134, 2027");
		assertThat(this.wording.window(nextYear, Locale.GERMAN)).isEqualTo("2.\u20134. M\u00e4rz 2027");
	}

	@Test
	void whenAMomentIsWrittenThenItIsInTheShopsZoneWithTheZone() {
		Instant instant = Instant.parse("2026-01-12T13:05:00Z");
		assertThat(this.wording.moment(instant, Locale.ENGLISH)).isEqualTo("Jan 12, 14:05 CET");
		assertThat(this.wording.moment(instant, Locale.GERMAN)).isEqualTo("12. Jan., 14:05 MEZ");
	}

	@Test
	void whenMoneyIsWrittenThenAsTheReaderWritesIt() {
		assertThat(this.wording.money(123456, "EUR", Locale.ENGLISH)).isEqualTo("\u20ac1,234.56");
		assertThat(this.wording.money(123456, "EUR", Locale.GERMAN)).isEqualTo("1.234,56\u00a0\u20ac");
		assertThat(this.wording.money(1500, "JPY", Locale.ENGLISH)).isEqualTo("\u00a51,500");
	}

	@Test
	void whenTheCustomerAsksToShipEverythingTogetherThenEveryOpenLineSaysSoWithTheLastWindow() {
		EtaWindow chair = new EtaWindow(LocalDate.of(2026, 1, 12), LocalDate.of(2026, 1, 15));
		OrderLineView lamp = line(1, "Arc Lamp", 1, 1, 0, 0, null);
		OrderLineView waiting = line(2, "Task Chair", 2, 0, 2, 0, chair);
		OrderView together = order(ShipPreference.SHIP_COMPLETE, lamp, waiting);
		assertThat(this.wording.describe(together, lamp, null, Locale.ENGLISH)).isEqualTo(
				"In stock; ships together with the rest once everything is here \u2014 expected Jan 12\u201315.");
		assertThat(this.wording.describe(together, waiting, null, Locale.ENGLISH))
			.isEqualTo("Backordered, arrives between Jan 12 and Jan 15. "
					+ "Ships together with the rest once everything is here \u2014 expected Jan 12\u201315.");
		assertThat(this.wording.describe(together, lamp, null, Locale.GERMAN)).isEqualTo(
				"Auf Lager; wird mit dem Rest versandt, sobald alles da ist \u2014 voraussichtlich 12.\u201315. Jan.");
		OrderView whenReady = order(ShipPreference.SHIP_WHEN_READY, lamp, waiting);
		assertThat(this.wording.describe(whenReady, lamp, null, Locale.ENGLISH)).isEqualTo("In stock, being prepared.");
		OrderLineView undated = line(3, "Kettle", 1, 0, 0, 0, null);
		assertThat(this.wording.together(order(ShipPreference.SHIP_COMPLETE, lamp, waiting, undated)))
			.isEqualTo(new LineWording.Together(null));
	}

	@Test
	void whenASubstituteReplacedTheWaitingUnitsThenTheLineSaysByWhatNotCancelled() {
		OrderLineView replaced = line(1, "Retro Kettle", 1, 0, 0, 1, null);
		OrderView order = order(ShipPreference.SHIP_WHEN_READY, replaced);
		assertThat(this.wording.describe(order, replaced, "Classic Whistling Kettle", Locale.ENGLISH))
			.isEqualTo("Replaced by Classic Whistling Kettle.");
		assertThat(this.wording.badge(replaced, true, Locale.ENGLISH)).isEqualTo("Replaced");
		assertThat(this.wording.badge(replaced, false, Locale.ENGLISH)).isEqualTo("Cancelled");
		OrderLineView partly = line(2, "Retro Kettle", 3, 1, 0, 2, null);
		assertThat(this.wording.describe(order(ShipPreference.SHIP_WHEN_READY, partly), partly, "Classic Kettle",
				Locale.ENGLISH))
			.isEqualTo("In stock, being prepared. 2 replaced by Classic Kettle.");
	}

	private static OrderLineView line(long id, String name, int quantity, int allocated, int scheduled, int cancelled,
			@Nullable EtaWindow eta) {
		int open = quantity - cancelled;
		return new OrderLineView(id, (int) id, "SKU-" + id, name, quantity, allocated, scheduled,
				open - allocated - scheduled, 0, cancelled, LineStatus.of(open, allocated, scheduled, 0), eta, null,
				null, null, 1999, "EUR", 0, 0);
	}

	private static OrderView order(ShipPreference ship, OrderLineView... lines) {
		return new OrderView(1, "BO-1", "ada@example.com", "Ada", Instant.parse("2026-01-02T09:00:00Z"), ship,
				EmailPreference.EVERY_UPDATE, 0, 0, OrderPriority.NORMAL, Instant.parse("2026-01-02T09:00:00Z"),
				List.of(lines), null);
	}

}
