package com.backorderdesk.allocation;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * Tests for {@link AllocationEngine}, one rule at a time.
 */
class AllocationEngineTests {

	private static final LocalDate TODAY = LocalDate.of(2026, 3, 2);

	private static final Instant MORNING = Instant.parse("2026-03-02T08:00:00Z");

	/**
	 * Handling 1 day, shipping 2 days, 4 days of lateness for suppliers without history.
	 */
	private static final EtaPolicy POLICY = new EtaPolicy(1, 2, 4);

	private final AllocationEngine engine = new AllocationEngine(POLICY);

	@Nested
	class QueueOrder {

		@Test
		void whenPrioritiesDifferThenLowerNumberIsServedFirstEvenIfItOrderedLater() {
			List<Allocation> result = plan(1, List.of(), line(1, 2, 0, 1, 0), line(2, 1, 60, 1, 0));
			assertThat(result.get(0).unscheduled()).isEqualTo(1);
			assertThat(result.get(1).allocated()).isEqualTo(1);
		}

		@Test
		void whenPriorityIsEqualThenEarlierOrderIsServedFirst() {
			List<Allocation> result = plan(1, List.of(), line(1, 0, 30, 1, 0), line(2, 0, 10, 1, 0));
			assertThat(result.get(0).unscheduled()).isEqualTo(1);
			assertThat(result.get(1).allocated()).isEqualTo(1);
		}

		@Test
		void whenPriorityAndPlacedAtAreEqualThenLowerLineIdIsServedFirst() {
			List<Allocation> result = plan(1, List.of(), line(9, 0, 0, 1, 0), line(3, 0, 0, 1, 0));
			assertThat(result.get(0).unscheduled()).isEqualTo(1);
			assertThat(result.get(1).allocated()).isEqualTo(1);
		}

		@Test
		void whenLinesArriveInAnyOrderThenResultsComeBackInInputOrder() {
			List<Allocation> result = plan(10, List.of(), line(5, 1, 0, 1, 0), line(2, 0, 9, 1, 0),
					line(7, 0, 1, 1, 0));
			assertThat(result).extracting(Allocation::lineId).containsExactly(5L, 2L, 7L);
		}

	}

	@Nested
	class Stock {

		@Test
		void whenStockCoversEveryLineThenEveryLineIsAllocated() {
			List<Allocation> result = plan(5, List.of(restock(1, 10, 10, null)), line(1, 0, 0, 2, 0),
					line(2, 0, 1, 3, 0));
			assertThat(result).containsExactly(new Allocation(1, 2, 0, 0, null, null),
					new Allocation(2, 3, 0, 0, null, null));
		}

		@Test
		void whenStockCoversOnlyPartThenRestIsScheduledOnTheFirstRestock() {
			List<Allocation> result = plan(3, List.of(restock(20, 10, 10, null), restock(21, 30, 10, null)),
					line(1, 0, 0, 5, 0));
			assertThat(result).containsExactly(new Allocation(1, 3, 2, 0, window(10 + 3, 10 + 3 + 4), 20L));
		}

		@Test
		void whenStockRunsOutThenItGoesToTheFrontOfTheQueue() {
			List<Allocation> result = plan(4, List.of(), line(1, 0, 0, 3, 0), line(2, 0, 1, 3, 0), line(3, 0, 2, 3, 0));
			assertThat(result).extracting(Allocation::allocated).containsExactly(3, 1, 0);
			assertThat(result).extracting(Allocation::unscheduled).containsExactly(0, 2, 3);
		}

	}

	@Nested
	class StickyAllocation {

		@Test
		void whenHigherPriorityOrdersLaterThenHeldUnitsStayWithTheLineHoldingThem() {
			List<Allocation> result = plan(2, List.of(restock(30, 5, 10, 1)), line(1, 5, 0, 2, 2),
					line(2, 0, 60, 2, 0));
			assertThat(result.get(0)).isEqualTo(new Allocation(1, 2, 0, 0, null, null));
			assertThat(result.get(1)).isEqualTo(new Allocation(2, 0, 2, 0, window(5 + 3, 5 + 3 + 1), 30L));
		}

