package com.backorderdesk.allocation;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import org.jspecify.annotations.Nullable;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Properties every plan must have, checked on arbitrary SKUs: random stock, restocks
 * (some overdue, some empty, some moved later than first promised) and up to 50 lines
 * with tied priorities and order times.
 */
class AllocationEnginePropertiesTests {

	private static final LocalDate TODAY = LocalDate.of(2026, 3, 2);

	private static final Instant MORNING = Instant.parse("2026-03-02T08:00:00Z");

	private static final EtaPolicy POLICY = new EtaPolicy(1, 2, 3);

	private final AllocationEngine engine = new AllocationEngine(POLICY);

	@Property
	void neverAllocatesMoreThanIsOnHand(@ForAll("plans") SkuPlan plan) {
		List<Allocation> result = this.engine.plan(plan, TODAY);
		assertThat(result.stream().mapToLong(Allocation::allocated).sum()).isLessThanOrEqualTo(plan.onHand());
	}

	@Property
	void neverSchedulesMoreFromARestockThanItHasOpen(@ForAll("plans") SkuPlan plan) {
		List<Allocation> result = this.engine.plan(plan, TODAY);
		List<Inbound> timeline = consumptionOrder(plan);
		Map<Long, Integer> positions = new HashMap<>();
		for (int i = 0; i < timeline.size(); i++) {
			positions.put(timeline.get(i).restockId(), i);
		}
		// Only the last covering restock is reported, so check capacity over every prefix
		// of
		// the timeline: lines finished by restock k used at most the first k restocks
		long[] scheduledUpTo = new long[timeline.size()];
		for (Allocation allocation : result) {
			if (allocation.scheduled() > 0) {
				assertThat(positions).containsKey(allocation.restockId());
				scheduledUpTo[positions.get(allocation.restockId())] += allocation.scheduled();
			}
		}
		long scheduled = 0;
		long open = 0;
		for (int k = 0; k < timeline.size(); k++) {
			scheduled += scheduledUpTo[k];
			open += timeline.get(k).openQuantity();
			assertThat(scheduled).isLessThanOrEqualTo(open);
		}
	}

	@Property
	void everyOpenUnitIsAllocatedScheduledOrUnscheduled(@ForAll("plans") SkuPlan plan) {
		List<Allocation> result = this.engine.plan(plan, TODAY);
		for (int i = 0; i < result.size(); i++) {
			Allocation allocation = result.get(i);
			assertThat(allocation.allocated() + allocation.scheduled() + allocation.unscheduled())
				.isEqualTo(plan.demand().get(i).openQuantity());
			assertThat(allocation.eta() != null).isEqualTo(allocation.scheduled() > 0);
			assertThat(allocation.restockId() != null).isEqualTo(allocation.scheduled() > 0);
		}
	}

	@Property
	void supplyIsNeverLeftIdleWhileDemandWaits(@ForAll("plans") SkuPlan plan) {
		List<Allocation> result = this.engine.plan(plan, TODAY);
		long allocated = result.stream().mapToLong(Allocation::allocated).sum();
		long scheduled = result.stream().mapToLong(Allocation::scheduled).sum();
		long restocked = plan.inbound().stream().mapToLong(Inbound::openQuantity).sum();
		if (scheduled > 0) {
			assertThat(allocated).isEqualTo(plan.onHand());
		}
		if (result.stream().anyMatch((allocation) -> allocation.unscheduled() > 0)) {
			assertThat(allocated).isEqualTo(plan.onHand());
			assertThat(scheduled).isEqualTo(restocked);
		}
	}

	@Property
	void earlierDemandOfTheSamePriorityIsNeverServedLater(@ForAll("plansWithoutHoldings") SkuPlan plan) {
		List<Allocation> result = this.engine.plan(plan, TODAY);
		List<Integer> queue = queueOrder(plan);
		for (int i = 0; i < queue.size(); i++) {
			for (int j = i + 1; j < queue.size(); j++) {
				Demand earlier = plan.demand().get(queue.get(i));
				Demand later = plan.demand().get(queue.get(j));
				Allocation laterResult = result.get(queue.get(j));
				if (earlier.priority() == later.priority() && laterResult.allocated() + laterResult.scheduled() > 0) {
					assertThat(worstServiceRank(result.get(queue.get(i))))
						.as("line %d before line %d", earlier.lineId(), later.lineId())
						.isLessThanOrEqualTo(bestServiceRank(laterResult));
				}
			}
		}
	}

	/**
	 * Stronger than "among lines of the same priority without holdings": restocks are
	 * consumed down the whole queue by the date they can be counted on, so no line ever
	 * gets an earlier latest date than a line before it. (An earliest date can be earlier
	 * further down: a punctual restock due later serves the front of the queue before a
	 * late supplier's restock due sooner.)
	 */
	@Property
	void latestDatesNeverGetEarlierFurtherDownTheQueue(@ForAll("plans") SkuPlan plan) {
		List<Allocation> result = this.engine.plan(plan, TODAY);
		LocalDate previous = LocalDate.MIN;
		for (int position : queueOrder(plan)) {
			EtaWindow eta = result.get(position).eta();
			if (eta != null) {
				assertThat(eta.latest()).isAfterOrEqualTo(previous);
				previous = eta.latest();
			}
		}
	}

