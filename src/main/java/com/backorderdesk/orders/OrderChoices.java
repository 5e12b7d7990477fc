package com.backorderdesk.orders;

import java.util.List;
import java.util.Set;

import reactor.core.publisher.Mono;

import com.backorderdesk.InputRules;
import com.backorderdesk.InvalidInputException;
import com.backorderdesk.InvalidValueException;
import com.backorderdesk.inventory.InventoryService;
import com.backorderdesk.timeline.NewOrderEvent;
import com.backorderdesk.timeline.OrderEventLog;
import com.backorderdesk.timeline.TimelineEvent;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * What a customer decides about their own order: dropping what they wait for, how to ship
 * and how to be told. Each choice is one transaction that writes the change, re-plans
 * what it frees and appends the events. Making the same choice twice changes nothing.
 */
@Service
public class OrderChoices {

	/**
	 * Asks {@link #cancelWaiting(String, long, int, CancelReason, String)} for every
	 * waiting unit.
	 */
	public static final int ALL_WAITING = Integer.MAX_VALUE;

	private final DatabaseClient db;

	private final OrderLines lines;

	private final InventoryService inventory;

	private final Replans replans;

	private final DelayNotices delays;

	private final OrderEventLog events;

	OrderChoices(DatabaseClient db, OrderLines lines, InventoryService inventory, Replans replans, DelayNotices delays,
			OrderEventLog events) {
		this.db = db;
		this.lines = lines;
		this.inventory = inventory;
		this.replans = replans;
		this.delays = delays;
		this.events = events;
	}

	/**
	 * Cancels what a line still waits for, at the customer's request.
	 * @param orderNumber the shop's order number
	 * @param lineId the line
	 * @param actor who cancelled
	 * @return the units cancelled, zero when nothing was waiting
	 * @see #cancelWaiting(String, long, CancelReason, String)
	 */
	@Transactional
	public Mono<Integer> cancelWaiting(String orderNumber, long lineId, String actor) {
		return cancelWaiting(orderNumber, lineId, CancelReason.CUSTOMER_REQUEST, actor);
	}

	/**
	 * Cancels every unit of a line that stock does not hold, like
	 * {@link #cancelWaiting(String, long, int, CancelReason, String)} with no limit.
	 * @param orderNumber the shop's order number
	 * @param lineId the line
	 * @param reason why, recorded in the {@link ItemCancelled} event
	 * @param actor who cancelled
	 * @return the units cancelled, zero when nothing was waiting
	 * @see #cancelWaiting(String, long, int, CancelReason, String)
	 */
	@Transactional
	public Mono<Integer> cancelWaiting(String orderNumber, long lineId, CancelReason reason, String actor) {
		return cancelWaiting(orderNumber, lineId, ALL_WAITING, reason, actor);
	}

	/**
	 * Cancels some of the units of a line that stock does not hold (backordered or
	 * without a date); allocated and shipped units are never touched. The restock supply
	 * they freed is re-planned, so other customers' windows can move earlier, and those
	 * orders get their events as for any supply change; the units that stay on the line
	 * keep the best supply the queue gives them. The customer's own cancel and customer
	 * service's, for the customer, both come here.
	 * @param orderNumber the shop's order number
	 * @param lineId the line
	 * @param units how many waiting units to cancel: 1 to
	 * {@link InputRules#MAX_LINE_QUANTITY}, and no more than wait now, or
	 * {@link #ALL_WAITING}
	 * @param reason why, recorded in the {@link ItemCancelled} event
	 * @param actor who cancelled
	 * @return the units cancelled, zero when nothing was waiting; an
	 * {@link InvalidValueException} for the field {@code units} when it is out of bounds,
	 * an {@link InvalidInputException} when more units are asked for than wait (nothing
	 * is changed then); {@link com.backorderdesk.NotFoundException} for an unknown order
	 * or line
	 */
	@Transactional
	public Mono<Integer> cancelWaiting(String orderNumber, long lineId, int units, CancelReason reason, String actor) {
		if (units != ALL_WAITING) {
			try {
				InputRules.units("units", units, 1, InputRules.MAX_LINE_QUANTITY);
			}
			catch (InvalidValueException ex) {
				return Mono.error(ex);
			}
		}
		return this.lines.lock(orderNumber)
			.flatMap((orderId) -> this.lines.line(orderId, lineId)
				// allocations only change under the stock lock, so what waits is read
				// after it
				.flatMap((unlocked) -> this.inventory.lockSupply(List.of(unlocked.sku())))
				.then(this.lines.line(orderId, lineId))
				.flatMap((before) -> {
					if (before.waiting() == 0) {
						return Mono.just(0);
					}
					if (units != ALL_WAITING && units > before.waiting()) {
						return Mono.error(new InvalidInputException("units", "Only " + before.waiting()
								+ " units of this item are waiting now; nothing was cancelled"));
					}
					return cancel(orderId, before, Math.min(units, before.waiting()), reason, actor);
				}));
	}