		@Test
		void whenStockExceedsHoldingsThenFreeUnitsGoDownTheQueueIncludingToLinesAlreadyHolding() {
			List<Allocation> result = plan(6, List.of(), line(1, 0, 0, 4, 1), line(2, 0, 1, 2, 2), line(3, 0, 2, 4, 0));
			// 3 held, 3 free: line 1 needs 3 more and takes them, line 3 gets nothing
			assertThat(result).extracting(Allocation::allocated).containsExactly(4, 2, 0);
			assertThat(result.get(2).unscheduled()).isEqualTo(4);
		}

		@Test
		void whenStockIsCountedDownBelowHoldingsThenTheBackOfTheQueueLosesUnitsFirst() {
			// 6 held, 3 on hand: release 3, from line 3 (2 held) then line 2 (1 of its 2)
			List<Allocation> result = plan(3, List.of(restock(40, 7, 10, 0)), line(1, 0, 0, 2, 2), line(2, 0, 1, 2, 2),
					line(3, 0, 2, 2, 2));
			assertThat(result).containsExactly(new Allocation(1, 2, 0, 0, null, null),
					new Allocation(2, 1, 1, 0, window(7 + 3, 7 + 3), 40L),
					new Allocation(3, 0, 2, 0, window(7 + 3, 7 + 3), 40L));
		}

		@Test
		void whenStockIsCountedDownToZeroThenNoLineHoldsAnything() {
			List<Allocation> result = plan(0, List.of(), line(1, 0, 0, 2, 2), line(2, 0, 1, 1, 1));
			assertThat(result).containsExactly(new Allocation(1, 0, 0, 2, null, null),
					new Allocation(2, 0, 0, 1, null, null));
		}

		@Test
		void whenHoldingsFitTheStockExactlyThenNothingIsReleased() {
			List<Allocation> result = plan(3, List.of(), line(1, 0, 0, 2, 1), line(2, 0, 1, 2, 2));
			assertThat(result).extracting(Allocation::allocated).containsExactly(1, 2);
		}

	}

	@Nested
	class Restocks {

		@Test
		void whenRestocksAreListedOutOfOrderThenTheEarliestExpectedIsConsumedFirst() {
			List<Allocation> result = plan(0, List.of(restock(50, 20, 1, 0), restock(51, 10, 1, 0)),
					line(1, 0, 0, 1, 0), line(2, 0, 1, 1, 0));
			assertThat(result).extracting(Allocation::restockId).containsExactly(51L, 50L);
		}

		@Test
		void whenRestocksAreExpectedTheSameDayThenLowerRestockIdIsConsumedFirst() {
			List<Allocation> result = plan(0, List.of(restock(61, 10, 1, 0), restock(60, 10, 1, 0)),
					line(1, 0, 0, 1, 0), line(2, 0, 1, 1, 0));
			assertThat(result).extracting(Allocation::restockId).containsExactly(60L, 61L);
		}

		@Test
		void whenRestockIsOverdueThenItsWindowStartsFromToday() {
			List<Allocation> result = plan(0, List.of(restock(70, -5, 3, null)), line(1, 0, 0, 1, 0));
			assertThat(result.get(0).eta()).isEqualTo(window(3, 3 + 4));
		}

		@Test
		void whenARestockMovedLaterStaysInsideItsAllowanceThenItKeepsTheLatestDateFirstPromised() {
			// first promised for day 10 with 5 days of allowance: latest day 18
			List<Allocation> result = plan(0, List.of(new Inbound(72, TODAY.plusDays(13), 1, 5, TODAY.plusDays(10))),
					line(1, 0, 0, 1, 0));
			assertThat(result.get(0).eta()).isEqualTo(window(16, 18));
		}