	@Property
	void movingARestockEarlierNeverMakesAnyLinesLatestDateLater(@ForAll("plans") SkuPlan plan,
			@ForAll @IntRange(min = 0, max = 4) int which, @ForAll @IntRange(min = 1, max = 30) int days) {
		if (plan.inbound().isEmpty()) {
			return;
		}
		int index = which % plan.inbound().size();
		List<Inbound> moved = new ArrayList<>(plan.inbound());
		Inbound restock = moved.get(index);
		moved.set(index, new Inbound(restock.restockId(), restock.expectedOn().minusDays(days), restock.openQuantity(),
				restock.supplierLatenessDays(), restock.promisedOn()));
		SkuPlan after = new SkuPlan(plan.sku(), plan.onHand(), moved, plan.demand());
		assertNoWindowLater(this.engine.plan(plan, TODAY), this.engine.plan(after, TODAY));
	}

	@Property
	void addingStockNeverMakesAnyLinesWindowLater(@ForAll("plans") SkuPlan plan,
			@ForAll @IntRange(min = 1, max = 40) int units) {
		SkuPlan after = new SkuPlan(plan.sku(), plan.onHand() + units, plan.inbound(), plan.demand());
		assertNoWindowLater(this.engine.plan(plan, TODAY), this.engine.plan(after, TODAY));
	}

	@Property
	void addingARestockNeverMakesAnyLinesWindowLater(@ForAll("plans") SkuPlan plan,
			@ForAll("restockDrafts") RestockDraft added) {
		List<Inbound> more = new ArrayList<>(plan.inbound());
		more.add(added.withId(999));
		SkuPlan after = new SkuPlan(plan.sku(), plan.onHand(), more, plan.demand());
		assertNoWindowLater(this.engine.plan(plan, TODAY), this.engine.plan(after, TODAY));
	}

	/**
	 * A line's window is later when its latest date is later, or it loses units it held
	 * or had a date for: no unit goes from stock to a date, or from a date to none.
	 */
	private static void assertNoWindowLater(List<Allocation> before, List<Allocation> after) {
		for (int i = 0; i < before.size(); i++) {
			Allocation was = before.get(i);
			Allocation now = after.get(i);
			String line = "line " + was.lineId() + ": " + was + " -> " + now;
			assertThat(now.allocated()).as(line).isGreaterThanOrEqualTo(was.allocated());
			assertThat(now.unscheduled()).as(line).isLessThanOrEqualTo(was.unscheduled());
			if (was.eta() != null && now.eta() != null && now.unscheduled() == was.unscheduled()) {
				assertThat(now.eta().latest()).as(line).isBeforeOrEqualTo(was.eta().latest());
			}
		}
	}

	@Property
	void heldUnitsAreOnlyReleasedWhenStockNoLongerCoversThem(@ForAll("plans") SkuPlan plan) {
		List<Allocation> result = this.engine.plan(plan, TODAY);
		long held = plan.demand().stream().mapToLong(Demand::allocated).sum();
		if (plan.onHand() >= held) {
			for (int i = 0; i < result.size(); i++) {
				assertThat(result.get(i).allocated()).isGreaterThanOrEqualTo(plan.demand().get(i).allocated());
			}
			return;
		}
		assertThat(result.stream().mapToLong(Allocation::allocated).sum()).isEqualTo(plan.onHand());
		boolean released = false;
		for (int position : queueOrder(plan)) {
			int before = plan.demand().get(position).allocated();
			int after = result.get(position).allocated();
			assertThat(after).isLessThanOrEqualTo(before);
			if (released) {
				assertThat(after).as("lines behind a released line keep nothing").isZero();
			}
			released = released || after < before;
		}
	}

	@Property
	void resultsComeBackInInputOrder(@ForAll("plans") SkuPlan plan) {
		List<Allocation> result = this.engine.plan(plan, TODAY);
		assertThat(result).extracting(Allocation::lineId)
			.containsExactlyElementsOf(plan.demand().stream().map(Demand::lineId).toList());
	}

	@Property
	void shufflingTheInputChangesNoLinesResult(@ForAll("plans") SkuPlan plan, @ForAll Random random) {
		List<Demand> demand = new ArrayList<>(plan.demand());
		List<Inbound> inbound = new ArrayList<>(plan.inbound());
		Collections.shuffle(demand, random);
		Collections.shuffle(inbound, random);
		SkuPlan shuffled = new SkuPlan(plan.sku(), plan.onHand(), inbound, demand);
		assertThat(byLineId(this.engine.plan(shuffled, TODAY))).isEqualTo(byLineId(this.engine.plan(plan, TODAY)));
	}

