package com.backorderdesk.staff.dashboard;

import java.text.NumberFormat;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.Currency;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;

import com.backorderdesk.allocation.EtaWindow;
import com.backorderdesk.inventory.InventoryService;
import com.backorderdesk.inventory.SupplierReliability;
import com.backorderdesk.inventory.SupplierTerms;
import com.backorderdesk.orders.BacklogReport;
import com.backorderdesk.staff.BarChart;
import org.springframework.context.MessageSource;
import org.springframework.stereotype.Component;

/**
 * Reads the dashboard's figures from the modules that own them and lays them out for the
 * page. The queries run side by side; nothing here touches a table.
 */
@Component
class Dashboards {

	private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss", Locale.ENGLISH);

	private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("MMM d", Locale.ENGLISH);

	private static final DateTimeFormatter MOMENT = DateTimeFormatter.ofPattern("MMM d, HH:mm", Locale.ENGLISH);

	private final BacklogReport backlog;

	private final InventoryService inventory;

	private final DashboardSettings settings;

	private final Clock clock;

	private final MessageSource messages;

	Dashboards(BacklogReport backlog, InventoryService inventory, DashboardSettings settings, MessageSource messages,
			Clock clock) {
		this.messages = messages;
		this.backlog = backlog;
		this.inventory = inventory;
		this.settings = settings;
		this.clock = clock;
	}

	/**
	 * Reads every figure the dashboard shows.
	 * @param locale the reader's locale, for the words in the charts
	 * @return the dashboard
	 */
	Mono<Dashboard> load(Locale locale) {
		Instant now = this.clock.instant();
		LocalDate today = LocalDate.now(this.clock);
		Instant demandSince = now.minus(Duration.ofDays(this.settings.demandDays()));
		Instant slipSince = now.minus(Duration.ofDays(this.settings.slipDays()));
		return Mono
			.zip(this.backlog.summary(), this.backlog.aging(today, this.clock.getZone()), purchases(demandSince),
					this.backlog.slips(slipSince, 20), supplierReliability(),
					this.backlog.waitlists(this.settings.waitlistAlert()))
			.map((figures) -> {
				List<Dashboard.AgeRow> aging = figures.getT2()
					.stream()
					.map((bucket) -> ageRow(bucket, locale))
					.toList();
				List<Dashboard.Purchase> purchases = figures.getT3();
				List<Dashboard.SupplierRow> suppliers = figures.getT5().stream().map(Dashboards::supplierRow).toList();
				return new Dashboard(TIME.format(now.atZone(this.clock.getZone())), figures.getT1(),
						value(figures.getT1().valueCents()), agingChart(aging, locale), aging,
						shortfallChart(purchases, locale), purchases, slips(figures.getT4()),
						suppliersChart(suppliers, locale), suppliers, figures.getT6(), this.settings);
			});
	}

	/** The shortfalls, each with a purchase on its supplier's terms. */
	private Mono<List<Dashboard.Purchase>> purchases(Instant demandSince) {
		return this.backlog.shortfalls(demandSince, this.settings.topSkus())
			.flatMap((shortfalls) -> this.inventory
				.supplierTerms(shortfalls.stream().map(BacklogReport.Shortfall::sku).toList())
				.map((terms) -> shortfalls.stream()
					.map((shortfall) -> purchase(shortfall, terms.get(shortfall.sku())))
					.toList()));
	}

	/**
	 * Suppliers' delivery records. The inventory module owns receipts and this figure;
	 * this is the one place the dashboard asks for it.
	 */
	private Mono<List<SupplierReliability>> supplierReliability() {
		return this.inventory.supplierReliability();
	}

	/**
	 * The rule the page explains: the shortfall and the waitlist, plus the units expected
	 * to be ordered while the purchase is on its way (recent daily demand times the
	 * supplier's own lead time, or the configured one before its first receipt), rounded
	 * up, and never less than the supplier's minimum order quantity.
	 */
	Dashboard.Purchase purchase(BacklogReport.Shortfall shortfall, @Nullable SupplierTerms terms) {
		Integer measured = (terms != null) ? terms.leadTimeDays() : null;
		int leadTime = (measured != null) ? Math.max(0, measured) : this.settings.leadTimeDays();
		long expected = (long) Math.ceil((double) shortfall.recentlyOrdered() * leadTime / this.settings.demandDays());
		long suggested = shortfall.units() + shortfall.waitlist() + expected;
		Integer minimum = (terms != null) ? terms.minimumOrderQuantity() : null;
		if (minimum != null && suggested < minimum) {
			suggested = minimum;
		}
		return new Dashboard.Purchase(shortfall, expected, suggested, leadTime, measured != null,
				(terms != null) ? terms.supplier() : "", minimum);
	}

