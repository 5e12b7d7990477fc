package com.backorderdesk.promise;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.Set;

import org.jspecify.annotations.Nullable;

import com.backorderdesk.allocation.Allocation;
import com.backorderdesk.allocation.AllocationEngine;
import com.backorderdesk.allocation.Demand;
import com.backorderdesk.allocation.EtaPolicy;
import com.backorderdesk.allocation.EtaWindow;
import com.backorderdesk.allocation.Inbound;
import com.backorderdesk.allocation.LatenessCalibration;
import com.backorderdesk.allocation.SkuPlan;

/**
 * A year of a shop, replayed through the real {@link AllocationEngine} and the real
 * {@link LatenessCalibration}, to tell how often first promised windows hold under the
 * former rule and under the calibrated one, on the same seeds.
 * <p>
 * The shop: 50 SKUs from 10 suppliers, mixed as a shop's suppliers usually are: five
 * punctual, two usually a few days late with a long tail, one with occasional long slips,
 * one that delivers in parts, and one whose dates a planner updates late or never (every
 * other supplier announces a slip three days ahead, and its planner moves the date then).
 * Orders arrive every day, some waiting lines are cancelled, a purchase is placed when a
 * SKU runs short, and parcels usually leave the day after the units are ready, sometimes
 * a day later. The former rule is planned from expected dates alone, as it was; the
 * calibrated one keeps a first promise while it holds. Kept, widths and changes are those
 * of {@link PromiseOutcome}, over lines of orders placed in the measured year. As in the
 * application, a SKU is re-planned when something happens to it (an order, a receipt, a
 * cancellation, a new or moved restock, a shipment), a receipt recalibrates its supplier,
 * and what a customer sees changes only then. Everything random comes from the seed.
 * <p>
 * Run it with {@code bench/promises.sh}, or from the project root:
 *
 * <pre>
 * ./mvnw -q test-compile dependency:build-classpath -Dmdep.outputFile=target/cp.txt &amp;&amp; \
 * java -cp target/classes:target/test-classes:$(cat target/cp.txt) com.backorderdesk.promise.PromiseSimulation
 * </pre>
 *
 * Optional arguments: the first seed (default 1) and how many seeds (default 3).
 */
public final class PromiseSimulation {

	static final int HANDLING_DAYS = 1;

	static final int SHIPPING_DAYS = 3;

	static final int DEFAULT_LATENESS_DAYS = 3;

	/** The application's defaults: backorder.eta.on-time-target and history-half-life. */
	static final int HALF_LIFE_DAYS = 365;

	private static final int DAYS = 365;

	/**
	 * The shop runs this long before the measured year, so suppliers have the delivery
	 * record a shop in business has; its lines are not measured.
	 */
	private static final int HISTORY_DAYS = 180;

	/** Orders keep coming after the measured year, so late lines of its end settle. */
	private static final int SETTLING_DAYS = 90;

	private static final int SKUS_PER_SUPPLIER = 5;

	private static final LocalDate START = LocalDate.of(2025, 1, 1);

	/** The shop's suppliers: most deliver well, a few do not. */
	private static final Behaviour[] SUPPLIERS = { Behaviour.PUNCTUAL, Behaviour.PUNCTUAL, Behaviour.PUNCTUAL,
			Behaviour.PUNCTUAL, Behaviour.PUNCTUAL, Behaviour.FEW_DAYS_LATE, Behaviour.FEW_DAYS_LATE,
			Behaviour.LONG_SLIPS, Behaviour.PARTIAL, Behaviour.LAX_PLANNER };

	private PromiseSimulation() {
	}