		@Test
		void whenARestockMovedLaterLeavesLessThanADayOfItsWindowThenItIsPlannedFromTheNewDate() {
			List<Allocation> result = plan(0, List.of(new Inbound(73, TODAY.plusDays(15), 1, 5, TODAY.plusDays(10))),
					line(1, 0, 0, 1, 0));
			assertThat(result.get(0).eta()).isEqualTo(window(18, 23));
		}

		@Test
		void whenAnOverdueRestockIsStillInsideItsAllowanceThenItKeepsTheLatestDateFirstPromised() {
			List<Allocation> result = plan(0, List.of(new Inbound(75, TODAY.minusDays(2), 1, 4, TODAY.minusDays(2))),
					line(1, 0, 0, 1, 0));
			assertThat(result.get(0).eta()).isEqualTo(window(3, 5));
		}

		@Test
		void whenRestockIsExpectedTodayThenWindowAddsHandlingAndShipping() {
			List<Allocation> result = plan(0, List.of(restock(71, 0, 3, 2)), line(1, 0, 0, 1, 0));
			assertThat(result.get(0).eta()).isEqualTo(window(3, 5));
		}

		@Test
		void whenLineSpansTwoRestocksThenItGetsTheLaterRestocksWindowAndId() {
			List<Allocation> result = plan(0, List.of(restock(80, 10, 2, 1), restock(81, 20, 5, 1)),
					line(1, 0, 0, 4, 0), line(2, 0, 1, 1, 0));
			assertThat(result.get(0)).isEqualTo(new Allocation(1, 0, 4, 0, window(23, 24), 81L));
			assertThat(result.get(1)).isEqualTo(new Allocation(2, 0, 1, 0, window(23, 24), 81L));
		}

		@Test
		void whenALineNeedsARestockFromALateSupplierThenItGetsTheLatestEarliestAndLatestDatesOfItsRestocks() {
			// 90 is expected first but can only be counted on by day 43; 91 by day 15
			List<Allocation> result = plan(0, List.of(restock(90, 10, 1, 30), restock(91, 12, 1, 0)),
					line(1, 0, 0, 2, 0));
			assertThat(result.get(0)).isEqualTo(new Allocation(1, 0, 2, 0, window(15, 43), 90L));
		}

		@Test
		void whenALateAndAPunctualSupplierAreDueTheSameDayThenThePunctualOneIsCountedOnFirst() {
			List<Allocation> result = plan(0, List.of(restock(92, 10, 1, 6), restock(93, 10, 1, 0)),
					line(1, 0, 0, 1, 0), line(2, 0, 1, 1, 0));
			assertThat(result).containsExactly(new Allocation(1, 0, 1, 0, window(13, 13), 93L),
					new Allocation(2, 0, 1, 0, window(13, 19), 92L));
		}

		@Test
		void whenALateSuppliersRestockIsDueEarlierThenAPunctualOneDueLaterServesTheQueueFirst() {
			// 94 is due on day 5 but may come as late as day 18; 95 is due on day 9, on
			// time
			List<Allocation> result = plan(0, List.of(restock(94, 5, 1, 10), restock(95, 9, 1, 0)), line(1, 0, 0, 1, 0),
					line(2, 0, 1, 1, 0));
			assertThat(result).containsExactly(new Allocation(1, 0, 1, 0, window(12, 12), 95L),
					new Allocation(2, 0, 1, 0, window(8, 18), 94L));
		}

		@Test
		void whenLineSpansThreeRestocksThenRestockIdIsTheLastOne() {
			List<Allocation> result = plan(1,
					List.of(restock(100, 5, 1, 0), restock(101, 6, 1, 0), restock(102, 7, 1, 0)), line(1, 0, 0, 4, 0));
			assertThat(result.get(0)).isEqualTo(new Allocation(1, 1, 3, 0, window(10, 10), 102L));
		}

