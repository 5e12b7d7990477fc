package com.backorderdesk.staff.outbox;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

import org.junit.jupiter.api.Test;

import com.backorderdesk.Browser;
import com.backorderdesk.TestShop;
import com.backorderdesk.orders.OrderService;
import com.backorderdesk.orders.PlaceOrder;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.context.ApplicationContext;
import org.springframework.http.HttpStatus;
import org.springframework.test.web.reactive.server.WebTestClient;
import org.springframework.web.util.HtmlUtils;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The outbox page lists each order's e-mails as the dispatcher left them: a sent one with
 * its subject and what it told, a dropped one with why no e-mail went out; and finds an
 * order's e-mails by part of its number or of the customer's address.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@AutoConfigureWebTestClient
class OutboxPageTests {

	private static final Duration TIMEOUT = Duration.ofSeconds(30);

	@Autowired
	private WebTestClient http;

	@Autowired
	private OrderService orders;

	private final TestShop shop;

	OutboxPageTests(@Autowired ApplicationContext context) {
		this.shop = new TestShop(context);
	}

	@Test
	void whenAnOrderHasASentAndADroppedEMailThenTheOutboxShowsBothAndSaysWhyOneWasDropped() throws Exception {
		String sku = this.shop.product("OUTBOX", 1500, 5);
		String number = this.shop.unique("OBX");
		String email = this.shop.unique("outbox").toLowerCase() + "@example.com";
		this.orders.place(new PlaceOrder(number, email, "Olive Outbox", List.of(new PlaceOrder.Line(sku, 1))), "test")
			.block(TIMEOUT);
		long orderId = this.shop.count("select id from customer_order where number = '" + number + "'");
		this.shop.execute(
				"update mail_outbox set next_attempt_at = now() where status = 'PENDING' and order_id = " + orderId);
		long sent = awaitRow(orderId, "SENT");
		// the order's next e-mail has nothing new to tell: the dispatcher drops it
		String key = this.shop.unique("nothing-new");
		this.shop.execute("""
				insert into mail_outbox (order_id, recipient, kind, model, dedup_key, coalesce_key, status,
					next_attempt_at)
				values (%d, '%s', 'ORDER', '{}', '%s', 'order:%d', 'PENDING', now())
				""".formatted(orderId, email, key, orderId));
		long dropped = awaitRow(orderId, "SKIPPED");
		String subject = this.shop.text("select subject from mail_outbox where id = " + sent);
		String outcome = this.shop.text("select outcome from mail_outbox where id = " + dropped);
		assertThat(subject).isNotBlank();
		assertThat(outcome).isNotBlank();

		Browser rep = rep();
		String digits = number.substring(number.indexOf('-') + 1).toLowerCase();
		Browser.Page page = rep.get("/staff/outbox?q=" + digits);
		assertThat(page.status()).isEqualTo(HttpStatus.OK);
		String body = page.body();
		assertThat(body).contains("id=\"order-mails-" + number + "\"", "id=\"outbox-" + sent + "\"",
				"id=\"outbox-" + dropped + "\"", HtmlUtils.htmlEscape(subject), "confirmation",
				"Dropped, no e-mail went out: " + HtmlUtils.htmlEscape(outcome) + ".", "badge badge-ready",
				"badge badge-cancelled");
		// newest first
		assertThat(body.indexOf("id=\"outbox-" + dropped + "\""))
			.isLessThan(body.indexOf("id=\"outbox-" + sent + "\""));

		assertThat(rep.get("/staff/outbox?q=" + email.substring(0, email.indexOf('@')).toUpperCase()).body())
			.contains("id=\"outbox-" + sent + "\"");
		assertThat(rep.get("/staff/outbox?q=" + this.shop.unique("nobody")).body())
			.contains("No order with that number or address has e-mails.")
			.doesNotContain("id=\"order-mails-");
		// the characters of a LIKE pattern are searched for as written
		assertThat(rep.get("/staff/outbox?q=%25").body()).doesNotContain("id=\"outbox-" + sent + "\"");
	}

	private long awaitRow(long orderId, String status) throws InterruptedException {
		String sql = "select coalesce(max(id), 0) from mail_outbox where order_id = " + orderId + " and status = '"
				+ status + "'";
		long deadline = System.nanoTime() + TIMEOUT.toNanos();
		while (System.nanoTime() < deadline) {
			long id = this.shop.count(sql);
			if (id > 0) {
				return id;
			}
			Thread.sleep(100);
		}
		throw new AssertionError("no " + status + " e-mail of order " + orderId + " within " + TIMEOUT);
	}

	private Browser rep() {
		ThreadLocalRandom random = ThreadLocalRandom.current();
		Browser browser = new Browser(this.http, "10.9." + random.nextInt(256) + "." + random.nextInt(256));
		assertThat(browser.logIn("rep", "rep").location()).endsWith("/staff");
		return browser;
	}

}