	/**
	 * Run both rules on the same seeds and print their figures.
	 * @param args optionally the first seed and the number of seeds
	 */
	public static void main(String[] args) {
		long firstSeed = (args.length > 0) ? Long.parseLong(args[0]) : 1;
		int seeds = (args.length > 1) ? Integer.parseInt(args[1]) : 3;
		Map<String, LatenessCalibration> rules = new LinkedHashMap<>();
		rules.put("current", LatenessCalibration.eightiethPercentile(DEFAULT_LATENESS_DAYS));
		rules.put("calibrated", LatenessCalibration.calibrated(0.95, HALF_LIFE_DAYS, DEFAULT_LATENESS_DAYS));
		System.out.printf(
				"Promise simulation: %d days measured after %d of history, %d suppliers, %d SKUs, " + "seeds %d..%d%n",
				DAYS, HISTORY_DAYS, SUPPLIERS.length, SUPPLIERS.length * SKUS_PER_SUPPLIER, firstSeed,
				firstSeed + seeds - 1);
		Map<String, Figures> overall = new LinkedHashMap<>();
		for (Map.Entry<String, LatenessCalibration> rule : rules.entrySet()) {
			long started = System.nanoTime();
			Map<Behaviour, List<PromiseOutcome>> outcomes = new LinkedHashMap<>();
			for (long seed = firstSeed; seed < firstSeed + seeds; seed++) {
				new Shop(seed, rule.getValue(), rule.getKey().equals("calibrated")).run()
					.forEach((behaviour, lines) -> outcomes.computeIfAbsent(behaviour, (b) -> new ArrayList<>())
						.addAll(lines));
			}
			System.out.printf("%n%s rule (%d ms):%n", rule.getKey(), (System.nanoTime() - started) / 1_000_000);
			List<PromiseOutcome> all = new ArrayList<>();
			for (Behaviour behaviour : Behaviour.values()) {
				List<PromiseOutcome> lines = outcomes.getOrDefault(behaviour, List.of());
				all.addAll(lines);
				System.out.printf("  %-22s %s%n", behaviour.label, Figures.of(lines).describe());
			}
			Figures figures = Figures.of(all);
			System.out.printf("  %-22s %s%n", "all suppliers", figures.describe());
			overall.put(rule.getKey(), figures);
		}
		System.out.println();
		overall.forEach((rule, figures) -> System.out.println(rule + ": " + figures.summary()));
	}

	/** How a supplier delivers, and how its dates are kept. */
	enum Behaviour {

		PUNCTUAL("punctual"), FEW_DAYS_LATE("few days late, long tail"), LONG_SLIPS("occasional long slips"),
		PARTIAL("partial receipts"), LAX_PLANNER("dates updated late/never");

		final String label;

		Behaviour(String label) {
			this.label = label;
		}

		/** Days after the expected date the (first) delivery comes. */
		int lateness(Random random) {
			return switch (this) {
				case PUNCTUAL -> (random.nextInt(100) < 92) ? 0 : 1;
				case FEW_DAYS_LATE -> random.nextInt(3) + (int) Math.floor(-Math.log(1 - random.nextDouble()) * 1.5);
				case LONG_SLIPS -> (random.nextInt(100) < 88) ? random.nextInt(2) : 10 + random.nextInt(21);
				case PARTIAL -> random.nextInt(2);
				case LAX_PLANNER -> 2 + random.nextInt(5);
			};
		}

	}

	/** The measured figures of a set of lines. */
	record Figures(int lines, double kept, double medianWindow, double p90Window, double changesPerLine) {

		static Figures of(List<PromiseOutcome> lines) {
			LocalDate end = LocalDate.MAX;
			int settled = 0;
			int kept = 0;
			long[] widths = new long[lines.size()];
			long changes = 0;
			for (int i = 0; i < lines.size(); i++) {
				PromiseOutcome line = lines.get(i);
				widths[i] = line.windowDays();
				changes += line.changes();
				Boolean held = line.kept(HANDLING_DAYS, SHIPPING_DAYS, end);
				if (held != null) {
					settled++;
					kept += held ? 1 : 0;
				}
			}
			Arrays.sort(widths);
			return new Figures(lines.size(), (settled > 0) ? (double) kept / settled : 0, percentile(widths, 0.5),
					percentile(widths, 0.9), lines.isEmpty() ? 0 : (double) changes / lines.size());
		}

		private static double percentile(long[] sorted, double p) {
			return (sorted.length == 0) ? 0 : sorted[(int) Math.min(sorted.length - 1, Math.floor(p * sorted.length))];
		}

