package com.backorderdesk.notification;

import java.time.LocalDate;
import java.time.Duration;
import java.util.List;

import jakarta.mail.internet.MimeMessage;
import org.junit.jupiter.api.Test;

import com.backorderdesk.Browser;
import com.backorderdesk.TestMail;
import com.backorderdesk.TestShop;
import com.backorderdesk.inventory.NewReceipt;
import com.backorderdesk.inventory.NewRestock;
import com.backorderdesk.orders.OrderService;
import com.backorderdesk.orders.OrderView;
import com.backorderdesk.orders.PlaceOrder;
import com.backorderdesk.orders.SupplyChanges;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.context.ApplicationContext;
import org.springframework.context.annotation.Import;
import org.springframework.http.HttpStatus;
import org.springframework.test.web.reactive.server.WebTestClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * "Tell me when it's back", through the product page and real SMTP: the e-mail is queued
 * with the stock change that frees stock for a new order, once per request, and never
 * when the orders already waiting take all of it.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = "backorder.mail.scheduled=false")
@AutoConfigureWebTestClient
@Import(MailTestSupport.Config.class)
class BackInStockMailTests {

	@Autowired
	private MailDispatcher dispatcher;

	@Autowired
	private BackInStockNotices backInStock;

	@Autowired
	private SupplyChanges supply;

	@Autowired
	private OrderService orders;

	@Autowired
	private MailTestSupport.MutableClock clock;

	@Autowired
	private WebTestClient http;

	private final TestShop shop;

	private final TestMail mail = TestMail.get();

	BackInStockMailTests(@Autowired ApplicationContext context) {
		this.shop = new TestShop(context);
	}

	@Test
	void whenStockArrivesThenEachSubscriberGetsOneEmailWithTheProductLinkAndTheRequestEnds() {
		String lamp = this.shop.product("LAMP", 1999, 0);
		String rug = this.shop.product("RUG", 4999, 0);
		String ada = this.shop.unique("ada") + "@example.com";
		String grace = this.shop.unique("grace") + "@example.com";
		String alan = this.shop.unique("alan") + "@example.com";
		subscribe(lamp, ada);
		subscribe(lamp, grace);
		subscribe(rug, alan);

		this.supply.setOnHand(lamp, 5, "test").block(MailTestSupport.TIMEOUT);
		assertThat(this.shop.count("select count(*) from mail_outbox where kind = 'BACK_IN_STOCK' and recipient in ('"
				+ ada + "', '" + grace + "')"))
			.as("queued with the stock change, before any job runs")
			.isEqualTo(2);
		assertThat(waiting(lamp)).as("both requests ended with the change").isZero();
		dispatch();
		for (String email : List.of(ada, grace)) {
			MimeMessage back = only(email);
			assertThat(MailTestSupport.header(back, "Subject")).isEqualTo("Product " + lamp + " is back in stock");
			for (String type : List.of("text/plain", "text/html")) {
				assertThat(MailTestSupport.content(back, type)).contains("Product " + lamp + " can be ordered again",
						"/products/" + lamp, "we will not write about this product again");
			}
			String link = MailTestSupport.link(MailTestSupport.content(back, "text/plain"), "See the product: ");
			assertThat(link).matches("http://[^/]+/products/" + lamp);
			Browser.Page page = Browser.of(this.http).get(link.substring(link.indexOf("/products/")));
			assertThat(page.status()).isEqualTo(HttpStatus.OK);
			assertThat(page.body()).contains("Product " + lamp, "In stock");
		}

		sweep();
		this.supply.setOnHand(lamp, 7, "test").block(MailTestSupport.TIMEOUT);
		sweep();
		dispatch();
		assertThat(this.mail.messagesTo(ada)).as("once, then the request has ended").hasSize(1);
		assertThat(this.mail.messagesTo(grace)).hasSize(1);
		assertThat(this.mail.messagesTo(alan)).as("the rug is still out of stock").isEmpty();
		assertThat(waiting(rug)).isEqualTo(1);
	}

