package com.backorderdesk.promise;

import java.time.LocalDate;

import org.jspecify.annotations.Nullable;

import com.backorderdesk.allocation.EtaWindow;

/**
 * What became of one line's first promised window: the rule that decides whether a
 * promise was kept, shared by the ledger's report and the promise simulation.
 * <p>
 * A window is a delivery window, so a promise is kept when the units could be delivered
 * by its latest date: shipped at least the shipping days before it, or, not shipped yet,
 * ready at least the handling and shipping days before it. (Reading "kept" as "ready by
 * the latest date" would count a line ready on the last day as kept although the parcel
 * arrives days after the promise.)
 *
 * @param first the first window the customer was promised
 * @param readyOn the day all its units were ready (allocated from stock), or {@code null}
 * @param shippedOn the day its units shipped, or {@code null}
 * @param changes how many times the customer saw the promise change after the first: the
 * latest date moved, or the date was lost
 */
public record PromiseOutcome(EtaWindow first, @Nullable LocalDate readyOn, @Nullable LocalDate shippedOn, int changes) {

	/**
	 * The day the units can be delivered by, as far as it is known.
	 * @param handlingDays days from ready to shipped the windows count on
	 * @param shippingDays days the carrier takes
	 * @return the day, or {@code null} while the units are not ready
	 */
	public @Nullable LocalDate deliveredBy(int handlingDays, int shippingDays) {
		if (this.shippedOn != null) {
			return this.shippedOn.plusDays(shippingDays);
		}
		return (this.readyOn != null) ? this.readyOn.plusDays((long) handlingDays + shippingDays) : null;
	}

	/**
	 * Whether the first promise held.
	 * @param handlingDays days from ready to shipped the windows count on
	 * @param shippingDays days the carrier takes
	 * @param today the shop's today: a line not ready yet is late once it can no longer
	 * make it
	 * @return true or false, or {@code null} while it can still go either way
	 */
	public @Nullable Boolean kept(int handlingDays, int shippingDays, LocalDate today) {
		LocalDate by = deliveredBy(handlingDays, shippingDays);
		if (by != null) {
			return !by.isAfter(this.first.latest());
		}
		return today.plusDays((long) handlingDays + shippingDays).isAfter(this.first.latest()) ? false : null;
	}

	/**
	 * Days the delivery came (or will at best come) after the first promised latest date.
	 * @param handlingDays days from ready to shipped the windows count on
	 * @param shippingDays days the carrier takes
	 * @param today the shop's today
	 * @return 0 or more
	 */
	public long daysLate(int handlingDays, int shippingDays, LocalDate today) {
		LocalDate by = deliveredBy(handlingDays, shippingDays);
		if (by == null) {
			by = today.plusDays((long) handlingDays + shippingDays);
		}
		return Math.max(0, by.toEpochDay() - this.first.latest().toEpochDay());
	}

	/**
	 * The first window's width in days, both ends counted: a one-day window is 1.
	 * @return days
	 */
	public long windowDays() {
		return this.first.latest().toEpochDay() - this.first.earliest().toEpochDay() + 1;
	}

}
