package com.backorderdesk.notification;

import java.time.Duration;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;

import jakarta.mail.internet.MimeMessage;
import org.junit.jupiter.api.Test;

import com.backorderdesk.TestMail;
import com.backorderdesk.TestShop;
import com.backorderdesk.allocation.EtaWindow;
import com.backorderdesk.inventory.NewRestock;
import com.backorderdesk.inventory.RestockChange;
import com.backorderdesk.orders.EmailPreference;
import com.backorderdesk.orders.OrderChoices;
import com.backorderdesk.orders.OrderService;
import com.backorderdesk.orders.OrderView;
import com.backorderdesk.orders.PlaceOrder;
import com.backorderdesk.orders.SupplyChanges;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.context.ApplicationContext;
import org.springframework.context.annotation.Import;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What customers get by e-mail about their orders, through real SMTP: the confirmation,
 * one e-mail for several window changes, nothing for those who want nothing, and
 * unsubscribing with one click.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = "backorder.mail.scheduled=false")
@AutoConfigureWebTestClient
@Import(MailTestSupport.Config.class)
class OrderMailTests {

	private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("EEE, MMM d", Locale.ENGLISH);

	@Autowired
	private MailDispatcher dispatcher;

	@Autowired
	private OrderService orders;

	@Autowired
	private OrderChoices choices;

	@Autowired
	private SupplyChanges supply;

	@Autowired
	private MailTestSupport.MutableClock clock;

	@Autowired
	private WebTestClient http;

	private final TestShop shop;

	private final TestMail mail = TestMail.get();

	OrderMailTests(@Autowired ApplicationContext context) {
		this.shop = new TestShop(context);
	}

	@Test
	void whenOrderWithBackorderedItemsIsPlacedThenTheConfirmationSaysWhichWaitAndUntilWhen() {
		String lamp = this.shop.product("LAMP", 1999, 5);
		String chair = this.shop.product("CHAIR", 4999, 0);
		this.shop.restock(chair, 10, today().plusDays(10));
		String kettle = this.shop.product("KETTLE", 2999, 0);
		String email = this.shop.unique("ada") + "@example.com";
		OrderView order = place(email, lamp, chair, kettle);
		EtaWindow window = order.lines().get(1).eta();
		dispatch();
		MimeMessage confirmation = this.mail.await(email, 1, MailTestSupport.TIMEOUT).get(0);
		String html = MailTestSupport.content(confirmation, "text/html");
		String text = MailTestSupport.content(confirmation, "text/plain");
		assertThat(MailTestSupport.header(confirmation, "Subject"))
			.isEqualTo("Your order " + order.number() + ": what ships now and what waits");
		for (String body : List.of(html, text)) {
			assertThat(body).contains("Hello Ada Lovelace,", "2 items are not in stock yet", "1 × Product " + lamp,
					"In stock", "1 × Product " + chair,
					"Backordered: arrives " + DAY.format(window.earliest()) + " – " + DAY.format(window.latest()),
					"1 × Product " + kettle, "No restock date yet", "/o/");
		}
		assertThat(MailTestSupport.header(confirmation, "Message-ID"))
			.matches("<outbox-[0-9]+\\.[0-9]+@backorder-desk\\.localhost>");
		assertThat(MailTestSupport.header(confirmation, "List-Unsubscribe")).matches("<http://.+/unsubscribe/.+>");
		assertThat(MailTestSupport.header(confirmation, "List-Unsubscribe-Post"))
			.isEqualTo("List-Unsubscribe=One-Click");
	}

	@Test
	void whenTheWindowMovesThreeTimesWithinTheCoalescingWindowThenOneEmailTellsTheNetChange() {
		String chair = this.shop.product("CHAIR", 4999, 0);
		long restock = restock(chair, today().plusDays(10));
		String email = this.shop.unique("grace") + "@example.com";
		OrderView order = place(email, chair);
		EtaWindow first = order.lines().get(0).eta();
		dispatch();
		this.mail.await(email, 1, MailTestSupport.TIMEOUT);
		for (int days : List.of(12, 15, 19)) {
			this.supply.updateRestock(restock, new RestockChange(today().plusDays(days), null, null, null), "test")
				.block(MailTestSupport.TIMEOUT);
		}
		EtaWindow last = this.shop.find(order.number()).lines().get(0).eta();
		assertThat(this.shop.count("select count(*) from mail_outbox where kind = 'ETA_CHANGED' and order_id = "
				+ order.id() + " and status = 'PENDING'"))
			.isEqualTo(1);
		dispatch();
		assertThat(this.mail.messagesTo(email)).as("nothing before the coalescing window ends").hasSize(1);
		this.clock.advance(Duration.ofMinutes(11));
		dispatch();
		MimeMessage changed = this.mail.await(email, 2, MailTestSupport.TIMEOUT).get(1);
		assertThat(MailTestSupport.header(changed, "Subject"))
			.isEqualTo("Order " + order.number() + ": new delivery dates");
		assertThat(MailTestSupport.content(changed, "text/plain")).contains(
				"Now " + DAY.format(last.earliest()) + " – " + DAY.format(last.latest()) + " (was "
						+ DAY.format(first.earliest()) + " – " + DAY.format(first.latest()) + ")",
				"9 days later than we told you.");
		dispatch();
		assertThat(this.mail.messagesTo(email)).hasSize(2);
	}

