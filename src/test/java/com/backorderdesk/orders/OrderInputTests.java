package com.backorderdesk.orders;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import reactor.test.StepVerifier;

import com.backorderdesk.InvalidValueException;
import com.backorderdesk.TestShop;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.ApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Placing an order checks what it is given in the service, whoever calls it: the API, the
 * demo data, or any module.
 */
@SpringBootTest
class OrderInputTests {

	private static final Duration TIMEOUT = Duration.ofSeconds(30);

	@Autowired
	private OrderService orders;

	@Autowired
	private ApplicationContext context;

	@Test
	void whenAnOrderSaysItWasPlacedInTheFutureOrLongAgoThenItIsRefused() {
		TestShop shop = new TestShop(this.context);
		String sku = shop.product("WHEN", 1000, 5);
		String number = shop.unique("WHEN");
		for (Instant placedAt : List.of(Instant.now().plus(Duration.ofDays(3)), Instant.parse("0001-01-01T00:00:00Z"),
				Instant.now().minus(Duration.ofDays(11 * 366)))) {
			refused(new PlaceOrder(number, "ada@example.com", "Ada", List.of(new PlaceOrder.Line(sku, 1)), placedAt),
					"placedAt");
		}
		assertThat(this.orders
			.place(new PlaceOrder(number, "ada@example.com", "Ada", List.of(new PlaceOrder.Line(sku, 1)),
					Instant.now().minus(Duration.ofDays(2))), "test")
			.block(TIMEOUT)
			.created()).isTrue();
	}

	@Test
	void whenAnOrderHasTooManyLinesOrTooManyUnitsThenItIsRefused() {
		TestShop shop = new TestShop(this.context);
		String sku = shop.product("MANY", 1000, 5);
		List<PlaceOrder.Line> lines = new ArrayList<>();
		for (int i = 0; i < 201; i++) {
			lines.add(new PlaceOrder.Line(sku + "-" + i, 1));
		}
		refused(new PlaceOrder(shop.unique("MANY"), "ada@example.com", "Ada", lines), "lines");
		refused(new PlaceOrder(shop.unique("MANY"), "ada@example.com", "Ada",
				List.of(new PlaceOrder.Line(sku, 1_000_001))), "lines[0].quantity");
		assertThat(shop.count("select count(*) from order_line where sku = '" + sku + "'")).isZero();
	}

	@Test
	void whenANumberNoOrderCouldHaveIsLookedUpThenNothingIsFound() {
		StepVerifier.create(this.orders.find("{0}")).expectComplete().verify(TIMEOUT);
		StepVerifier.create(this.orders.find("BO-\u0000")).expectComplete().verify(TIMEOUT);
	}

	private void refused(PlaceOrder order, String field) {
		StepVerifier.create(this.orders.place(order, "test"))
			.expectErrorSatisfies((ex) -> assertThat(ex).isInstanceOf(InvalidValueException.class)
				.extracting("field")
				.isEqualTo(field))
			.verify(TIMEOUT);
	}

}