		String describe() {
			return String.format(Locale.ROOT,
					"lines=%-6d kept=%.3f median_window_days=%.0f p90_window_days=%.0f " + "changes_per_line=%.3f",
					this.lines, this.kept, this.medianWindow, this.p90Window, this.changesPerLine);
		}

		String summary() {
			return String.format(Locale.ROOT, "kept=%.3f median_window_days=%.0f changes_per_line=%.3f", this.kept,
					this.medianWindow, this.changesPerLine);
		}

	}

	/** One run: a year of one shop under one rule. */
	static final class Shop {

		private final Random random;

		private final LatenessCalibration rule;

		private final boolean calibrated;

		private final AllocationEngine engine = new AllocationEngine(
				new EtaPolicy(HANDLING_DAYS, SHIPPING_DAYS, DEFAULT_LATENESS_DAYS));

		private final List<Sku> skus = new ArrayList<>();

		private final Behaviour[] suppliers;

		/** Each supplier's receipts, as the rule reads them. */
		private final Map<Integer, List<LatenessCalibration.Receipt>> receipts = new HashMap<>();

		private final Map<Integer, Integer> allowances = new HashMap<>();

		private final List<Restock> restocks = new ArrayList<>();

		private final List<Line> lines = new ArrayList<>();

		private long nextId = 1;

		Shop(long seed, LatenessCalibration rule, boolean calibrated) {
			this.random = new Random(seed);
			this.rule = rule;
			this.calibrated = calibrated;
			this.suppliers = SUPPLIERS;
			for (int s = 0; s < this.suppliers.length; s++) {
				for (int k = 0; k < SKUS_PER_SUPPLIER; k++) {
					this.skus.add(new Sku("SKU-" + s + "-" + k, s, 0.2 + this.random.nextDouble() * 0.8,
							7 + this.random.nextInt(15), this.random.nextInt(6)));
				}
			}
		}

		Map<Behaviour, List<PromiseOutcome>> run() {
			for (int day = 0; day < HISTORY_DAYS + DAYS + SETTLING_DAYS; day++) {
				LocalDate today = START.plusDays(day);
				Set<Sku> touched = new LinkedHashSet<>();
				receive(today, touched);
				updateDates(today, touched);
				if (day < HISTORY_DAYS + DAYS) {
					order(today, day, touched);
				}
				cancel(today, touched);
				purchase(today, touched);
				ship(today, touched);
				plan(today, touched);
			}
			Map<Behaviour, List<PromiseOutcome>> outcomes = new LinkedHashMap<>();
			for (Line line : this.lines) {
				if (line.first != null && line.placedDay >= HISTORY_DAYS && line.placedDay < HISTORY_DAYS + DAYS
						&& line.cancelled == 0) {
					outcomes.computeIfAbsent(this.suppliers[line.sku.supplier], (b) -> new ArrayList<>())
						.add(new PromiseOutcome(line.first, line.readyOn, line.shippedOn, line.changes));
				}
			}
			return outcomes;
		}

		private void receive(LocalDate today, Set<Sku> touched) {
			for (Restock restock : this.restocks) {
				if (restock.open() && !restock.arrivals.isEmpty() && !restock.arrivals.get(0).date.isAfter(today)) {
					Arrival arrival = restock.arrivals.remove(0);
					restock.received += arrival.quantity;
					restock.sku.onHand += arrival.quantity;
					int supplier = restock.sku.supplier;
					List<LatenessCalibration.Receipt> history = this.receipts.computeIfAbsent(supplier,
							(s) -> new ArrayList<>());
					int late = (int) (today.toEpochDay() - restock.promisedOn.toEpochDay());
					if (this.calibrated) {
						// every receipt counts, and the rule blends all suppliers'
						// records
						history.add(new LatenessCalibration.Receipt(late, today));
						this.allowances.put(supplier, this.rule.allowances(this.receipts, today).of(supplier));
					}
					else if (!restock.open()) {
						// the former rule measured restocks received in full, each
						// supplier alone
						history.add(new LatenessCalibration.Receipt(late, today));
						this.allowances.put(supplier,
								this.rule.allowances(Map.of(supplier, history), today).of(supplier));
					}
					touched.add(restock.sku);
					if (this.suppliers[supplier] != Behaviour.LAX_PLANNER && restock.open()
							&& restock.expectedOn.isBefore(restock.arrivals.get(0).date)) {
						// a part is still to come: a diligent planner dates it
						restock.expectedOn = restock.arrivals.get(0).date;
					}
				}
			}
		}