	@Test
	void whenTheWindowMovesAndMovesBackThenNoEmailIsSent() {
		String chair = this.shop.product("CHAIR", 4999, 0);
		long restock = restock(chair, today().plusDays(10));
		String email = this.shop.unique("alan") + "@example.com";
		OrderView order = place(email, chair);
		for (int days : List.of(14, 10)) {
			this.supply.updateRestock(restock, new RestockChange(today().plusDays(days), null, null, null), "test")
				.block(MailTestSupport.TIMEOUT);
		}
		this.clock.advance(Duration.ofMinutes(11));
		dispatch();
		this.mail.await(email, 1, MailTestSupport.TIMEOUT);
		assertThat(this.shop
			.text("select status from mail_outbox where kind = 'ETA_CHANGED' and order_id = " + order.id()))
			.isEqualTo("SKIPPED");
		assertThat(this.mail.messagesTo(email)).hasSize(1);
	}

	@Test
	void whenTheCustomerWantsNoEmailThenNothingIsQueuedOrSent() {
		String chair = this.shop.product("CHAIR", 4999, 0);
		long restock = restock(chair, today().plusDays(10));
		String email = this.shop.unique("edsger") + "@example.com";
		OrderView order = place(email, chair);
		this.choices.setEmailPreference(order.number(), EmailPreference.NONE, "customer")
			.block(MailTestSupport.TIMEOUT);
		this.supply.updateRestock(restock, new RestockChange(today().plusDays(30), null, null, null), "test")
			.block(MailTestSupport.TIMEOUT);
		this.choices.cancelWaiting(order.number(), order.lines().get(0).id(), "customer")
			.block(MailTestSupport.TIMEOUT);
		this.clock.advance(Duration.ofMinutes(11));
		dispatch();
		assertThat(this.shop.count("select count(*) from mail_outbox where order_id = " + order.id()))
			.as("only the confirmation, queued before the choice")
			.isEqualTo(1);
		assertThat(this.shop.text("select status from mail_outbox where order_id = " + order.id()))
			.isEqualTo("SKIPPED");
		assertThat(this.mail.messagesTo(email)).isEmpty();
	}

	@Test
	void whenMailClientPostsOneClickUnsubscribeWithoutSessionThenNoMoreEmail() {
		String lamp = this.shop.product("LAMP", 1999, 5);
		String email = this.shop.unique("barbara") + "@example.com";
		OrderView order = place(email, lamp);
		dispatch();
		MimeMessage confirmation = this.mail.await(email, 1, MailTestSupport.TIMEOUT).get(0);
		String link = MailTestSupport.header(confirmation, "List-Unsubscribe");
		String path = link.substring(link.indexOf("/unsubscribe/"), link.length() - 1);
		this.http.get()
			.uri(path)
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody(String.class)
			.value((page) -> assertThat(page).contains("Stop all e-mails about order " + order.number()));
		assertThat(this.shop.find(order.number()).emailPreference()).as("opening the link changes nothing")
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
		assertThat(this.shop.find(order.number()).emailPreference()).isEqualTo(EmailPreference.NONE);
		this.http.post()
			.uri(path + "x")
			.contentType(MediaType.APPLICATION_FORM_URLENCODED)
			.bodyValue("List-Unsubscribe=One-Click")
			.exchange()
			.expectStatus()
			.isBadRequest();
	}

	private OrderView place(String email, String... skus) {
		List<PlaceOrder.Line> lines = java.util.Arrays.stream(skus).map((sku) -> new PlaceOrder.Line(sku, 1)).toList();
		return this.orders.place(new PlaceOrder(this.shop.unique("BO"), email, "Ada Lovelace", lines), "test")
			.block(MailTestSupport.TIMEOUT)
			.order();
	}

	private long restock(String sku, LocalDate expectedOn) {
		return this.supply.createRestock(new NewRestock(sku, this.shop.unique("Supplier"), 10, expectedOn), "test")
			.block(MailTestSupport.TIMEOUT)
			.id();
	}

	private void dispatch() {
		this.dispatcher.dispatchDue().block(MailTestSupport.TIMEOUT);
	}

	private LocalDate today() {
		return LocalDate.now(this.clock);
	}

}
