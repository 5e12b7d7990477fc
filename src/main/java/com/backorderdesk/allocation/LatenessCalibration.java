package com.backorderdesk.allocation;

import java.time.LocalDate;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Turns suppliers' delivery records into the lateness allowance that widens their windows
 * ({@link Inbound#supplierLatenessDays()}), and the warehouse's shipping record into a
 * handling allowance. Pure Java, so the application and the promise simulation run
 * exactly the same rule.
 * <p>
 * Two rules are offered:
 * <ul>
 * <li>{@link #calibrated}: the allowance is the smallest number of days late that at
 * least {@code onTimeTarget} of the supplier's deliveries stayed within, read from a
 * blend of the supplier's own record and the shop-wide one. The blend is the posterior
 * mean of a Dirichlet process: the supplier's weighted empirical distribution plus the
 * shop-wide distribution counted as {@code k = 0.5 / (1 - onTimeTarget)} receipts (10 at
 * 95 %). That prior is chosen because it is the simplest Bayesian estimate of a whole
 * distribution (a quantile needs the shape, not only a mean) and needs no fitted
 * parameters; its strength is half the number of receipts it takes to see one late
 * delivery in twenty, so a supplier's own record takes over after about ten receipts,
 * while one late receipt among a few holds less than the tail the quantile may leave out
 * and does not set the allowance alone. (A stronger prior kept punctual suppliers'
 * windows several days wider than their record in the promise simulation.) The shop-wide
 * distribution is itself blended the same way with the configured default lateness, so a
 * new shop starts where its settings say. Receipts weigh
 * {@code 0.5^(age / halfLifeDays)}, so a supplier that improved is forgiven in time and
 * one very late receipt long ago stops counting. A supplier with fewer than
 * {@code 1 / (1 - onTimeTarget)} receipts of its own (by weight; 20 at 95 %) gets at
 * least one day of allowance: three punctual deliveries do not show that 95 % will
 * be.</li>
 * <li>{@link #eightiethPercentile}: the rule this replaced, kept for comparison in the
 * simulation: the 80th percentile of the supplier's receipts once it has three, the
 * default until then.</li>
 * </ul>
 */
public final class LatenessCalibration {

	private final double target;

	private final int halfLifeDays;

	private final int defaultLatenessDays;

	private final boolean legacy;

	private LatenessCalibration(double target, int halfLifeDays, int defaultLatenessDays, boolean legacy) {
		if (!(target > 0 && target < 1)) {
			throw new IllegalArgumentException("onTimeTarget must be between 0 and 1 (exclusive), was " + target);
		}
		if (halfLifeDays < 1) {
			throw new IllegalArgumentException("halfLifeDays must be at least 1, was " + halfLifeDays);
		}
		Checks.notNegative(defaultLatenessDays, "defaultLatenessDays");
		this.target = target;
		this.halfLifeDays = halfLifeDays;
		this.defaultLatenessDays = defaultLatenessDays;
		this.legacy = legacy;
	}

	/**
	 * The calibrated rule.
	 * @param onTimeTarget the share of deliveries a window must hold, e.g. 0.95
	 * @param halfLifeDays after how many days a receipt weighs half
	 * @param defaultLatenessDays the configured lateness, the prior of a shop without
	 * history
	 * @return the rule
	 * @throws IllegalArgumentException if the target is not strictly between 0 and 1, the
	 * half-life below 1 or the default negative
	 */
	public static LatenessCalibration calibrated(double onTimeTarget, int halfLifeDays, int defaultLatenessDays) {
		return new LatenessCalibration(onTimeTarget, halfLifeDays, defaultLatenessDays, false);
	}

	/**
	 * The former rule: 80th percentile (interpolated, rounded up) of the supplier's
	 * receipts once it has three, no allowance of its own before.
	 * @param defaultLatenessDays the lateness of a supplier with fewer than three
	 * receipts
	 * @return the rule
	 */
	public static LatenessCalibration eightiethPercentile(int defaultLatenessDays) {
		return new LatenessCalibration(0.8, Integer.MAX_VALUE, defaultLatenessDays, true);
	}

	/**
	 * The pseudo-receipts the shop-wide record counts for in a supplier's blend.
	 * @return {@code 0.5 / (1 - onTimeTarget)}
	 */
	public double priorWeight() {
		return 0.5 / (1 - this.target);
	}

	/**
	 * The receipts (by weight) below which a supplier's record cannot show that a window
	 * without spread would hold.
	 */
	private double narrowWindowEvidence() {
		return 1 / (1 - this.target);
	}

	/**
	 * Calibrates every supplier's allowance.
	 * @param <K> how suppliers are named
	 * @param receipts each supplier's deliveries; a supplier may have none
	 * @param today the day of the calibration, in the shop's zone, which ages the
	 * receipts
	 * @return the allowance in days of each supplier given; a supplier without receipts
	 * has the configured default, which is predictable and moves no window when another
	 * supplier's receipt shifts the shop-wide record
	 */
	public <K> Allowances<K> allowances(Map<K, List<Receipt>> receipts, LocalDate today) {
		Checks.notNull(receipts, "receipts");
		Checks.notNull(today, "today");
		Map<K, Integer> bySupplier = new LinkedHashMap<>();
		if (this.legacy) {
			receipts.forEach((supplier, own) -> {
				if (own.size() >= 3) {
					bySupplier.put(supplier, interpolatedPercentile(own, 0.8));
				}
			});
			return new Allowances<>(Collections.unmodifiableMap(bySupplier), this.defaultLatenessDays);
		}
		Distribution shop = new Distribution();
		receipts.values()
			.forEach((own) -> own.forEach((receipt) -> shop.add(receipt.daysLate(), weight(receipt, today))));
		Distribution prior = shop.blend(Distribution.point(this.defaultLatenessDays), priorWeight());
		receipts.forEach((supplier, own) -> {
			Distribution record = new Distribution();
			own.forEach((receipt) -> record.add(receipt.daysLate(), weight(receipt, today)));
			int allowance = record.blend(prior, priorWeight()).quantile(this.target);
			if (record.total < narrowWindowEvidence()) {
				allowance = Math.max(1, allowance);
			}
			bySupplier.put(supplier, allowance);
		});
		return new Allowances<>(Collections.unmodifiableMap(bySupplier), this.defaultLatenessDays);
	}

	/**
	 * How many days beyond the configured handling days parcels took to leave the
	 * warehouse, at the target: the quantile of the days from units ready to units
	 * shipped, blended with the configured handling days as a prior of
	 * {@link #priorWeight()} shipments, so a few slow parcels do not widen every window.
	 * @param shipped days from ready to shipped of each shipment, with the day it shipped
	 * @param handlingDays the configured handling days
	 * @param today the day of the calibration
	 * @return extra days to add to windows' latest dates, 0 or more
	 */
	public int handlingSpread(List<Receipt> shipped, int handlingDays, LocalDate today) {
		Checks.notNull(shipped, "shipped");
		if (this.legacy || shipped.isEmpty()) {
			return 0;
		}
		Distribution record = new Distribution();
		shipped.forEach((shipment) -> record.add(shipment.daysLate(), weight(shipment, today)));
		// the warehouse's own handling days are trusted four times as much as a supplier
		// default: a few slow parcels are not a new normal
		int quantile = record.blend(Distribution.point(handlingDays), 4 * priorWeight()).quantile(this.target);
		return Math.max(0, quantile - handlingDays);
	}

	private double weight(Receipt receipt, LocalDate today) {
		long age = Math.max(0, today.toEpochDay() - receipt.receivedOn().toEpochDay());
		return Math.pow(0.5, (double) age / this.halfLifeDays);
	}

	/** As PostgreSQL's {@code ceil(percentile_cont(p))}, the rule this replaced. */
	private static int interpolatedPercentile(List<Receipt> receipts, double p) {
		int[] days = receipts.stream().mapToInt(Receipt::daysLate).sorted().toArray();
		double position = p * (days.length - 1);
		int below = (int) Math.floor(position);
		int above = Math.min(days.length - 1, below + 1);
		double value = days[below] + (position - below) * (days[above] - days[below]);
		return (int) Math.ceil(value - 1e-9);
	}

	/**
	 * One delivery of a supplier (or one shipment of the warehouse).
	 *
	 * @param daysLate days after the promised date it arrived; an early delivery counts
	 * as 0
	 * @param receivedOn the day it arrived, which decides its weight
	 */
	public record Receipt(int daysLate, LocalDate receivedOn) {

		public Receipt {
			Checks.notNull(receivedOn, "Receipt receivedOn");
			daysLate = Math.max(0, daysLate);
		}

	}

	/**
	 * Calibrated allowances.
	 *
	 * @param <K> how suppliers are named
	 * @param bySupplier days of allowance for each supplier given (absent under the
	 * former rule until a supplier has three receipts)
	 * @param newcomer days of allowance for a supplier without (enough) receipts: the
	 * configured default
	 */
	public record Allowances<K>(Map<K, Integer> bySupplier, int newcomer) {

		/**
		 * The allowance of one supplier.
		 * @param supplier the supplier
		 * @return its allowance, or the newcomer's
		 */
		public int of(K supplier) {
			Integer days = this.bySupplier.get(supplier);
			return (days != null) ? days : this.newcomer;
		}

	}

	/** A weighted distribution over whole days late. */
	private static final class Distribution {

		private double[] weights = new double[8];

		private double total;

		static Distribution point(int days) {
			Distribution point = new Distribution();
			point.add(days, 1);
			return point;
		}

		void add(int days, double weight) {
			if (days >= this.weights.length) {
				this.weights = Arrays.copyOf(this.weights, Math.max(days + 1, this.weights.length * 2));
			}
			this.weights[days] += weight;
			this.total += weight;
		}

		/**
		 * This distribution with {@code other} added as {@code strength} observations.
		 */
		Distribution blend(Distribution other, double strength) {
			Distribution blended = new Distribution();
			for (int days = 0; days < this.weights.length; days++) {
				if (this.weights[days] > 0) {
					blended.add(days, this.weights[days]);
				}
			}
			for (int days = 0; days < other.weights.length; days++) {
				if (other.weights[days] > 0) {
					blended.add(days, strength * other.weights[days] / other.total);
				}
			}
			return blended;
		}

		/** The smallest number of days whose cumulative share reaches {@code p}. */
		int quantile(double p) {
			double needed = p * this.total - 1e-9;
			double cumulative = 0;
			for (int days = 0; days < this.weights.length; days++) {
				cumulative += this.weights[days];
				if (cumulative >= needed) {
					return days;
				}
			}
			return this.weights.length - 1;
		}

	}

}