		@Test
		void whenRestockHasNothingLeftToReceiveThenItCoversNoLine() {
			List<Allocation> result = plan(0, List.of(restock(110, 1, 0, 0), restock(111, 9, 1, 0)),
					line(1, 0, 0, 1, 0));
			assertThat(result.get(0).restockId()).isEqualTo(111L);
		}

		@Test
		void whenSupplyRunsOutThenTheRestIsUnscheduledWithoutDate() {
			List<Allocation> result = plan(1, List.of(restock(120, 4, 2, 0)), line(1, 0, 0, 2, 0), line(2, 0, 1, 3, 0));
			assertThat(result).containsExactly(new Allocation(1, 1, 1, 0, window(7, 7), 120L),
					new Allocation(2, 0, 1, 2, window(7, 7), 120L));
		}

		@Test
		void whenNoSupplyExistsThenEveryLineIsUnscheduled() {
			List<Allocation> result = plan(0, List.of(), line(1, 0, 0, 3, 0));
			assertThat(result).containsExactly(new Allocation(1, 0, 0, 3, null, null));
		}

	}

	@Nested
	class Lateness {

		@Test
		void whenSupplierHasNoHistoryThenThePolicyDefaultWidensTheWindow() {
			List<Allocation> result = plan(0, List.of(restock(130, 10, 1, null)), line(1, 0, 0, 1, 0));
			assertThat(result.get(0).eta()).isEqualTo(window(13, 17));
		}

		@Test
		void whenSupplierHasHistoryThenItsLatenessWidensTheWindow() {
			List<Allocation> result = plan(0, List.of(restock(131, 10, 1, 9)), line(1, 0, 0, 1, 0));
			assertThat(result.get(0).eta()).isEqualTo(window(13, 22));
		}

		@Test
		void whenSupplierIsAlwaysOnTimeThenTheWindowIsOneDay() {
			List<Allocation> result = plan(0, List.of(restock(132, 10, 1, 0)), line(1, 0, 0, 1, 0));
			assertThat(result.get(0).eta()).isEqualTo(window(13, 13));
		}

	}

	@Nested
	class ZeroQuantities {

		@Test
		void whenLineHasNothingOpenThenItGetsAnEmptyAllocationAndConsumesNothing() {
			List<Allocation> result = plan(1, List.of(restock(140, 5, 1, 0)), line(1, 0, 0, 0, 0), line(2, 0, 1, 2, 0));
			assertThat(result).containsExactly(new Allocation(1, 0, 0, 0, null, null),
					new Allocation(2, 1, 1, 0, window(8, 8), 140L));
		}

		@Test
		void whenSkuHasNoDemandThenThePlanIsEmpty() {
			assertThat(plan(5, List.of(restock(150, 1, 1, 0)))).isEmpty();
		}

	}

	@Nested
	class ManySkus {

		@Test
		void whenPlanningManySkusThenEachSkuIsPlannedOnItsOwnInInputOrder() {
			SkuPlan a = new SkuPlan("B-2", 1, List.of(), List.of(line(1, 0, 0, 1, 0)));
			SkuPlan b = new SkuPlan("A-1", 0, List.of(), List.of(line(1, 0, 0, 1, 0)));
			Map<String, List<Allocation>> result = AllocationEngineTests.this.engine.planAll(List.of(a, b), TODAY);
			assertThat(result.keySet()).containsExactly("B-2", "A-1");
			assertThat(result.get("B-2")).containsExactly(new Allocation(1, 1, 0, 0, null, null));
			assertThat(result.get("A-1")).containsExactly(new Allocation(1, 0, 0, 1, null, null));
		}

