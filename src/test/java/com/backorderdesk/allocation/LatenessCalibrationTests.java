package com.backorderdesk.allocation;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * Tests for {@link LatenessCalibration}: the quantile, the shrinkage of small records
 * toward the shop-wide one, and the weight of old receipts.
 */
class LatenessCalibrationTests {

	private static final LocalDate TODAY = LocalDate.of(2026, 3, 2);

	private final LatenessCalibration calibration = LatenessCalibration.calibrated(0.95, 180, 3);

	@Test
	void whenASupplierHasThreeOnTimeReceiptsThenItsWindowIsNotOneDayEvenInAPunctualShop() {
		Map<String, List<LatenessCalibration.Receipt>> shop = new LinkedHashMap<>();
		shop.put("new", receipts(0, 0, 0));
		shop.put("old hand", repeat(0, 200));
		LatenessCalibration.Allowances<String> allowances = this.calibration.allowances(shop, TODAY);
		assertThat(allowances.of("new")).as("three receipts do not show 95 % on time").isGreaterThanOrEqualTo(1);
		assertThat(allowances.of("old hand")).as("two hundred do").isZero();
	}

	@Test
	void whenTheShopHasNoOtherHistoryThenThreeOnTimeReceiptsLeaveTheConfiguredDefault() {
		LatenessCalibration.Allowances<String> allowances = this.calibration
			.allowances(Map.of("new", receipts(0, 0, 0)), TODAY);
		assertThat(allowances.of("new")).isEqualTo(3);
		assertThat(allowances.newcomer()).isEqualTo(3);
	}

	@Test
	void whenOneReceiptOfASmallRecordIsVeryLateThenItDoesNotSetTheAllowance() {
		Map<String, List<LatenessCalibration.Receipt>> shop = new LinkedHashMap<>();
		shop.put("mostly punctual", receipts(0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 40));
		shop.put("others", shopOfSmallDelays());
		assertThat(this.calibration.allowances(shop, TODAY).of("mostly punctual")).isBetween(1, 3);
	}

	@Test
	void whenTheOnlyVeryLateReceiptIsLongAgoThenItNoLongerWidensTheWindow() {
		Map<String, List<LatenessCalibration.Receipt>> shop = new LinkedHashMap<>();
		shop.put("once late long ago", List.of(new LatenessCalibration.Receipt(40, TODAY.minusDays(900)),
				new LatenessCalibration.Receipt(0, TODAY.minusDays(20)), new LatenessCalibration.Receipt(0, TODAY)));
		shop.put("others", shopOfSmallDelays());
		assertThat(this.calibration.allowances(shop, TODAY).of("once late long ago")).isBetween(1, 3);
	}

	@Test
	void whenASupplierIsLateAgainAndAgainThenItsOwnRecordOutweighsTheShop() {
		Map<String, List<LatenessCalibration.Receipt>> shop = new LinkedHashMap<>();
		List<LatenessCalibration.Receipt> late = new ArrayList<>();
		for (int i = 0; i < 40; i++) {
			late.add(new LatenessCalibration.Receipt(4 + i % 7, TODAY.minusDays(i)));
		}
		shop.put("late", late);
		shop.put("others", shopOfSmallDelays());
		// 4..10 days late, evenly: the 95th percentile is 10
		assertThat(this.calibration.allowances(shop, TODAY).of("late")).isEqualTo(10);
	}

	@Test
	void whenLateReceiptsAreOldAndRecentOnesOnTimeThenTheAllowanceShrinks() {
		List<LatenessCalibration.Receipt> improved = new ArrayList<>();
		for (int i = 0; i < 30; i++) {
			improved.add(new LatenessCalibration.Receipt(12, TODAY.minusDays(720 + i)));
			improved.add(new LatenessCalibration.Receipt(0, TODAY.minusDays(i)));
		}
		Map<String, List<LatenessCalibration.Receipt>> shop = Map.of("improved", improved, "others",
				shopOfSmallDelays());
		int decayed = this.calibration.allowances(shop, TODAY).of("improved");
		int undecayed = LatenessCalibration.calibrated(0.95, 100_000, 3).allowances(shop, TODAY).of("improved");
		assertThat(undecayed).isEqualTo(12);
		assertThat(decayed).isLessThan(4);
	}