	@Provide
	Arbitrary<SkuPlan> plans() {
		return skuPlans(true);
	}

	@Provide
	Arbitrary<SkuPlan> plansWithoutHoldings() {
		return skuPlans(false);
	}

	private static Arbitrary<SkuPlan> skuPlans(boolean withHoldings) {
		Arbitrary<Integer> onHand = Arbitraries.integers().between(0, 80);
		Arbitrary<List<Inbound>> inbound = restock().list().ofMaxSize(5).map((restocks) -> {
			List<Inbound> withIds = new ArrayList<>();
			for (int i = 0; i < restocks.size(); i++) {
				// Ids deliberately out of step with the list order and with expected
				// dates
				withIds.add(restocks.get(i).withId(500 + (i * 7L) % 11));
			}
			return withIds;
		});
		Arbitrary<List<Demand>> demand = line(withHoldings).list().ofMaxSize(50).map((lines) -> {
			List<Demand> withIds = new ArrayList<>();
			for (int i = 0; i < lines.size(); i++) {
				withIds.add(lines.get(i).withId(1 + (i * 7919L) % 100_003));
			}
			return withIds;
		});
		return Combinators.combine(onHand, inbound, demand)
			.as((stock, restocks, lines) -> new SkuPlan("SKU-1", stock, restocks, lines));
	}

	@Provide
	Arbitrary<RestockDraft> restockDrafts() {
		return restock();
	}

	private static Arbitrary<RestockDraft> restock() {
		return Combinators
			.combine(Arbitraries.integers().between(-10, 40), Arbitraries.integers().between(0, 30),
					Arbitraries.integers().between(0, 10).injectNull(0.3),
					Arbitraries.integers().between(0, 15).injectNull(0.3))
			.as(RestockDraft::new);
	}

	private static Arbitrary<LineDraft> line(boolean withHoldings) {
		Arbitrary<Integer> held = withHoldings ? Arbitraries.integers().between(0, 8) : Arbitraries.just(0);
		return Combinators
			.combine(Arbitraries.integers().between(0, 2), Arbitraries.integers().between(0, 30),
					Arbitraries.integers().between(0, 8), held)
			.as(LineDraft::new);
	}

	private static List<Inbound> consumptionOrder(SkuPlan plan) {
		return plan.inbound()
			.stream()
			.filter((restock) -> restock.openQuantity() > 0)
			.sorted(Comparator.comparing((Inbound restock) -> SupplyTimeline.window(restock, POLICY, TODAY).latest())
				.thenComparing(Inbound::expectedOn)
				.thenComparingLong(Inbound::restockId))
			.toList();
	}

	private static List<Integer> queueOrder(SkuPlan plan) {
		List<Integer> positions = new ArrayList<>();
		for (int i = 0; i < plan.demand().size(); i++) {
			positions.add(i);
		}
		positions.sort(Comparator.comparing((Integer position) -> plan.demand().get(position).priority())
			.thenComparing((position) -> plan.demand().get(position).placedAt())
			.thenComparingLong((position) -> plan.demand().get(position).lineId()));
		return positions;
	}

	/**
	 * How late the worst-served unit of a line can arrive: from stock, by the latest date
	 * of its window, or never.
	 */
	private static long worstServiceRank(Allocation allocation) {
		if (allocation.unscheduled() > 0) {
			return Long.MAX_VALUE;
		}
		EtaWindow eta = allocation.eta();
		return (eta != null) ? 1 + eta.latest().toEpochDay() : 0;
	}

	/** How soon the best-served unit of a line can be counted on. */
	private static long bestServiceRank(Allocation allocation) {
		if (allocation.allocated() > 0) {
			return 0;
		}
		EtaWindow eta = allocation.eta();
		return (eta != null) ? 1 + eta.latest().toEpochDay() : Long.MAX_VALUE;
	}

	private static Map<Long, Allocation> byLineId(List<Allocation> allocations) {
		Map<Long, Allocation> byLineId = new HashMap<>();
		allocations.forEach((allocation) -> byLineId.put(allocation.lineId(), allocation));
		return byLineId;
	}

	/**
	 * A restock; {@code movedLaterBy} days after the date first promised, or planned from
	 * its expected date alone when {@code null}.
	 */
	private record RestockDraft(int daysFromToday, int openQuantity, @Nullable Integer lateness,
			@Nullable Integer movedLaterBy) {

		Inbound withId(long restockId) {
			LocalDate expectedOn = TODAY.plusDays(this.daysFromToday);
			return new Inbound(restockId, expectedOn, this.openQuantity, this.lateness,
					(this.movedLaterBy != null) ? expectedOn.minusDays(this.movedLaterBy) : null);
		}

	}

	private record LineDraft(int priority, int minutesAfterMorning, int openQuantity, int held) {

		Demand withId(long lineId) {
			return new Demand(lineId, this.priority, MORNING.plusSeconds(60L * this.minutesAfterMorning),
					this.openQuantity, Math.min(this.held, this.openQuantity));
		}

	}

}
