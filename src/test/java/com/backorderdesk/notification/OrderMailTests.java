package com.backorderdesk.notification;

import java.time.Duration;
import java.util.Locale;

import jakarta.mail.internet.MimeMessage;
import org.junit.jupiter.api.Test;

import com.backorderdesk.orders.EmailPreference;
import com.backorderdesk.orders.OrderView;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.context.ApplicationContext;
import org.springframework.context.annotation.Import;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What customers get by e-mail about their orders, through real SMTP: the confirmation
 * with every line split as the page splits it, one e-mail for several window moves that
 * tells the net change, nothing for a move that moved back, nothing but what the law
 * requires for those who want no e-mail, and unsubscribing with one click.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = "backorder.mail.scheduled=false")
@AutoConfigureWebTestClient
@Import(MailTestSupport.Config.class)
class OrderMailTests {

	@Autowired
	private WebTestClient http;

	private final MailScenario scenario;

	OrderMailTests(@Autowired ApplicationContext context) {
		this.scenario = new MailScenario(context);
	}

	@Test
	void whenOrderWithBackorderedItemsIsPlacedThenTheConfirmationWordsEveryLineAsThePageDoes() {
		String lamp = this.scenario.shop.product("LAMP", 1999, 5);
		String chair = this.scenario.shop.product("CHAIR", 4999, 0);
		this.scenario.restock(chair, 10, 10);
		String kettle = this.scenario.shop.product("KETTLE", 2999, 0);
		String teapot = this.scenario.shop.product("TEAPOT", 2999, 2);
		String email = this.scenario.email("ada");
		OrderView order = this.scenario.place(email, lamp, chair, kettle, teapot + "*3");
		MimeMessage confirmation = this.scenario.received(email, 1);
		assertThat(MailScenario.subject(confirmation))
			.isEqualTo("Your order " + order.number() + ": what ships now and what waits");
		String text = MailScenario.text(confirmation);
		for (String body : java.util.List.of(text, MailTestSupport.content(confirmation, "text/html"))) {
			assertThat(body).contains("Hello Ada Lovelace,", "3 items are not in stock yet", "1 × Product " + lamp,
					"In stock, being prepared.", "1 × Product " + chair,
					this.scenario.wording.describe(order.lines().get(1).state(), Locale.ENGLISH),
					"1 × Product " + kettle, "Out of stock, no restock date yet.", "3 × Product " + teapot,
					"2 ready now, 1 without a restock date yet.", "/o/");
		}
		assertThat(text).doesNotContain("3 × Product " + teapot + "\n  Out of stock");
		assertThat(MailTestSupport.header(confirmation, "Message-ID"))
			.matches("<outbox-[0-9]+\\.[0-9]+@backorder-desk\\.localhost>");
		assertThat(MailTestSupport.header(confirmation, "List-Unsubscribe")).matches("<http://.+/unsubscribe/.+>");
		assertThat(MailTestSupport.header(confirmation, "List-Unsubscribe-Post"))
			.isEqualTo("List-Unsubscribe=One-Click");
		assertThat(this.scenario.rows(order)).containsExactly("SENT: CONFIRMATION / ");
	}

	@Test
	void whenTheWindowMovesThreeTimesWithinTheCoalescingWindowThenOneEmailTellsTheNetChange() {
		String chair = this.scenario.shop.product("CHAIR", 4999, 0);
		long restock = this.scenario.restock(chair, 10, 20);
		String email = this.scenario.email("grace");
		OrderView order = this.scenario.place(email, chair);
		this.scenario.received(email, 1);
		// earlier than first promised, so no delay notice
		for (int days : java.util.List.of(10, 14, 12)) {
			this.scenario.move(restock, days);
		}
		OrderView moved = this.scenario.shop.find(order.number());
		assertThat(this.scenario.shop
			.count("select count(*) from mail_outbox where status = 'PENDING' and order_id = " + order.id()))
			.as("one pending e-mail for the order")
			.isEqualTo(1);
		this.scenario.dispatch();
		assertThat(this.scenario.mail.messagesTo(email)).as("nothing before the coalescing window ends").hasSize(1);
		this.scenario.clock.advance(Duration.ofMinutes(11));
		MimeMessage changed = this.scenario.received(email, 2);
		assertThat(MailScenario.subject(changed)).isEqualTo("Order " + order.number() + ": new delivery dates");
		assertThat(MailScenario.text(changed))
			.contains(
					"Now " + this.scenario.window(moved.lines().get(0).eta()) + " (was "
							+ this.scenario.window(order.lines().get(0).eta()) + ").",
					"8 days earlier than we told you.");
		this.scenario.assertNothingMoreTo(email, 2);
	}

