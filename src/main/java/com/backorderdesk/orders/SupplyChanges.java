package com.backorderdesk.orders;

import java.util.List;

import reactor.core.publisher.Mono;

import com.backorderdesk.allocation.LatenessCalibration;
import com.backorderdesk.inventory.InventoryService;
import com.backorderdesk.inventory.NewReceipt;
import com.backorderdesk.inventory.NewRestock;
import com.backorderdesk.inventory.Restock;
import com.backorderdesk.inventory.RestockChange;
import com.backorderdesk.inventory.RestockShift;
import com.backorderdesk.inventory.RestockUpdate;
import com.backorderdesk.inventory.ShiftedRestock;
import org.springframework.stereotype.Service;
import org.springframework.transaction.ReactiveTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.reactive.TransactionalOperator;
import org.springframework.transaction.support.DefaultTransactionDefinition;

/**
 * Supply changes that move customers' orders: each one writes the change, re-plans the
 * SKU and appends an event to every order whose lines changed, all in one transaction.
 */
@Service
public class SupplyChanges {

	/** The reason recorded in order events when restock dates were shifted in bulk. */
	public static final String RESTOCKS_SHIFTED = "RESTOCKS_SHIFTED";

	/** The reason recorded in order events when a restock was received. */
	public static final String RESTOCK_RECEIVED = "RESTOCK_RECEIVED";

	/**
	 * The reason recorded in order events when a receipt changed a supplier's lateness
	 * allowance and so the windows of its other restocks' lines.
	 */
	public static final String SUPPLIER_HISTORY = "SUPPLIER_HISTORY";

	private final InventoryService inventory;

	private final OrderService orders;

	private final SupplyImpacts impacts;

	private final TransactionalOperator rehearsal;

	private final LatenessCalibration calibration;

	SupplyChanges(InventoryService inventory, OrderService orders, SupplyImpacts impacts,
			ReactiveTransactionManager transactions, EtaSettings eta) {
		this.inventory = inventory;
		this.orders = orders;
		this.impacts = impacts;
		this.calibration = eta.calibration();
		this.rehearsal = TransactionalOperator.create(transactions,
				new DefaultTransactionDefinition(TransactionDefinition.PROPAGATION_REQUIRES_NEW));
	}

	/**
	 * Sets the units on hand of a SKU.
	 * @param sku the SKU
	 * @param onHand units in the warehouse not yet shipped
	 * @param actor who changed it
	 * @return how many orders were affected
	 */
	@Transactional
	public Mono<Integer> setOnHand(String sku, int onHand, String actor) {
		return this.inventory.setOnHand(sku, onHand).then(this.orders.replan(List.of(sku), "STOCK_UPDATED", actor));
	}

	@Transactional
	public Mono<Restock> createRestock(NewRestock restock, String actor) {
		return this.inventory.create(restock)
			.flatMap((created) -> this.orders.replan(List.of(created.sku()), "RESTOCK_CREATED", actor)
				.thenReturn(created));
	}

	/**
	 * Creates many restocks and re-plans their SKUs once, in one transaction.
	 * @param restocks the restocks, whose SKUs must exist
	 * @param actor who created them
	 * @return the created restocks, in the order given
	 */
	@Transactional
	public Mono<List<Restock>> createRestocks(List<NewRestock> restocks, String actor) {
		return this.inventory.createAll(restocks)
			.flatMap((created) -> this.orders
				.replanned(created.stream().map(Restock::sku).distinct().toList(), "RESTOCK_CREATED", actor)
				.thenReturn(created));
	}

	@Transactional
	public Mono<Restock> updateRestock(long id, RestockChange change, String actor) {
		return changeRestock(id, change, actor).map(RestockUpdate::after);
	}

	/**
	 * Changes a restock like {@link #updateRestock} and answers with the restock before
	 * and after, for the audit log.
	 * @param id the restock
	 * @param change what to change, with the version it was based on
	 * @param actor who changed it
	 * @return the restock before and after
	 */
	@Transactional
	public Mono<RestockUpdate> changeRestock(long id, RestockChange change, String actor) {
		return this.inventory.update(id, change)
			.flatMap((update) -> this.orders.replan(List.of(update.after().sku()), "RESTOCK_UPDATED", actor)
				.thenReturn(update));
	}

	/**
	 * Records units of a restock that arrived: the stock grows and the engine allocates
	 * it to the waiting lines in queue order. The receipt joins the supplier's delivery
	 * record, so its lateness allowance is recalibrated in the same transaction and, when
	 * it changed, every SKU the supplier has an open restock of is re-planned (reason
	 * {@link #SUPPLIER_HISTORY}): the windows of lines its other restocks cover follow
	 * its record.
	 * @param id the restock
	 * @param receipt what arrived, and when
	 * @param actor who recorded it
	 * @return the restock before and after
	 */
	@Transactional
	public Mono<RestockUpdate> receiveRestock(long id, NewReceipt receipt, String actor) {
		return this.inventory.receive(id, receipt)
			.flatMap((update) -> this.inventory.recalibrate(this.calibration, update.after().supplier())
				.flatMap((moved) -> {
					String sku = update.after().sku();
					List<String> others = moved.stream().filter((other) -> !other.equals(sku)).toList();
					Mono<Integer> history = others.isEmpty() ? Mono.just(0)
							: this.orders.replan(others, SUPPLIER_HISTORY, actor);
					return this.orders.replan(List.of(sku), RESTOCK_RECEIVED, actor).then(history).thenReturn(update);
				}));
	}

	/**
	 * Moves many restocks' expected dates, re-plans every SKU they supply in one pass and
	 * appends the orders' events, in one transaction: all of it or nothing.
	 * @param shift which restocks, and by how many days
	 * @param actor who moved them
	 * @return the restocks moved and what it did to customers' orders
	 */
	@Transactional
	public Mono<RestockShiftOutcome> shiftRestocks(RestockShift shift, String actor) {
		return this.inventory.shift(shift).flatMap((shifted) -> {
			if (shifted.isEmpty()) {
				return Mono.just(new RestockShiftOutcome(shifted, SupplyImpact.NONE));
			}
			List<String> skus = shifted.stream().map(ShiftedRestock::sku).distinct().toList();
			return this.orders.replanned(skus, RESTOCKS_SHIFTED, actor)
				.flatMap(this.impacts::measure)
				.map((impact) -> new RestockShiftOutcome(shifted, impact));
		});
	}

	/**
	 * What {@link #shiftRestocks} would do now: the same shift and re-plan, run in a
	 * transaction of its own that is always rolled back, so the numbers are the ones an
	 * apply would produce and nobody ever sees the rehearsal.
	 * @param shift which restocks, and by how many days
	 * @param actor who asks
	 * @return what the shift would do
	 */
	public Mono<RestockShiftOutcome> previewShift(RestockShift shift, String actor) {
		return this.rehearsal.execute((transaction) -> {
			transaction.setRollbackOnly();
			return shiftRestocks(shift, actor);
		}).single();
	}

}
