package com.backorderdesk.orders;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import com.backorderdesk.TestShop;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.ApplicationContext;
import org.springframework.transaction.reactive.TransactionalOperator;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * An order placed at the end of a SKU's queue takes what supply is left after the lines
 * waiting ahead, without planning them again: what it gets is exactly what planning every
 * line would give it, and nothing else moves. An order that lands ahead of waiting lines
 * (placed with an earlier time) plans them all again.
 */
@SpringBootTest
class QueueAppendTests {

	private static final Duration TIMEOUT = Duration.ofSeconds(30);

	@Autowired
	private OrderService orders;

	@Autowired
	private Replanner replanner;

	@Autowired
	private TransactionalOperator transactions;

	private final TestShop shop;

	QueueAppendTests(@Autowired ApplicationContext context) {
		this.shop = new TestShop(context);
	}

	@Test
	void whenAnOrderJoinsTheEndOfALongQueueThenItGetsWhatPlanningEveryLineWouldGiveAndNothingElseMoves() {
		String sku = this.shop.product("LONG", 1000, 7);
		this.shop.restock(sku, 20, LocalDate.now().plusDays(10));
		this.shop.restock(sku, 15, LocalDate.now().plusDays(30));
		List<OrderView> queue = new ArrayList<>();
		for (int i = 0; i < 20; i++) {
			queue.add(place("Q" + i, sku, 1 + (i % 3), null));
		}
		List<OrderLineView> before = lines(queue);
		OrderView last = place("LAST", sku, 4, null);
		assertThat(lines(queue)).as("the lines ahead keep what they had").isEqualTo(before);
		assertThat(replanAll(sku)).as("planning every line again changes nothing").isEmpty();
		assertThat(this.shop.find(last.number()).lines().get(0).state()).isEqualTo(last.lines().get(0).state());
	}

	@Test
	void whenAnOrderLandsAheadOfWaitingLinesThenTheyArePlannedAgain() {
		String sku = this.shop.product("AHEAD", 1000, 2);
		this.shop.restock(sku, 3, LocalDate.now().plusDays(10));
		OrderView first = place("FIRST", sku, 2, null);
		OrderView second = place("SECOND", sku, 3, null);
		assertThat(this.shop.find(second.number()).lines().get(0).scheduled()).isEqualTo(3);
		// an order imported with an earlier time goes ahead of the second one
		OrderView early = place("EARLY", sku, 3, Instant.now().minus(Duration.ofDays(1)));
		assertThat(this.shop.find(early.number()).lines().get(0).scheduled()).isEqualTo(3);
		assertThat(this.shop.find(second.number()).lines().get(0).status()).isEqualTo(LineStatus.OUT_OF_STOCK);
		assertThat(this.shop.find(first.number()).lines().get(0).allocated()).isEqualTo(2);
		assertThat(replanAll(sku)).isEmpty();
	}

	private OrderView place(String prefix, String sku, int quantity, Instant placedAt) {
		String number = this.shop.unique(prefix);
		return this.orders
			.place(new PlaceOrder(number, "queue@example.com", "Queue", List.of(new PlaceOrder.Line(sku, quantity)),
					placedAt), "test")
			.block(TIMEOUT)
			.order();
	}

	private List<OrderLineView> lines(List<OrderView> orders) {
		return orders.stream().map((order) -> this.shop.find(order.number()).lines().get(0)).toList();
	}

	private List<LineChange> replanAll(String sku) {
		return this.transactions.transactional(this.replanner.replan(List.of(sku))).block(TIMEOUT);
	}

}
