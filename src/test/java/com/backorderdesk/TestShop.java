package com.backorderdesk;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.backorderdesk.catalog.CatalogService;
import com.backorderdesk.catalog.Product;
import com.backorderdesk.inventory.NewRestock;
import com.backorderdesk.orders.OrderLineView;
import com.backorderdesk.orders.OrderService;
import com.backorderdesk.orders.OrderView;
import com.backorderdesk.orders.PlaceOrder;
import com.backorderdesk.orders.SupplyChanges;
import com.backorderdesk.substitution.NewOffer;
import com.backorderdesk.substitution.SubstitutionService;
import org.springframework.context.ApplicationContext;
import org.springframework.r2dbc.core.DatabaseClient;

/**
 * Sets up products, stock, restocks and orders through the services, with names unique to
 * one test, since all tests share one database.
 */
public final class TestShop {

	private static final Duration TIMEOUT = Duration.ofSeconds(30);

	private final String run = UUID.randomUUID().toString().substring(0, 8);

	private final CatalogService catalog;

	private final SupplyChanges supply;

	private final OrderService orders;

	private final SubstitutionService substitutions;

	private final DatabaseClient db;

	public TestShop(ApplicationContext context) {
		this.catalog = context.getBean(CatalogService.class);
		this.supply = context.getBean(SupplyChanges.class);
		this.orders = context.getBean(OrderService.class);
		this.substitutions = context.getBean(SubstitutionService.class);
		this.db = context.getBean(DatabaseClient.class);
	}

	/** A name unique to this test. */
	public String unique(String prefix) {
		return prefix + "-" + this.run;
	}

	public String product(String prefix, long priceCents, int onHand) {
		String sku = unique(prefix);
		this.catalog.upsert(new Product(sku, "Product " + sku, "Test", Map.of(), priceCents, "EUR")).block(TIMEOUT);
		this.supply.setOnHand(sku, onHand, "test").block(TIMEOUT);
		return sku;
	}

	public void restock(String sku, int quantity, LocalDate expectedOn) {
		this.supply.createRestock(new NewRestock(sku, unique("Supplier"), quantity, expectedOn), "test").block(TIMEOUT);
	}

	/**
	 * Records a restock of 5 units received in full from a supplier, added when new, as
	 * history: no stock moves and no order is re-planned.
	 * @param sku the product
	 * @param supplier the supplier's name
	 * @param promisedOn the date first promised
	 * @param receivedOn the day it arrived
	 */
	public void received(String sku, String supplier, LocalDate promisedOn, LocalDate receivedOn) {
		execute("""
				with found as (insert into supplier (name) values ('%s') on conflict (name) do nothing returning id)
				insert into restock (sku, supplier_id, quantity, quantity_received, promised_on, expected_on,
					received_on, status)
				values ('%s', coalesce((select id from found), (select id from supplier where name = '%s')), 5, 5,
					'%s', '%s', '%s', 'RECEIVED')
				""".formatted(supplier, sku, supplier, promisedOn, promisedOn, receivedOn));
	}

	public OrderView order(String prefix, String sku, int quantity) {
		String number = unique(prefix);
		this.orders
			.place(new PlaceOrder(number, "test@example.com", "Test Customer",
					List.of(new PlaceOrder.Line(sku, quantity))), "test")
			.block(TIMEOUT);
		return find(number);
	}

	public OrderView find(String number) {
		OrderView order = this.orders.find(number).block(TIMEOUT);
		if (order == null) {
			throw new IllegalStateException("No order " + number);
		}
		return order;
	}

	public OrderLineView line(String number, String sku) {
		return find(number).lines().stream().filter((line) -> line.sku().equals(sku)).findFirst().orElseThrow();
	}

	public long count(String sql) {
		Long value = this.db.sql(sql).map((row) -> row.get(0, Long.class)).one().block(TIMEOUT);
		return (value != null) ? value : 0;
	}

	public String text(String sql) {
		String value = this.db.sql(sql).map((row) -> row.get(0, String.class)).one().block(TIMEOUT);
		return (value != null) ? value : "";
	}

	/** The database, for tests that read what the services do not show. */
	public DatabaseClient db() {
		return this.db;
	}

	public void execute(String sql) {
		this.db.sql(sql).then().block(TIMEOUT);
	}

	/**
	 * An order waiting for 3 units of a product with no stock and a restock of 2 in 9
	 * days, with an in-stock substitute offered for 3 days: a row of every kind that
	 * routes name.
	 * @param prefix names the products and the order
	 */
	public OfferedOrder offeredOrder(String prefix) {
		String waiting = product(prefix, 1500, 0);
		String substitute = product(prefix + "-SUB", 1500, 50);
		restock(waiting, 2, LocalDate.now().plusDays(9));
		String email = unique(prefix.toLowerCase()) + "@example.com";
		String number = unique("BO-" + prefix);
		OrderView order = this.orders
			.place(new PlaceOrder(number, email, "Test Customer", List.of(new PlaceOrder.Line(waiting, 3))), "test")
			.block(TIMEOUT)
			.order();
		long offerId = this.substitutions
			.offer(new NewOffer(number, order.lines().get(0).id(), substitute, 3, "Same, but in stock",
					Instant.now().plus(Duration.ofDays(3))), "test")
			.block(TIMEOUT)
			.id();
		long restockId = count("select max(id) from restock where sku = '" + waiting + "'");
		return new OfferedOrder(waiting, substitute, unique("Supplier"), restockId, order, email, offerId);
	}

	/**
	 * An order with an offer, from {@link #offeredOrder}.
	 *
	 * @param waitingSku the product the order waits for
	 * @param substituteSku the product offered, 50 in stock
	 * @param supplier the restock's supplier
	 * @param restockId the restock
	 * @param order the order
	 * @param email the customer's address
	 * @param offerId the offer
	 */
	public record OfferedOrder(String waitingSku, String substituteSku, String supplier, long restockId,
			OrderView order, String email, long offerId) {

		public String number() {
			return this.order.number();
		}

		public long lineId() {
			return this.order.lines().get(0).id();
		}

	}

	/** The types of an order's events, oldest first. */
	public List<String> events(String number) {
		return this.db.sql("""
				select e.type from order_event e join customer_order o on o.id = e.order_id
				where o.number = :number order by e.id
				""").bind("number", number).map((row) -> row.get(0, String.class)).all().collectList().block(TIMEOUT);
	}

}
