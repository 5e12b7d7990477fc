package com.backorderdesk.staff;

import java.util.concurrent.ThreadLocalRandom;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.backorderdesk.Browser;
import com.backorderdesk.TestShop;
import com.backorderdesk.orders.OrderView;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.context.ApplicationContext;
import org.springframework.context.SmartLifecycle;
import org.springframework.http.HttpStatus;
import org.springframework.test.web.reactive.server.WebTestClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * E-mail from the rep's side: the outbox page with given-up e-mails and their retry, and
 * resending an order's latest e-mail. Every action is audited.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@AutoConfigureWebTestClient
class MailPagesTests {

	@Autowired
	private WebTestClient http;

	private final TestShop shop;

	private final SmartLifecycle mailScheduling;

	MailPagesTests(@Autowired ApplicationContext context) {
		this.shop = new TestShop(context);
		this.mailScheduling = context.getBean("mailScheduling", SmartLifecycle.class);
	}

	@BeforeEach
	void stopSending() {
		// these tests read a row as a retry or resend left it, due now: this instance's
		// dispatcher would claim and send it at its next tick, in between
		this.mailScheduling.stop();
	}

	@AfterEach
	void sendAgain() {
		this.mailScheduling.start();
	}

	@Test
	void whenAnEMailWasGivenUpThenTheOutboxPageListsItAndARetryMakesItDueAgain() {
		OrderView order = order();
		long id = deadMail(order, "Connection refused: mail.example.com");
		Browser rep = rep();
		Browser.Page page = rep.get("/staff/outbox");
		assertThat(page.status()).isEqualTo(HttpStatus.OK);
		assertThat(page.body()).contains("id=\"mail-" + id + "\"", order.number(),
				"Connection refused: mail.example.com", "Try again");
		Browser.Page retried = rep.post("/staff/outbox/" + id + "/retry");
		assertThat(retried.location()).endsWith("/staff/outbox?notice=retried");
		assertThat(this.shop.text("select status from mail_outbox where id = " + id)).isEqualTo("PENDING");
		assertThat(this.shop.count("select attempts from mail_outbox where id = " + id)).isZero();
		assertThat(
				this.shop.count("select count(*) from audit_entry where action = 'MAIL_RETRIED' and subject = 'e-mail "
						+ id + "' and actor = 'rep'"))
			.isEqualTo(1);
		assertThat(rep.get(retried.location()).body()).contains("queued again")
			.doesNotContain("id=\"mail-" + id + "\"");
	}

	@Test
	void whenTheE_MailIsNotDeadThenRetryAnswers404AndChangesNothing() {
		OrderView order = order();
		long id = deadMail(order, "Mailbox full");
		this.shop.execute("update mail_outbox set status = 'SENT', sent_at = now() where id = " + id);
		Browser rep = rep();
		rep.get("/staff/outbox");
		Browser.Page refused = rep.post("/staff/outbox/" + id + "/retry");
		assertThat(refused.status()).isEqualTo(HttpStatus.NOT_FOUND);
		assertThat(refused.body()).contains("No dead e-mail with id " + id);
		assertThat(this.shop.text("select status from mail_outbox where id = " + id)).isEqualTo("SENT");
	}

	@Test
	void whenARepResendsThenAnEMailTellingWhereEverythingStandsIsQueuedToTheOrdersAddress() {
		OrderView order = order();
		this.shop.execute("delete from mail_outbox where order_id = " + order.id());
		Browser rep = rep();
		rep.get("/staff/orders/" + order.number());
		Browser.Page resent = rep.post("/staff/orders/" + order.number() + "/resend");
		assertThat(resent.location()).contains("/staff/orders/" + order.number() + "?resent=sent");
		assertThat(this.shop.count("select count(*) from mail_outbox where order_id = " + order.id()
				+ " and dedup_key like 'resend:" + order.id() + ":%' and full_status"))
			.isEqualTo(1);
		assertThat(this.shop.count("select count(*) from audit_entry where action = 'MAIL_RESENT' and subject = 'order "
				+ order.number() + "'"))
			.isEqualTo(1);
		assertThat(rep.get("/staff/orders/" + order.number() + "?resent=sent").body())
			.contains("An e-mail that tells where every item stands now is on its way");
	}

	@Test
	void whenTheOrdersNextEMailIsStillPendingThenTheResendJoinsIt() {
		OrderView order = order();
		this.shop.execute("update mail_outbox set status = 'PENDING', next_attempt_at = now() + interval '1 hour' "
				+ "where order_id = " + order.id());
		Browser rep = rep();
		rep.get("/staff/orders/" + order.number());
		rep.post("/staff/orders/" + order.number() + "/resend");
		assertThat(this.shop.count("select count(*) from mail_outbox where order_id = " + order.id()
				+ " and status = 'PENDING' and full_status and next_attempt_at <= now()"))
			.as("one pending e-mail, due now, telling everything")
			.isEqualTo(1);
	}

	private OrderView order() {
		String sku = this.shop.product("MUG", 1200, 5);
		return this.shop.order("MAIL", sku, 1);
	}

	private long deadMail(OrderView order, String error) {
		String key = this.shop.unique("dead");
		this.shop.execute("""
				insert into mail_outbox (order_id, recipient, kind, model, dedup_key, status, attempts, next_attempt_at,
					last_error)
				values (%d, 'dead-letter@example.com', 'ORDER', '{}', '%s', 'DEAD', 8, now(), '%s')
				""".formatted(order.id(), key, error));
		return this.shop.count("select id from mail_outbox where dedup_key = '" + key + "'");
	}

	private Browser rep() {
		ThreadLocalRandom random = ThreadLocalRandom.current();
		Browser browser = new Browser(this.http, "10.8." + random.nextInt(256) + "." + random.nextInt(256));
		assertThat(browser.logIn("rep", "rep").location()).endsWith("/staff");
		return browser;
	}

}
