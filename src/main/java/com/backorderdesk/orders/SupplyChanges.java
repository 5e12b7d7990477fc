package com.backorderdesk.orders;

import java.util.List;

import reactor.core.publisher.Mono;

import com.backorderdesk.inventory.InventoryService;
import com.backorderdesk.inventory.NewRestock;
import com.backorderdesk.inventory.Restock;
import com.backorderdesk.inventory.RestockChange;
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

	SupplyChanges(InventoryService inventory, OrderService orders) {
		this.inventory = inventory;
		this.orders = orders;
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

	@Transactional
	public Mono<Restock> updateRestock(long id, RestockChange change, String actor) {
		return this.inventory.update(id, change)
			.flatMap((update) -> this.orders.replan(List.of(update.after().sku()), "RESTOCK_UPDATED", actor)
				.thenReturn(update.after()));
	}

}
