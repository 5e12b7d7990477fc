package com.backorderdesk.api;

import java.time.Instant;
import java.time.LocalDate;
import java.util.Map;

import io.swagger.v3.oas.annotations.media.Schema;
import org.jspecify.annotations.Nullable;

import com.backorderdesk.catalog.BackorderCap;
import com.backorderdesk.catalog.ListedProduct;
import com.backorderdesk.catalog.Product;
import com.backorderdesk.inventory.ListedRestock;
import com.backorderdesk.inventory.Restock;
import com.backorderdesk.inventory.RestockStatus;
import com.backorderdesk.inventory.StockLevel;

/**
 * What the API answers about products, stock and restocks.
 */
final class ApiResources {

	private ApiResources() {
	}

	/**
	 * A product.
	 *
	 * @param sku the SKU
	 * @param name the name customers see
	 * @param category the category, which finds substitutes
	 * @param attributes free-form attributes
	 * @param priceCents the price in the currency's minor unit
	 * @param currency ISO 4217 code
	 * @param backorders how much may be ordered beyond stock
	 * @param backorderLimit for {@code LIMITED}: units without a date all open orders may
	 * have together
	 * @param updatedAt when it last changed
	 */
	record ProductResource(String sku, String name, String category, Map<String, String> attributes, long priceCents,
			String currency, BackorderCap.Policy backorders, @Schema(types = {
					"integer", "null" }) @Nullable Integer backorderLimit,
			Instant updatedAt){

		static ProductResource of(ListedProduct listed) {
			Product product = listed.product();
			return new ProductResource(product.sku(), product.name(), product.category(), product.attributes(),
					product.priceCents(), product.currency(), product.backorders().policy(),
					product.backorders().limit(), listed.updatedAt());
		}

	}

	/**
	 * A SKU's stock.
	 *
	 * @param sku the SKU
	 * @param onHand units in the warehouse not yet shipped
	 * @param held units of it that open order lines hold
	 * @param free units no order holds
	 * @param inbound units open restocks will still bring
	 * @param updatedAt when the units on hand last changed
	 */
	record StockResource(String sku, int onHand, int held, int free, int inbound, Instant updatedAt) {

		static StockResource of(StockLevel level) {
			return new StockResource(level.sku(), level.onHand(), level.held(), level.free(), level.inbound(),
					level.updatedAt());
		}

	}

	/**
	 * An inbound restock.
	 *
	 * @param id its id
	 * @param sku the SKU
	 * @param supplier the supplier's name
	 * @param quantity units ordered from the supplier
	 * @param quantityReceived units received so far
	 * @param promisedOn the first expected date (shop's zone)
	 * @param expectedOn the expected date now
	 * @param receivedOn when it was received in full
	 * @param status where it stands
	 * @param version send it back with a change to detect concurrent edits
	 * @param updatedAt when it last changed
	 */
	record RestockResource(long id, String sku, String supplier, int quantity, int quantityReceived,
			LocalDate promisedOn, LocalDate expectedOn, @Schema(types = {
					"string", "null" }, format = "date") @Nullable LocalDate receivedOn,
			RestockStatus status, long version, Instant updatedAt){

		static RestockResource of(ListedRestock listed) {
			Restock restock = listed.restock();
			return new RestockResource(restock.id(), restock.sku(), restock.supplier(), restock.quantity(),
					restock.quantityReceived(), restock.promisedOn(), restock.expectedOn(), restock.receivedOn(),
					restock.status(), restock.version(), listed.updatedAt());
		}

	}

}