	@Test
	void whenTheTargetIsHigherThenNoAllowanceIsNarrower() {
		Map<String, List<LatenessCalibration.Receipt>> shop = Map.of("a", receipts(0, 1, 2, 2, 3, 5, 8), "b",
				shopOfSmallDelays());
		int lower = LatenessCalibration.calibrated(0.8, 180, 3).allowances(shop, TODAY).of("a");
		int higher = LatenessCalibration.calibrated(0.99, 180, 3).allowances(shop, TODAY).of("a");
		assertThat(higher).isGreaterThanOrEqualTo(lower);
	}

	@Test
	void whenAReceiptCameEarlyThenItCountsAsOnTime() {
		assertThat(new LatenessCalibration.Receipt(-4, TODAY).daysLate()).isZero();
	}

	@Test
	void whenShipmentsLeaveLaterThanTheHandlingDaysThenWindowsGetTheSpread() {
		List<LatenessCalibration.Receipt> slow = new ArrayList<>();
		for (int i = 0; i < 100; i++) {
			slow.add(new LatenessCalibration.Receipt((i % 10 == 0) ? 4 : 1, TODAY.minusDays(i % 30)));
		}
		assertThat(this.calibration.handlingSpread(slow, 1, TODAY)).isEqualTo(3);
		assertThat(this.calibration.handlingSpread(List.of(), 1, TODAY)).isZero();
		assertThat(this.calibration.handlingSpread(receipts(9), 1, TODAY)).as("one slow parcel").isZero();
	}

	@Test
	void theFormerRuleIsTheInterpolatedEightiethPercentileOnceThereAreThreeReceipts() {
		LatenessCalibration former = LatenessCalibration.eightiethPercentile(3);
		LatenessCalibration.Allowances<String> allowances = former
			.allowances(Map.of("a", receipts(0, 0, 5, 5, 5), "b", receipts(9, 9), "c", receipts(0, 0, 0)), TODAY);
		assertThat(allowances.of("a")).isEqualTo(5);
		assertThat(allowances.of("b")).as("too few receipts: the default").isEqualTo(3);
		assertThat(allowances.of("c")).as("the one-day window the calibration avoids").isZero();
	}

	@Test
	void whenTheTargetIsNotAShareThenTheCalibrationIsRejected() {
		assertThatIllegalArgumentException().isThrownBy(() -> LatenessCalibration.calibrated(1.0, 180, 3));
		assertThatIllegalArgumentException().isThrownBy(() -> LatenessCalibration.calibrated(0.95, 0, 3));
	}

	/** Two hundred receipts: most on time, some a day or two late. */
	private static List<LatenessCalibration.Receipt> shopOfSmallDelays() {
		List<LatenessCalibration.Receipt> receipts = new ArrayList<>();
		for (int i = 0; i < 200; i++) {
			receipts
				.add(new LatenessCalibration.Receipt((i % 10 < 7) ? 0 : (i % 10 < 9) ? 1 : 2, TODAY.minusDays(i % 90)));
		}
		return receipts;
	}

	private static List<LatenessCalibration.Receipt> receipts(int... daysLate) {
		List<LatenessCalibration.Receipt> receipts = new ArrayList<>();
		for (int i = 0; i < daysLate.length; i++) {
			receipts.add(new LatenessCalibration.Receipt(daysLate[i], TODAY.minusDays(10L * i)));
		}
		return receipts;
	}

	private static List<LatenessCalibration.Receipt> repeat(int daysLate, int times) {
		List<LatenessCalibration.Receipt> receipts = new ArrayList<>();
		for (int i = 0; i < times; i++) {
			receipts.add(new LatenessCalibration.Receipt(daysLate, TODAY.minusDays(i % 60)));
		}
		return receipts;
	}

}
