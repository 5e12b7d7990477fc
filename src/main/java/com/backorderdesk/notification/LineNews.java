package com.backorderdesk.notification;

import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;

import org.jspecify.annotations.Nullable;

import com.backorderdesk.allocation.EtaWindow;
import com.backorderdesk.orders.LineState;
import com.backorderdesk.orders.OrderLineView;

/**
 * What changed for one line between what its customer was last told and now, as the
 * e-mail tells it: units shipped or cancelled, units that became ready or stopped being
 * ready, and the net move of its delivery window (only when it moved by at least the
 * thresholds). Pure logic, no I/O.
 */
final class LineNews {

	private LineNews() {
	}

	/**
	 * The changes of one line.
	 * @param was what the customer was last told; {@code null} when the line was never
	 * described (only shipments and cancellations can then be told)
	 * @param now the line now
	 * @param laterThresholdDays how many days later a window must move to be told
	 * @param earlierThresholdDays how many days earlier a window must move to be told
	 * @return the changes, most important first; empty when there is nothing to tell
	 */
	static List<Change> between(Told.@Nullable Line was, OrderLineView now, int laterThresholdDays,
			int earlierThresholdDays) {
		List<Change> changes = new ArrayList<>(3);
		int toldShipped = (was != null) ? was.shipped() : 0;
		int toldCancelled = (was != null) ? was.cancelled() : 0;
		int shipped = now.shipped() - toldShipped;
		int cancelled = now.cancelled() - toldCancelled;
		if (cancelled > 0) {
			changes.add(new Change(MailContent.CANCELLED, cancelled, null, null));
		}
		if (shipped > 0) {
			changes.add(new Change(MailContent.SHIPPED, shipped, null, null));
		}
		LineState told = (was != null) ? was.state() : null;
		if (told == null) {
			return changes;
		}
		// units that were ready and have not shipped since
		int stillHeld = Math.max(0, told.allocated() - Math.max(0, shipped));
		if (now.allocated() < stillHeld) {
			changes.add(new Change(MailContent.NO_LONGER_READY, stillHeld - now.allocated(), told.eta(), now.eta()));
		}
		else if (now.allocated() > stillHeld) {
			changes.add(new Change(MailContent.READY, now.allocated() - stillHeld, told.eta(), now.eta()));
		}
		EtaWindow before = told.eta();
		EtaWindow after = now.eta();
		if (before != null && after != null && now.scheduled() > 0) {
			long later = ChronoUnit.DAYS.between(before.latest(), after.latest());
			long earlier = ChronoUnit.DAYS.between(after.earliest(), before.earliest());
			if (later >= laterThresholdDays) {
				changes.add(new Change(MailContent.WINDOW_LATER, (int) later, before, after));
			}
			else if (earlier >= earlierThresholdDays) {
				changes.add(new Change(MailContent.WINDOW_EARLIER, (int) earlier, before, after));
			}
		}
		else if (before == null && after != null && now.scheduled() > 0 && told.unscheduled() > 0) {
			changes.add(new Change(MailContent.GOT_DATE, now.scheduled(), null, after));
		}
		else if (before != null && after == null && now.unscheduled() > told.unscheduled()) {
			changes.add(new Change(MailContent.LOST_DATE, now.unscheduled() - told.unscheduled(), before, null));
		}
		return changes;
	}

	/**
	 * One thing that changed for a line.
	 *
	 * @param content what kind of news it is
	 * @param units how many units it concerns; for window moves, by how many days
	 * @param before the window as told, if any
	 * @param after the window now, if any
	 */
	record Change(MailContent content, int units, @Nullable EtaWindow before, @Nullable EtaWindow after) {
	}

}
