package com.backorderdesk.allocation;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * Measures a full recomputation of every ETA against the design target: 1,000,000 open
 * lines over 10,000 SKUs in under 2 seconds on 2 cores (DESIGN.md §9).
 * <p>
 * The data is fixed by a seed and shaped like a real shop: demand skewed towards a few
 * popular SKUs, mostly single units, a few priority orders, lines arriving in no
 * particular order, some lines already holding stock (and some SKUs counted down below
 * their holdings), and 0 to 4 restocks per SKU, some overdue, some from suppliers without
 * history.
 * <p>
 * Not a unit test (timings on shared build machines prove nothing); run it on demand,
 * from the project root, in a JVM of its own:
 *
 * <pre>
 * ./mvnw -o -q test-compile &amp;&amp; java -cp target/classes:target/test-classes com.backorderdesk.allocation.AllocationEngineBenchmark
 * </pre>
 *
 * Optional arguments: warm-up rounds and measured rounds (5 and 5 by default). The engine
 * needs nothing but the JDK, so the plain {@code java} command is enough and keeps
 * Maven's own JIT and heap out of the figures.
 */
public final class AllocationEngineBenchmark {

	private static final int SKUS = 10_000;

	private static final int LINES = 1_000_000;

	private static final long TARGET_MILLIS = 2_000;

	private static final LocalDate TODAY = LocalDate.of(2026, 3, 2);

	private static final Instant NOW = Instant.parse("2026-03-02T12:00:00Z");

	private AllocationEngineBenchmark() {
	}

	/**
	 * Run the benchmark.
	 * @param args optionally the number of warm-up rounds (default 5) and of measured
	 * rounds (default 5)
	 */
	public static void main(String[] args) {
		int warmUpRounds = (args.length > 0) ? Integer.parseInt(args[0]) : 5;
		int measuredRounds = (args.length > 1) ? Integer.parseInt(args[1]) : 5;
		List<SkuPlan> plans = shop(new Random(20260302L));
		AllocationEngine engine = new AllocationEngine(new EtaPolicy(1, 2, 5));
		Runtime runtime = Runtime.getRuntime();
		System.out.printf("ETA engine benchmark: %,d lines over %,d SKUs, Java %s, %d cores, max heap %,d MB%n",
				plans.stream().mapToInt((plan) -> plan.demand().size()).sum(), plans.size(),
				System.getProperty("java.version"), runtime.availableProcessors(), runtime.maxMemory() >> 20);
		for (int round = 0; round < warmUpRounds; round++) {
			engine.planAll(plans, TODAY);
		}
		long[] millis = new long[measuredRounds];
		Map<String, List<Allocation>> result = Map.of();
		for (int round = 0; round < measuredRounds; round++) {
			long start = System.nanoTime();
			result = engine.planAll(plans, TODAY);
			millis[round] = (System.nanoTime() - start) / 1_000_000;
			System.out.printf("  round %d: %,d ms%n", round + 1, millis[round]);
		}
		describe(result);
		Arrays.sort(millis);
		long median = millis[measuredRounds / 2];
		long max = millis[measuredRounds - 1];
		System.out.printf("min %,d ms / median %,d ms / max %,d ms; %,d lines/s at the median%n", millis[0], median,
				max, LINES * 1000L / Math.max(1, median));
		System.out.printf("target: every round under %,d ms -> %s%n", TARGET_MILLIS,
				(max < TARGET_MILLIS) ? "PASS" : "FAIL");
	}

	/** What the plan says, so a broken engine cannot look fast. */
	private static void describe(Map<String, List<Allocation>> result) {
		long inStock = 0;
		long partly = 0;
		long backordered = 0;
		long outOfStock = 0;
		for (List<Allocation> allocations : result.values()) {
			for (Allocation allocation : allocations) {
				if (allocation.scheduled() == 0 && allocation.unscheduled() == 0) {
					inStock++;
				}
				else if (allocation.unscheduled() > 0) {
					outOfStock++;
				}
				else if (allocation.allocated() > 0) {
					partly++;
				}
				else {
					backordered++;
				}
			}
		}
		System.out.printf("lines: %,d in stock, %,d partly allocated, %,d backordered, %,d with units out of stock%n",
				inStock, partly, backordered, outOfStock);
	}

	private static List<SkuPlan> shop(Random random) {
		int[] linesPerSku = linesPerSku(random);
		List<SkuPlan> plans = new ArrayList<>(SKUS);
		long lineId = 1;
		long restockId = 1;
		for (int sku = 0; sku < SKUS; sku++) {
			List<Demand> demand = new ArrayList<>(linesPerSku[sku]);
			long held = 0;
			long open = 0;
			for (int i = 0; i < linesPerSku[sku]; i++) {
				int roll = random.nextInt(100);
				int priority = (roll < 85) ? 1 : (roll < 95) ? 0 : 2;
				int quantity = (random.nextInt(100) < 70) ? 1 : 1 + random.nextInt(5);
				int allocated = (random.nextInt(100) < 20) ? random.nextInt(quantity + 1) : 0;
				Instant placedAt = NOW.minusSeconds(random.nextInt(60 * 24 * 3600));
				demand.add(new Demand(lineId++, priority, placedAt, quantity, allocated));
				held += allocated;
				open += quantity;
			}
			Collections.shuffle(demand, random);
			int onHand = (random.nextInt(100) < 5) ? (int) (held * random.nextInt(100) / 100)
					: (int) (held + random.nextInt((int) Math.max(1, open * 6 / 10)));
			List<Inbound> inbound = new ArrayList<>();
			int restocks = random.nextInt(5);
			for (int i = 0; i < restocks; i++) {
				Integer lateness = (random.nextInt(100) < 30) ? null : random.nextInt(11);
				inbound.add(new Inbound(restockId++, TODAY.plusDays(random.nextInt(66) - 5),
						random.nextInt((int) Math.max(1, open / 2)), lateness, null));
			}
			plans.add(new SkuPlan("SKU-%05d".formatted(sku), onHand, inbound, demand));
		}
		return plans;
	}

	/**
	 * Popular SKUs get many more lines than the long tail, and the total is exactly
	 * LINES.
	 */
	private static int[] linesPerSku(Random random) {
		double[] weights = new double[SKUS];
		double total = 0;
		for (int sku = 0; sku < SKUS; sku++) {
			weights[sku] = -Math.log(1 - random.nextDouble());
			total += weights[sku];
		}
		int[] lines = new int[SKUS];
		int assigned = 0;
		for (int sku = 0; sku < SKUS; sku++) {
			lines[sku] = (int) (LINES * weights[sku] / total);
			assigned += lines[sku];
		}
		for (int sku = 0; assigned < LINES; sku = (sku + 1) % SKUS) {
			lines[sku]++;
			assigned++;
		}
		return lines;
	}

}