	private Mono<Integer> cancel(long orderId, StoredQuantities before, int units, CancelReason reason, String actor) {
		Mono<List<NewOrderEvent>> cancelled = this.lines.line(orderId, before.id())
			.map((after) -> List.of(new NewOrderEvent(orderId,
					new ItemCancelled(reason, before.id(), before.sku(), units, before.state(), after.state()),
					actor)));
		return this.lines.cancel(before.id(), units)
			.then(this.replans.replan(List.of(before.sku()),
					new Replans.Change(ReplanReason.ITEM_CANCELLED, null, actor, cancelled, Set.of(before.id()))))
			.thenReturn(units);
	}

	/**
	 * Records the customer's answer to a delay notice: keep waiting. It is what silence
	 * means after a first short delay, and what keeps the line after any other (FTC Mail,
	 * Internet, or Telephone Order Merchandise Rule).
	 * @param orderNumber the shop's order number
	 * @param lineId the delayed line
	 * @param actor who answered
	 * @return whether there was a notice to answer
	 */
	@Transactional
	public Mono<Boolean> confirmWait(String orderNumber, long lineId, String actor) {
		return this.lines.lock(orderNumber).flatMap((orderId) -> this.delays.confirmWait(orderId, lineId, actor));
	}

	/**
	 * Sets whether the order ships what is ready or waits to ship complete.
	 * @param orderNumber the shop's order number
	 * @param preference the preference
	 * @param actor who chose
	 * @return whether anything changed
	 */
	@Transactional
	public Mono<Boolean> setShipPreference(String orderNumber, ShipPreference preference, String actor) {
		return setPreference(orderNumber, Preference.SHIP, preference.name(), actor);
	}

	/**
	 * Sets which changes the customer is e-mailed about.
	 * @param orderNumber the shop's order number
	 * @param preference the preference
	 * @param actor who chose
	 * @return whether anything changed
	 */
	@Transactional
	public Mono<Boolean> setEmailPreference(String orderNumber, EmailPreference preference, String actor) {
		return setPreference(orderNumber, Preference.EMAIL, preference.name(), actor);
	}

	private Mono<Boolean> setPreference(String orderNumber, Preference preference, String value, String actor) {
		return this.lines.lock(orderNumber)
			.flatMap((orderId) -> this.db.sql("select " + preference.column + " from customer_order where id = :id")
				.bind("id", orderId)
				.map((row) -> row.get(0, String.class))
				.one()
				.flatMap((current) -> current.equals(value) ? Mono.just(false) : this.db
					.sql("update customer_order set " + preference.column
							+ " = :value, version = version + 1 where id = :id")
					.bind("value", value)
					.bind("id", orderId)
					.then()
					.then(this.events.append(new NewOrderEvent(orderId, preference.event(current, value), actor)))
					.thenReturn(true)));
	}

	/** The preference columns; never built from input. */
	private enum Preference {

		SHIP("ship_preference"), EMAIL("email_preference");

		private final String column;

		Preference(String column) {
			this.column = column;
		}

		TimelineEvent event(String before, String after) {
			return (this == SHIP)
					? new ShipPreferenceChanged(ShipPreference.valueOf(before), ShipPreference.valueOf(after))
					: new EmailPreferenceChanged(EmailPreference.valueOf(before), EmailPreference.valueOf(after));
		}

	}

}