	private Dashboard.AgeRow ageRow(BacklogReport.AgeBucket bucket, Locale locale) {
		Integer to = bucket.toDays();
		String label = (to != null) ? text(locale, "staff.dashboard.age", bucket.fromDays(), to)
				: text(locale, "staff.dashboard.ageOver", bucket.fromDays() - 1);
		return new Dashboard.AgeRow(label, bucket.lines(), bucket.units());
	}

	private static Dashboard.SupplierRow supplierRow(SupplierReliability supplier) {
		return new Dashboard.SupplierRow(supplier.supplier(), supplier.received(), supplier.onTime(),
				Math.round(supplier.onTimeShare() * 100),
				String.format(Locale.ENGLISH, "%.1f", supplier.averageDaysLate()));
	}

	private BarChart agingChart(List<Dashboard.AgeRow> rows, Locale locale) {
		return BarChart.of(rows.stream().map(Dashboard.AgeRow::label).toList(),
				rows.stream().map((row) -> (double) row.lines()).toList(),
				rows.stream().map((row) -> text(locale, "staff.dashboard.chart.lines", row.lines())).toList(), 0);
	}

	private BarChart shortfallChart(List<Dashboard.Purchase> purchases, Locale locale) {
		return BarChart.of(purchases.stream().map((purchase) -> purchase.shortfall().sku()).toList(),
				purchases.stream().map((purchase) -> (double) purchase.shortfall().units()).toList(),
				purchases.stream()
					.map((purchase) -> text(locale, "staff.dashboard.chart.units", purchase.shortfall().units()))
					.toList(),
				0);
	}

	private BarChart suppliersChart(List<Dashboard.SupplierRow> suppliers, Locale locale) {
		return BarChart.of(suppliers.stream().map(Dashboard.SupplierRow::supplier).toList(),
				suppliers.stream().map((supplier) -> (double) supplier.onTimePercent()).toList(),
				suppliers.stream()
					.map((supplier) -> text(locale, "staff.dashboard.chart.onTime", supplier.onTimePercent(),
							supplier.averageDaysLate()))
					.toList(),
				100);
	}

	private String text(Locale locale, String key, Object... args) {
		return this.messages.getMessage(key, args, locale);
	}

	private Dashboard.SlipList slips(BacklogReport.Slips slips) {
		return new Dashboard.SlipList(slips.count(),
				slips.latest()
					.stream()
					.map((slip) -> new Dashboard.SlipRow(slip.orderNumber(), slip.sku(), slip.productName(),
							window(slip.before()), window(slip.after()),
							MOMENT.format(slip.changedAt().atZone(this.clock.getZone())), slip.changedAt().toString()))
					.toList());
	}

	private static String window(@Nullable EtaWindow window) {
		if (window == null) {
			return "no date";
		}
		return window.earliest().equals(window.latest()) ? DAY.format(window.earliest())
				: DAY.format(window.earliest()) + " – " + DAY.format(window.latest());
	}

	private static List<String> value(Map<String, Long> cents) {
		return cents.entrySet().stream().map((entry) -> money(entry.getKey(), entry.getValue())).toList();
	}

	private static String money(String currency, long cents) {
		int digits = 2;
		try {
			digits = Math.max(Currency.getInstance(currency).getDefaultFractionDigits(), 0);
		}
		catch (IllegalArgumentException ex) {
			// a code Java does not know: cents, as for most currencies
		}
		NumberFormat format = NumberFormat.getNumberInstance(Locale.ENGLISH);
		format.setMinimumFractionDigits(digits);
		format.setMaximumFractionDigits(digits);
		return currency + " " + format.format(cents / Math.pow(10, digits));
	}

}
