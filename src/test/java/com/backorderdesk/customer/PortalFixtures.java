package com.backorderdesk.customer;

import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.backorderdesk.Browser;
import com.backorderdesk.catalog.CatalogService;
import com.backorderdesk.catalog.Product;
import com.backorderdesk.inventory.NewRestock;
import com.backorderdesk.inventory.RestockChange;
import com.backorderdesk.orders.OrderService;
import com.backorderdesk.orders.OrderView;
import com.backorderdesk.orders.PlaceOrder;
import com.backorderdesk.orders.SupplyChanges;
import org.springframework.boot.test.context.TestComponent;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * Creates catalogue, stock and orders through the public services, with names unique to
 * each test because every test shares the database. Tests {@code @Import} it.
 */
@TestComponent
class PortalFixtures {

	static final Duration TIMEOUT = Duration.ofSeconds(30);

	private final CatalogService catalog;

	private final SupplyChanges supply;

	private final OrderService orders;

	PortalFixtures(CatalogService catalog, SupplyChanges supply, OrderService orders) {
		this.catalog = catalog;
		this.supply = supply;
		this.orders = orders;
	}

	static String unique(String prefix) {
		return prefix + "-" + UUID.randomUUID().toString().substring(0, 12);
	}

	static Browser browser(WebTestClient http) {
		return Browser.of(http);
	}

	String product(String name, int onHand) {
		String sku = unique("SKU");
		this.catalog.upsert(new Product(sku, name, "Test", Map.of(), 1999, "EUR")).block(TIMEOUT);
		if (onHand > 0) {
			this.supply.setOnHand(sku, onHand, "test").block(TIMEOUT);
		}
		return sku;
	}

	void rename(String sku, String name) {
		this.catalog.upsert(new Product(sku, name, "Test", Map.of(), 1999, "EUR")).block(TIMEOUT);
	}

	long restock(String sku, int quantity, LocalDate expectedOn) {
		return this.supply.createRestock(new NewRestock(sku, "Test Supplier", quantity, expectedOn), "test")
			.block(TIMEOUT)
			.id();
	}

	void moveRestock(long restockId, LocalDate expectedOn) {
		this.supply.updateRestock(restockId, new RestockChange(expectedOn, null, null, null), "test").block(TIMEOUT);
	}

	void setOnHand(String sku, int onHand) {
		this.supply.setOnHand(sku, onHand, "test").block(TIMEOUT);
	}

	/**
	 * Places an order.
	 * @param email the customer's e-mail
	 * @param skuAndQuantity SKU, quantity, SKU, quantity, ...
	 * @return the placed order
	 */
	OrderView order(String email, Object... skuAndQuantity) {
		List<Object> pairs = Arrays.asList(skuAndQuantity);
		List<PlaceOrder.Line> lines = new ArrayList<>();
		for (int i = 0; i < pairs.size(); i += 2) {
			lines.add(new PlaceOrder.Line((String) pairs.get(i), (Integer) pairs.get(i + 1)));
		}
		return this.orders.place(new PlaceOrder(unique("BO"), email, "Test Customer", lines), "test")
			.block(TIMEOUT)
			.order();
	}

}