		@Test
		void whenPlanningEnoughLinesToGoParallelThenResultsEqualPlanningEachSkuAlone() {
			List<SkuPlan> plans = new ArrayList<>();
			for (int sku = 0; sku < 700; sku++) {
				List<Demand> demand = new ArrayList<>();
				for (int i = 0; i < 100; i++) {
					demand.add(line(1000L * sku + (i * 37) % 100, i % 3, i % 7, 1 + i % 4, (i % 5 == 0) ? 1 : 0));
				}
				plans.add(new SkuPlan("SKU-" + sku, sku % 90, List.of(restock(sku, sku % 20, sku % 60, null)), demand));
			}
			Map<String, List<Allocation>> result = AllocationEngineTests.this.engine.planAll(plans, TODAY);
			for (SkuPlan plan : plans) {
				assertThat(result.get(plan.sku())).isEqualTo(AllocationEngineTests.this.engine.plan(plan, TODAY));
			}
		}

		@Test
		void whenManySkusHaveInvalidPlansThenTheFirstInInputOrderIsReported() {
			List<SkuPlan> plans = new ArrayList<>();
			for (int sku = 0; sku < 600; sku++) {
				List<Demand> demand = new ArrayList<>();
				for (int i = 0; i < 100; i++) {
					demand.add(line((sku % 100 == 99) ? 1 : i, 0, i, 1, 0));
				}
				plans.add(new SkuPlan("SKU-" + sku, 0, List.of(), demand));
			}
			assertThatIllegalArgumentException()
				.isThrownBy(() -> AllocationEngineTests.this.engine.planAll(plans, TODAY))
				.withMessage("SKU SKU-99 lists demand line 1 more than once");
		}

		@Test
		void whenTheSameSkuIsPlannedTwiceThenPlanningIsRejected() {
			SkuPlan plan = new SkuPlan("A-1", 0, List.of(), List.of());
			assertThatIllegalArgumentException()
				.isThrownBy(() -> AllocationEngineTests.this.engine.planAll(List.of(plan, plan), TODAY))
				.withMessage("SKU A-1 is planned more than once");
		}

	}

	@Nested
	class Validation {

		@Test
		void whenPolicyHasNegativeDaysThenItIsRejected() {
			assertThatIllegalArgumentException().isThrownBy(() -> new EtaPolicy(-1, 0, 0))
				.withMessage("EtaPolicy handlingDays must not be negative, was -1");
			assertThatIllegalArgumentException().isThrownBy(() -> new EtaPolicy(0, -2, 0))
				.withMessageContaining("shippingDays");
			assertThatIllegalArgumentException().isThrownBy(() -> new EtaPolicy(0, 0, -3))
				.withMessageContaining("defaultLatenessDays");
		}

		@Test
		void whenDemandQuantitiesAreImpossibleThenTheLineIsRejected() {
			assertThatIllegalArgumentException().isThrownBy(() -> new Demand(7, 0, MORNING, -1, 0))
				.withMessage("Demand line 7 openQuantity must not be negative, was -1");
			assertThatIllegalArgumentException().isThrownBy(() -> new Demand(7, 0, MORNING, 1, -1))
				.withMessage("Demand line 7 allocated must not be negative, was -1");
			assertThatIllegalArgumentException().isThrownBy(() -> new Demand(7, 0, MORNING, 1, 2))
				.withMessage("Demand line 7 allocated (2) must not exceed openQuantity (1)");
		}