		/**
		 * Suppliers tell a slip a few days ahead; planners date it then, late, or never.
		 */
		private void updateDates(LocalDate today, Set<Sku> touched) {
			for (Restock restock : this.restocks) {
				if (!restock.open() || restock.arrivals.isEmpty()) {
					continue;
				}
				LocalDate next = restock.arrivals.get(0).date;
				if (!next.isAfter(restock.expectedOn)) {
					continue;
				}
				LocalDate told = restock.expectedOn.minusDays(3);
				boolean lax = this.suppliers[restock.sku.supplier] == Behaviour.LAX_PLANNER;
				LocalDate updated = lax ? (restock.laxNever ? null : restock.expectedOn.plusDays(2)) : told;
				if (updated != null && !today.isBefore(updated)) {
					restock.expectedOn = next;
					touched.add(restock.sku);
				}
			}
		}

		private void order(LocalDate today, int day, Set<Sku> touched) {
			for (Sku sku : this.skus) {
				int orders = poisson(sku.rate);
				for (int i = 0; i < orders; i++) {
					int quantity = (this.random.nextInt(100) < 80) ? 1 : 2 + this.random.nextInt(2);
					Instant placedAt = today.atStartOfDay()
						.toInstant(ZoneOffset.UTC)
						.plusSeconds(this.random.nextInt(86_400));
					Line line = new Line(this.nextId++, sku, day, placedAt, quantity);
					this.lines.add(line);
					sku.lines.add(line);
					touched.add(sku);
				}
			}
		}

		private void cancel(LocalDate today, Set<Sku> touched) {
			for (Sku sku : this.skus) {
				for (Line line : sku.lines) {
					if (line.waiting() && this.random.nextInt(1000) < 4) {
						line.cancelled = line.open() - line.allocated;
						touched.add(sku);
					}
				}
			}
		}

		/**
		 * A SKU whose stock and planned supply no longer cover its demand is reordered.
		 */
		private void purchase(LocalDate today, Set<Sku> touched) {
			for (Sku sku : this.skus) {
				long demand = sku.lines.stream().mapToLong(Line::open).sum();
				long supply = sku.onHand + this.restocks.stream()
					.filter((restock) -> restock.sku == sku && restock.open())
					.mapToLong((restock) -> restock.quantity - restock.received)
					.sum();
				if (supply - demand < sku.reorderPoint) {
					int quantity = (int) Math.max(5, Math.ceil(sku.rate * 1.4 * 21));
					Restock restock = new Restock(this.nextId++, sku, quantity, today.plusDays(sku.leadDays));
					Behaviour behaviour = this.suppliers[sku.supplier];
					LocalDate first = restock.expectedOn.plusDays(behaviour.lateness(this.random));
					if (behaviour == Behaviour.PARTIAL && this.random.nextInt(100) < 50) {
						int part = Math.max(1, quantity * (30 + this.random.nextInt(50)) / 100);
						restock.arrivals.add(new Arrival(first, part));
						restock.arrivals.add(new Arrival(first.plusDays(4 + this.random.nextInt(12)), quantity - part));
					}
					else {
						restock.arrivals.add(new Arrival(first, quantity));
					}
					restock.laxNever = this.random.nextBoolean();
					this.restocks.add(restock);
					touched.add(sku);
				}
			}
		}

		/** Ready lines leave the warehouse after the handling days, sometimes later. */
		private void ship(LocalDate today, Set<Sku> touched) {
			for (Sku sku : this.skus) {
				for (Line line : sku.lines) {
					if (line.readyOn != null && line.shippedOn == null && line.open() > 0
							&& !today.isBefore(line.shipsOn)) {
						line.shippedOn = today;
						sku.onHand -= line.allocated;
						line.shipped += line.allocated;
						line.allocated = 0;
						touched.add(sku);
					}
				}
				sku.lines.removeIf((line) -> line.open() == 0);
			}
		}

