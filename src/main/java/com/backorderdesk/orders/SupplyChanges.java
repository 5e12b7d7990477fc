package com.backorderdesk.orders;

import java.util.List;

import org.jspecify.annotations.Nullable;
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
import org.springframework.transaction.annotation.Transactional;

/**
 * Supply changes that move customers' orders: each one writes the change, re-plans the
 * SKU and appends an event to every order whose lines changed, all in one transaction.
 */
@Service
public class SupplyChanges {

	private final InventoryService inventory;

	private final OrderService orders;

	private final SupplyImpacts impacts;

	private final LatenessCalibration calibration;

	SupplyChanges(InventoryService inventory, OrderService orders, SupplyImpacts impacts, EtaSettings eta) {
		this.inventory = inventory;
		this.orders = orders;
		this.impacts = impacts;
		this.calibration = eta.calibration();
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
		return this.inventory.setOnHand(sku, onHand)
			.then(this.orders.replan(List.of(sku), ReplanReason.STOCK_UPDATED, null, actor))
			.flatMap(this.impacts::measure)
			.map(SupplyImpact::orders);
	}

	/**
	 * Plans a new inbound restock and re-plans its SKU.
	 * @param restock the restock
	 * @param actor who planned it
	 * @return the restock as stored
	 */
	@Transactional
	public Mono<Restock> createRestock(NewRestock restock, String actor) {
		return this.inventory.create(restock)
			.flatMap((created) -> this.orders.replan(List.of(created.sku()), ReplanReason.RESTOCK_CREATED, null, actor)
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
				.replan(created.stream().map(Restock::sku).distinct().toList(), ReplanReason.RESTOCK_CREATED, null,
						actor)
				.thenReturn(created));
	}

	/**
	 * Changes a restock like {@link #changeRestock} without a note for customers.
	 * @param id the restock
	 * @param change what to change, with the version it was based on
	 * @param actor who changed it
	 * @return the restock after
	 */
	@Transactional
	public Mono<Restock> updateRestock(long id, RestockChange change, String actor) {
		return changeRestock(id, change, null, actor).map(RestockChanged::after);
	}

	/**
	 * Changes a restock, re-plans its SKU and appends the orders' events, delay notices
	 * included, in one transaction.
	 * @param id the restock
	 * @param change what to change, with the version it was based on
	 * @param note why, in words customers read (shown with the change and in delay
	 * notices it causes); {@code null} keeps the restock's last one
	 * @param actor who changed it
	 * @return the restock before and after, and what it did to customers' orders
	 */
	@Transactional
	public Mono<RestockChanged> changeRestock(long id, RestockChange change, @Nullable String note, String actor) {
		return this.inventory.update(id, change)
			.flatMap((update) -> this.inventory.noteRestocks(List.of(id), note)
				.then(this.orders.replan(List.of(update.after().sku()), ReplanReason.RESTOCK_UPDATED,
						InventoryService.customerNote(note), actor))
				.flatMap(this.impacts::measure)
				.map((impact) -> new RestockChanged(update.before(), update.after(), impact)));
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
			.flatMap((update) -> replanReceipt(update, ReplanReason.RESTOCK_RECEIVED, actor));
	}

	/**
	 * Recalibrates the supplier's lateness after a receipt changed, and re-plans the SKU
	 * and, when the allowance moved, the supplier's other SKUs.
	 */
	private Mono<RestockUpdate> replanReceipt(RestockUpdate update, ReplanReason reason, String actor) {
		return this.inventory.recalibrate(this.calibration, update.after().supplier()).flatMap((moved) -> {
			String sku = update.after().sku();
			List<String> others = moved.stream().filter((other) -> !other.equals(sku)).toList();
			Mono<?> history = others.isEmpty() ? Mono.empty()
					: this.orders.replan(others, ReplanReason.SUPPLIER_HISTORY, null, actor);
			return this.orders.replan(List.of(sku), reason, null, actor).then(history).thenReturn(update);
		});
	}

	/**
	 * Corrects the units of a receipt recorded today
	 * ({@link InventoryService#correctReceipt}) and re-plans as a receipt does: the
	 * supplier's lateness allowance is recalibrated, the SKU re-planned (stock that
	 * shrank is taken back from the last lines in the queue first), and every order whose
	 * lines changed gets its events, in one transaction.
	 * @param restockId the restock
	 * @param receiptId the receipt
	 * @param quantity the units that really arrived with it
	 * @param version the restock version the correction was based on, or {@code null}
	 * @param actor who corrected it
	 * @return the restock before and after
	 */
	@Transactional
	public Mono<RestockUpdate> correctReceipt(long restockId, long receiptId, int quantity, @Nullable Long version,
			String actor) {
		return this.inventory.correctReceipt(restockId, receiptId, quantity, version)
			.flatMap((update) -> (update.before().equals(update.after())) ? Mono.just(update)
					: replanReceipt(update, ReplanReason.RECEIPT_CORRECTED, actor));
	}

	/**
	 * Moves many restocks' expected dates, re-plans every SKU they supply in one pass and
	 * appends the orders' events, delay notices included, in one transaction: all of it
	 * or nothing.
	 * @param shift which restocks, and by how many days
	 * @param note why, in words customers read (shown with the change and in delay
	 * notices it causes); {@code null} for none
	 * @param actor who moved them
	 * @return the restocks moved and what it did to customers' orders
	 */
	@Transactional
	public Mono<RestockShiftOutcome> shiftRestocks(RestockShift shift, @Nullable String note, String actor) {
		return this.inventory.shift(shift).flatMap((shifted) -> {
			if (shifted.isEmpty()) {
				return Mono.just(new RestockShiftOutcome(shifted, SupplyImpact.NONE));
			}
			List<String> skus = shifted.stream().map(ShiftedRestock::sku).distinct().toList();
			return this.inventory.noteRestocks(shifted.stream().map(ShiftedRestock::id).toList(), note)
				.then(this.orders.replan(skus, ReplanReason.RESTOCKS_SHIFTED, InventoryService.customerNote(note),
						actor))
				.flatMap(this.impacts::measure)
				.map((impact) -> new RestockShiftOutcome(shifted, impact));
		});
	}

}
