package com.backorderdesk.orders;

import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import com.backorderdesk.TestShop;
import com.backorderdesk.catalog.BackorderCap;
import com.backorderdesk.catalog.CatalogService;
import com.backorderdesk.catalog.Product;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.ApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A shop that accepts orders beyond a backorder cap: the order is placed, and the units
 * beyond the cap are cancelled at placement as not orderable, so nothing waits for them.
 */
@SpringBootTest(properties = "backorder.orders.beyond-cap=NOT_ORDERABLE")
class NotOrderableTests {

	private static final Duration TIMEOUT = Duration.ofSeconds(30);

	@Autowired
	private OrderService orders;

	@Autowired
	private CatalogService catalog;

	private final TestShop shop;

	NotOrderableTests(@Autowired ApplicationContext context) {
		this.shop = new TestShop(context);
	}

	@Test
	void whenAnOrderGoesBeyondTheCapThenTheRestIsCancelledAtPlacementAsNotOrderable() {
		String never = this.shop.product("NO-NEVER", 1000, 1);
		capped(never, new BackorderCap(BackorderCap.Policy.NEVER, null));
		String limited = this.shop.product("NO-LIM", 1000, 0);
		capped(limited, new BackorderCap(BackorderCap.Policy.LIMITED, 1));
		this.shop.restock(limited, 2, LocalDate.now().plusDays(6));
		String number = this.shop.unique("NO");
		PlacedOrder placed = this.orders
			.place(new PlaceOrder(number, "no@example.com", "Not Orderable",
					List.of(new PlaceOrder.Line(never, 3), new PlaceOrder.Line(limited, 5))), "test")
			.block(TIMEOUT);
		assertThat(placed.created()).isTrue();
		OrderLineView stocked = this.shop.line(number, never);
		assertThat(stocked.allocated()).isEqualTo(1);
		assertThat(stocked.notOrderable()).isEqualTo(2);
		assertThat(stocked.cancelled()).isEqualTo(2);
		assertThat(stocked.status()).isEqualTo(LineStatus.ALLOCATED);
		// two on the restock, one without a date under the limit, two beyond it
		OrderLineView waiting = this.shop.line(number, limited);
		assertThat(waiting.scheduled()).isEqualTo(2);
		assertThat(waiting.unscheduled()).isEqualTo(1);
		assertThat(waiting.notOrderable()).isEqualTo(2);
		assertThat(this.shop.events(number)).containsExactly("ORDER_PLACED");
	}

	private void capped(String sku, BackorderCap cap) {
		Product product = this.catalog.find(sku).block(TIMEOUT);
		this.catalog
			.upsert(new Product(sku, product.name(), product.category(), Map.of(), product.priceCents(),
					product.currency(), cap))
			.block(TIMEOUT);
	}

}