	@Test
	void whenTheWindowMovesAndMovesBackThenNoEmailIsSentAndTheOutboxSaysWhy() {
		String chair = this.scenario.shop.product("CHAIR", 4999, 0);
		long restock = this.scenario.restock(chair, 10, 20);
		String email = this.scenario.email("alan");
		OrderView order = this.scenario.place(email, chair);
		this.scenario.received(email, 1);
		this.scenario.move(restock, 14);
		this.scenario.move(restock, 20);
		this.scenario.after(Duration.ofMinutes(11));
		assertThat(this.scenario.rows(order)).containsExactly("SENT: CONFIRMATION / ",
				"SKIPPED:  / nothing changed since the last e-mail by enough to tell (a window moved and moved back, or less than the thresholds)");
		assertThat(this.scenario.mail.messagesTo(email)).hasSize(1);
	}

	@Test
	void whenTheCustomerWantsNoEmailThenOnlyWhatTheLawRequiresIsSent() {
		String chair = this.scenario.shop.product("CHAIR", 4999, 0);
		long restock = this.scenario.restock(chair, 10, 20);
		String email = this.scenario.email("edsger");
		OrderView order = this.scenario.place(email, chair);
		this.scenario.prefer(order, EmailPreference.NONE);
		this.scenario.move(restock, 10);
		this.scenario.after(Duration.ofMinutes(11));
		assertThat(this.scenario.mail.messagesTo(email)).as("no confirmation, no earlier window").isEmpty();
		this.scenario.choices.cancelWaiting(order.number(), order.lines().get(0).id(), "customer")
			.block(MailScenario.TIMEOUT);
		MimeMessage cancelled = this.scenario.received(email, 1);
		assertThat(MailScenario.subject(cancelled)).isEqualTo("Order " + order.number() + ": items cancelled");
		// what the customer paid for it is due back, and the e-mail says how much
		assertThat(MailScenario.text(cancelled)).contains("As you asked, we cancelled", "1 cancelled.",
				"As you asked. €49.99 will be refunded.");
		assertThat(this.scenario.rows(order)).first()
			.isEqualTo(
					"SKIPPED:  / the customer chose no e-mails, and nothing happened that the law requires us to tell");
	}

	@Test
	void whenMailClientPostsOneClickUnsubscribeWithoutSessionThenNoMoreEmail() {
		String lamp = this.scenario.shop.product("LAMP", 1999, 5);
		String email = this.scenario.email("barbara");
		OrderView order = this.scenario.place(email, lamp);
		MimeMessage confirmation = this.scenario.received(email, 1);
		String link = MailTestSupport.header(confirmation, "List-Unsubscribe");
		String path = link.substring(link.indexOf("/unsubscribe/"), link.length() - 1);
		this.http.get()
			.uri(path)
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody(String.class)
			.value((page) -> assertThat(page).contains("Stop all e-mails about order " + order.number()));
		assertThat(this.scenario.shop.find(order.number()).emailPreference()).as("opening the link changes nothing")
			.isEqualTo(EmailPreference.EVERY_UPDATE);
		this.http.post()
			.uri(path)
			.contentType(MediaType.APPLICATION_FORM_URLENCODED)
			.bodyValue("List-Unsubscribe=One-Click")
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody(String.class)
			.value((page) -> assertThat(page).contains("we will send no more e-mails about order " + order.number()));
		assertThat(this.scenario.shop.find(order.number()).emailPreference()).isEqualTo(EmailPreference.NONE);
		this.http.post()
			.uri(path + "x")
			.contentType(MediaType.APPLICATION_FORM_URLENCODED)
			.bodyValue("List-Unsubscribe=One-Click")
			.exchange()
			.expectStatus()
			.isBadRequest();
	}

}