		private void plan(LocalDate today, Set<Sku> touched) {
			List<SkuPlan> plans = new ArrayList<>();
			Map<Long, Line> byId = new HashMap<>();
			for (Sku sku : touched) {
				List<Inbound> inbound = new ArrayList<>();
				for (Restock restock : this.restocks) {
					if (restock.sku == sku && restock.open()) {
						inbound.add(new Inbound(restock.id, restock.expectedOn, restock.quantity - restock.received,
								this.allowances.get(sku.supplier), this.calibrated ? restock.promisedOn : null));
					}
				}
				List<Demand> demand = new ArrayList<>();
				for (Line line : sku.lines) {
					byId.put(line.id, line);
					demand.add(new Demand(line.id, 100, line.placedAt, line.open(), line.allocated));
				}
				plans.add(new SkuPlan(sku.name, sku.onHand, inbound, demand));
			}
			this.engine.planAll(plans, today).values().forEach((allocations) -> {
				for (Allocation allocation : allocations) {
					byId.get(allocation.lineId()).planned(allocation, today, this.random);
				}
			});
			this.restocks.removeIf((restock) -> !restock.open());
		}

		private int poisson(double mean) {
			double limit = Math.exp(-mean);
			double product = this.random.nextDouble();
			int count = 0;
			while (product > limit) {
				product *= this.random.nextDouble();
				count++;
			}
			return count;
		}

	}

	static final class Sku {

		final String name;

		final int supplier;

		final double rate;

		final int leadDays;

		final int reorderPoint;

		int onHand;

		final List<Line> lines = new ArrayList<>();

		Sku(String name, int supplier, double rate, int leadDays, int reorderPoint) {
			this.name = name;
			this.supplier = supplier;
			this.rate = rate;
			this.leadDays = leadDays;
			this.reorderPoint = reorderPoint;
		}

	}

	static final class Restock {

		final long id;

		final Sku sku;

		final int quantity;

		final LocalDate promisedOn;

		LocalDate expectedOn;

		int received;

		boolean laxNever;

		final List<Arrival> arrivals = new ArrayList<>();

		Restock(long id, Sku sku, int quantity, LocalDate expectedOn) {
			this.id = id;
			this.sku = sku;
			this.quantity = quantity;
			this.promisedOn = expectedOn;
			this.expectedOn = expectedOn;
		}

		boolean open() {
			return this.received < this.quantity;
		}

	}

	record Arrival(LocalDate date, int quantity) {
	}

	static final class Line {

		final long id;

		final Sku sku;

		final int placedDay;

		final Instant placedAt;

		final int quantity;

		int allocated;

		int shipped;

		int cancelled;

		@Nullable EtaWindow eta;

		@Nullable EtaWindow first;

		@Nullable LocalDate readyOn;

		@Nullable LocalDate shippedOn;

		LocalDate shipsOn = LocalDate.MAX;

		int changes;

		Line(long id, Sku sku, int placedDay, Instant placedAt, int quantity) {
			this.id = id;
			this.sku = sku;
			this.placedDay = placedDay;
			this.placedAt = placedAt;
			this.quantity = quantity;
		}

		int open() {
			return this.quantity - this.shipped - this.cancelled;
		}

		boolean waiting() {
			return this.allocated < open();
		}

		void planned(Allocation allocation, LocalDate today, Random random) {
			this.allocated = allocation.allocated();
			EtaWindow now = (allocation.unscheduled() > 0) ? null : allocation.eta();
			if (allocation.allocated() == open()) {
				if (this.readyOn == null) {
					this.readyOn = today;
					this.shipsOn = today.plusDays((random.nextInt(100) < 96) ? HANDLING_DAYS : HANDLING_DAYS + 1);
				}
				this.eta = null;
				return;
			}
			if (this.first == null) {
				if (now != null && this.eta == null) {
					this.first = now;
				}
			}
			else if (now == null || this.eta == null || !now.latest().equals(this.eta.latest())) {
				this.changes++;
			}
			this.eta = now;
		}

	}

}