	@Test
	void whenTheWaitingOrdersTakeAllTheArrivingStockThenNobodyIsToldItIsBack() {
		// the clock stands still at an instant PostgreSQL rounds up when it stores the
		// order's placed_at: a new order asked about at that instant still queues behind
		long fraction = this.clock.instant().getNano() % 1000;
		this.clock.advance(Duration.ofNanos(Math.floorMod(900 - fraction, 1000)));
		String chair = this.shop.product("CHAIR", 4999, 0);
		long restock = this.supply
			.createRestock(new NewRestock(chair, this.shop.unique("Supplier"), 3, today().plusDays(10)), "test")
			.block(MailTestSupport.TIMEOUT)
			.id();
		OrderView order = this.orders
			.place(new PlaceOrder(this.shop.unique("BO"), this.shop.unique("waiting") + "@example.com", "Ada Lovelace",
					List.of(new PlaceOrder.Line(chair, 3))), "test")
			.block(MailTestSupport.TIMEOUT)
			.order();
		String linus = this.shop.unique("linus") + "@example.com";
		subscribe(chair, linus);

		this.supply.receiveRestock(restock, new NewReceipt(3, today(), null), "test").block(MailTestSupport.TIMEOUT);
		assertThat(this.shop.line(order.number(), chair).allocated()).as("the queue took all three").isEqualTo(3);
		sweep();
		dispatch();
		assertThat(this.mail.messagesTo(linus)).as("no stock is free for a new order").isEmpty();
		assertThat(waiting(chair)).as("the request still waits").isEqualTo(1);

		this.supply.setOnHand(chair, 4, "test").block(MailTestSupport.TIMEOUT);
		dispatch();
		assertThat(MailTestSupport.header(only(linus), "Subject")).isEqualTo("Product " + chair + " is back in stock");
		assertThat(waiting(chair)).isZero();
	}

	@Test
	void whenARequestComesInAsStockReturnsThenTheSweepTellsIt() {
		String kettle = this.shop.product("KETTLE", 2999, 0);
		String edsger = this.shop.unique("edsger") + "@example.com";
		Browser browser = Browser.of(this.http);
		assertThat(browser.get("/products/" + kettle).body()).contains("Out of stock");
		this.supply.setOnHand(kettle, 2, "test").block(MailTestSupport.TIMEOUT);
		assertThat(browser.post("/products/" + kettle + "/notify", "email", edsger).status())
			.isEqualTo(HttpStatus.SEE_OTHER);
		dispatch();
		assertThat(this.mail.messagesTo(edsger)).as("no change to the kettle came after the request").isEmpty();
		sweep();
		sweep();
		dispatch();
		assertThat(MailTestSupport.header(only(edsger), "Subject"))
			.isEqualTo("Product " + kettle + " is back in stock");
		assertThat(waiting(kettle)).isZero();
	}

	/** Asks to be told, on the product page, as a shopper does. */
	private void subscribe(String sku, String email) {
		Browser browser = Browser.of(this.http);
		assertThat(browser.get("/products/" + sku).body()).contains("Out of stock");
		assertThat(browser.post("/products/" + sku + "/notify", "email", email).status())
			.isEqualTo(HttpStatus.SEE_OTHER);
	}

	private long waiting(String sku) {
		return this.shop
			.count("select count(*) from back_in_stock_request where notified_at is null and sku = '" + sku + "'");
	}

	private MimeMessage only(String email) {
		List<MimeMessage> received = this.mail.messagesTo(email);
		assertThat(received).as("e-mails to " + email).hasSize(1);
		return received.get(0);
	}

	private void sweep() {
		this.backInStock.sweep().block(MailTestSupport.TIMEOUT);
	}

	private void dispatch() {
		this.dispatcher.dispatchDue().block(MailTestSupport.TIMEOUT);
	}

	private LocalDate today() {
		return LocalDate.now(this.clock);
	}

}
