package com.backorderdesk.orders;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import reactor.core.publisher.Mono;

import com.backorderdesk.inventory.InventoryService;
import com.backorderdesk.timeline.NewOrderEvent;
import com.backorderdesk.timeline.OrderEventLog;
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

	/** Waiting units of a line were cancelled. */
	public static final String ITEM_CANCELLED = "ITEM_CANCELLED";

	public static final String SHIP_PREFERENCE_CHANGED = "SHIP_PREFERENCE_CHANGED";

	public static final String EMAIL_PREFERENCE_CHANGED = "EMAIL_PREFERENCE_CHANGED";

	private final DatabaseClient db;

	private final OrderLines lines;

	private final InventoryService inventory;

	private final Replanner replanner;

	private final OrderEventLog events;

	OrderChoices(DatabaseClient db, OrderLines lines, InventoryService inventory, Replanner replanner,
			OrderEventLog events) {
		this.db = db;
		this.lines = lines;
		this.inventory = inventory;
		this.replanner = replanner;
		this.events = events;
	}

	/**
	 * Cancels what a line still waits for, at the customer's request.
	 * @param orderNumber the shop's order number
	 * @param lineId the line
	 * @param actor who cancelled
	 * @return the units cancelled, zero when nothing was waiting
	 * @see #cancelWaiting(String, long, String, String)
	 */
	@Transactional
	public Mono<Integer> cancelWaiting(String orderNumber, long lineId, String actor) {
		return cancelWaiting(orderNumber, lineId, "CUSTOMER_REQUEST", actor);
	}

	/**
	 * Cancels the units of a line that stock does not hold (backordered or without a
	 * date); allocated and shipped units are never touched. The restock supply they freed
	 * is re-planned, so other customers' windows can move earlier, and those orders get
	 * their events as for any supply change.
	 * @param orderNumber the shop's order number
	 * @param lineId the line
	 * @param reason why, recorded in the {@code ITEM_CANCELLED} event
	 * @param actor who cancelled
	 * @return the units cancelled, zero when nothing was waiting
	 */
	@Transactional
	public Mono<Integer> cancelWaiting(String orderNumber, long lineId, String reason, String actor) {
		return this.lines.lock(orderNumber)
			.flatMap((orderId) -> this.lines.line(orderId, lineId)
				// allocations only change under the stock lock, so what waits is read
				// after it
				.flatMap((unlocked) -> this.inventory.lockSupply(List.of(unlocked.sku())))
				.then(this.lines.line(orderId, lineId))
				.flatMap((before) -> (before.waiting() == 0) ? Mono.just(0) : cancel(orderId, before, reason, actor)));
	}

	private Mono<Integer> cancel(long orderId, StoredQuantities before, String reason, String actor) {
		return this.lines.cancel(before.id(), before.waiting())
			.then(this.replanner.replan(List.of(before.sku())))
			.flatMap((changes) -> this.lines.line(orderId, before.id()).flatMap((after) -> {
				List<NewOrderEvent> appended = new ArrayList<>();
				appended.add(new NewOrderEvent(
						orderId, ITEM_CANCELLED, Map.of("reason", reason, "lineId", before.id(), "sku", before.sku(),
								"quantity", before.waiting(), "before", before.state(), "after", after.state()),
						actor));
				appended.addAll(ChangeEvents.of(changes, ITEM_CANCELLED, actor, Set.of(orderId)));
				return this.events.append(appended);
			}))
			.thenReturn(before.waiting());
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
				.flatMap((current) -> current.equals(value) ? Mono.just(false)
						: this.db
							.sql("update customer_order set " + preference.column
									+ " = :value, version = version + 1 where id = :id")
							.bind("value", value)
							.bind("id", orderId)
							.then()
							.then(this.events.append(new NewOrderEvent(orderId, preference.event,
									Map.of("before", current, "after", value), actor)))
							.thenReturn(true)));
	}

	/** The preference columns; never built from input. */
	private enum Preference {

		SHIP("ship_preference", SHIP_PREFERENCE_CHANGED), EMAIL("email_preference", EMAIL_PREFERENCE_CHANGED);

		private final String column;

		private final String event;

		Preference(String column, String event) {
			this.column = column;
			this.event = event;
		}

	}

}