		@Test
		void whenRequiredFieldsAreNullThenTheyAreRejected() {
			assertThatIllegalArgumentException().isThrownBy(() -> new Demand(7, 0, null, 1, 0))
				.withMessage("Demand line 7 placedAt must not be null");
			assertThatIllegalArgumentException().isThrownBy(() -> new Inbound(8, null, 1, null, null))
				.withMessage("Restock 8 expectedOn must not be null");
			assertThatIllegalArgumentException().isThrownBy(() -> new SkuPlan(null, 0, List.of(), List.of()))
				.withMessage("SkuPlan sku must not be null");
			assertThatIllegalArgumentException().isThrownBy(() -> new SkuPlan("A-1", 0, null, List.of()))
				.withMessage("SKU A-1 inbound must not be null");
			assertThatIllegalArgumentException()
				.isThrownBy(() -> new SkuPlan("A-1", 0, List.of(), Arrays.asList(line(1, 0, 0, 1, 0), null)))
				.withMessage("SKU A-1 demand must not contain null (at index 1)");
			assertThatIllegalArgumentException().isThrownBy(() -> new AllocationEngine(null))
				.withMessage("policy must not be null");
			assertThatIllegalArgumentException()
				.isThrownBy(
						() -> AllocationEngineTests.this.engine.plan(new SkuPlan("A-1", 0, List.of(), List.of()), null))
				.withMessage("today must not be null");
			assertThatIllegalArgumentException().isThrownBy(() -> AllocationEngineTests.this.engine.plan(null, TODAY))
				.withMessage("plan must not be null");
		}

		@Test
		void whenRestockOrStockIsNegativeThenItIsRejected() {
			assertThatIllegalArgumentException().isThrownBy(() -> restock(8, 0, -1, null))
				.withMessage("Restock 8 openQuantity must not be negative, was -1");
			assertThatIllegalArgumentException().isThrownBy(() -> restock(8, 0, 1, -2))
				.withMessage("Restock 8 supplierLatenessDays must not be negative, was -2");
			assertThatIllegalArgumentException().isThrownBy(() -> new SkuPlan("A-1", -1, List.of(), List.of()))
				.withMessage("SKU A-1 onHand must not be negative, was -1");
			assertThatIllegalArgumentException().isThrownBy(() -> new SkuPlan(" ", 0, List.of(), List.of()))
				.withMessage("SkuPlan sku must not be blank");
		}

		@Test
		void whenALineOrRestockIsListedTwiceThenThePlanIsRejected() {
			assertThatIllegalArgumentException()
				.isThrownBy(() -> plan(1, List.of(), line(4, 0, 0, 1, 0), line(5, 0, 0, 1, 0), line(4, 1, 0, 1, 0)))
				.withMessage("SKU A-1 lists demand line 4 more than once");
			assertThatIllegalArgumentException()
				.isThrownBy(() -> plan(1, List.of(restock(9, 1, 1, null), restock(9, 2, 0, null))))
				.withMessage("SKU A-1 lists restock 9 more than once");
		}

		@Test
		void whenWindowEndsBeforeItStartsThenItIsRejected() {
			assertThatIllegalArgumentException().isThrownBy(() -> window(2, 1))
				.withMessage("EtaWindow earliest (2026-03-04) must not be after latest (2026-03-03)");
		}

		@Test
		void whenAllocationDoesNotAddUpToItsEtaThenItIsRejected() {
			assertThatIllegalArgumentException().isThrownBy(() -> new Allocation(1, 0, 1, 0, null, 5L))
				.withMessage("Allocation for line 1 must have an eta and a restockId exactly when units are scheduled");
			assertThatIllegalArgumentException().isThrownBy(() -> new Allocation(1, 1, 0, 0, window(1, 1), 5L))
				.withMessageContaining("exactly when units are scheduled");
		}

	}

	private List<Allocation> plan(int onHand, List<Inbound> inbound, Demand... demand) {
		return this.engine.plan(new SkuPlan("A-1", onHand, inbound, List.of(demand)), TODAY);
	}

	private static Demand line(long lineId, int priority, int minutesAfterMorning, int open, int held) {
		return new Demand(lineId, priority, MORNING.plusSeconds(60L * minutesAfterMorning), open, held);
	}

	private static Inbound restock(long restockId, int daysFromToday, int open, @Nullable Integer lateness) {
		return new Inbound(restockId, TODAY.plusDays(daysFromToday), open, lateness, null);
	}

	private static EtaWindow window(int earliestFromToday, int latestFromToday) {
		return new EtaWindow(TODAY.plusDays(earliestFromToday), TODAY.plusDays(latestFromToday));
	}

}
