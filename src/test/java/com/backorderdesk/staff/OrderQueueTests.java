package com.backorderdesk.staff;

import java.time.LocalDate;
import java.util.concurrent.ThreadLocalRandom;

import org.junit.jupiter.api.Test;

import com.backorderdesk.Browser;
import com.backorderdesk.TestShop;
import com.backorderdesk.orders.LineStatus;
import com.backorderdesk.orders.OrderView;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.context.ApplicationContext;
import org.springframework.http.HttpStatus;
import org.springframework.test.web.reactive.server.WebTestClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A rep moves a waiting order to the front of a SKU's queue: the staff page shows each
 * waiting line's place, the move re-plans the SKU (the order passed gets the later
 * window, an event and an e-mail queued), and the audit log keeps the reason.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@AutoConfigureWebTestClient
class OrderQueueTests {

	@Autowired
	private WebTestClient http;

	private final TestShop shop;

	OrderQueueTests(@Autowired ApplicationContext context) {
		this.shop = new TestShop(context);
	}

	@Test
	void whenARepMovesALineToTheFrontThenItTakesTheRestockAndTheOrderItPassedIsTold() {
		String sku = this.shop.product("Q", 1000, 0);
		this.shop.restock(sku, 1, LocalDate.now().plusDays(5));
		OrderView first = this.shop.order("Q-FIRST", sku, 1);
		OrderView second = this.shop.order("Q-SECOND", sku, 1);
		assertThat(this.shop.line(first.number(), sku).status()).isEqualTo(LineStatus.BACKORDERED);
		assertThat(this.shop.line(second.number(), sku).status()).isEqualTo(LineStatus.OUT_OF_STOCK);
		Browser rep = rep();
		Browser.Page page = rep.get("/staff/orders/" + second.number());
		assertThat(page.body()).contains("2 of 2 waiting", "Move " + sku + " to the front");
		long lineId = second.lines().get(0).id();

		Browser.Page refused = rep.post("/staff/orders/" + second.number() + "/lines/" + lineId + "/front", "reason",
				" ");
		assertThat(refused.status()).isEqualTo(HttpStatus.BAD_REQUEST);
		assertThat(this.shop.line(second.number(), sku).status()).isEqualTo(LineStatus.OUT_OF_STOCK);

		Browser.Page moved = rep.post("/staff/orders/" + second.number() + "/lines/" + lineId + "/front", "reason",
				"Replacement for a broken delivery");
		assertThat(moved.location()).contains("moved=1");
		assertThat(this.shop.line(second.number(), sku).status()).isEqualTo(LineStatus.BACKORDERED);
		assertThat(this.shop.line(first.number(), sku).status()).isEqualTo(LineStatus.OUT_OF_STOCK);
		assertThat(rep.get("/staff/orders/" + first.number()).body()).contains("2 of 2 waiting");
		assertThat(rep.get("/staff/orders/" + second.number()).body()).contains("1 of 2 waiting");
		// the order that lost its place hears of it, in its timeline and so by e-mail
		assertThat(this.shop.count("select count(*) from order_event e join customer_order o on o.id = e.order_id "
				+ "where o.number = '" + first.number() + "' and e.type = 'LINES_REPLANNED' "
				+ "and e.payload->>'reason' = 'QUEUE_CHANGED'"))
			.isEqualTo(1);
		assertThat(this.shop.count("select count(*) from mail_outbox m join customer_order o on o.id = m.order_id "
				+ "where o.number = '" + first.number() + "'"))
			.isPositive();
		assertThat(this.shop.text("select after->>'reason' from audit_entry where action = 'ORDER_LINE_MOVED_TO_FRONT'"
				+ " and subject = 'order " + second.number() + "'"))
			.isEqualTo("Replacement for a broken delivery");
		assertThat(this.shop.text("select actor from audit_entry where action = 'ORDER_LINE_MOVED_TO_FRONT'"
				+ " and subject = 'order " + second.number() + "'"))
			.isEqualTo("rep");
	}

	private Browser rep() {
		ThreadLocalRandom random = ThreadLocalRandom.current();
		Browser rep = new Browser(this.http,
				"10." + random.nextInt(256) + "." + random.nextInt(256) + "." + random.nextInt(256));
		assertThat(rep.logIn("rep", "rep").location()).endsWith("/staff");
		return rep;
	}

}
