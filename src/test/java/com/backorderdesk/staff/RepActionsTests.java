package com.backorderdesk.staff;

import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import com.backorderdesk.Browser;
import com.backorderdesk.TestShop;
import com.backorderdesk.inventory.RestockChange;
import com.backorderdesk.orders.OrderLineView;
import com.backorderdesk.orders.OrderService;
import com.backorderdesk.orders.OrderView;
import com.backorderdesk.orders.PlaceOrder;
import com.backorderdesk.orders.SupplyChanges;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.context.ApplicationContext;
import org.springframework.http.HttpStatus;
import org.springframework.test.web.reactive.server.WebTestClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A rep acting for a customer on the staff order page, over HTTP: every action needs a
 * reason, the final ones a confirmation, each goes through the customer's own service, is
 * audited with the rep's name and reason, and reads "done by our customer service" on the
 * customer's timeline. And the search a rep uses to find the order while the customer is
 * on the phone.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@AutoConfigureWebTestClient
class RepActionsTests {

	private static final Duration TIMEOUT = Duration.ofSeconds(30);

	@Autowired
	private WebTestClient http;

	@Autowired
	private OrderService orders;

	@Autowired
	private SupplyChanges supply;

	private final TestShop shop;

	RepActionsTests(@Autowired ApplicationContext context) {
		this.shop = new TestShop(context);
	}

	@Test
	void whenRepCancelsSomeWaitingUnitsThenTheyConfirmFirstAndTheCustomerReadsWhoDidIt() {
		String sku = this.shop.product("VASE", 2500, 0);
		OrderView order = this.shop.order("CANCEL", sku, 3);
		long lineId = order.lines().get(0).id();
		Browser rep = rep();
		String path = "/staff/orders/" + order.number() + "/lines/" + lineId + "/cancel";
		assertThat(rep.get("/staff/orders/" + order.number()).body()).contains("Act for the customer",
				"Cancel waiting units of Product " + sku + " (3 units wait)");

		Browser.Page noReason = rep.post(path, "units", "2", "reason", " ");
		assertThat(noReason.status()).isEqualTo(HttpStatus.BAD_REQUEST);
		assertThat(noReason.body()).contains("Give a reason: it is kept in the audit log with your name.",
				"aria-invalid=\"true\"");
		Browser.Page tooMany = rep.post(path, "units", "4", "reason", "Asked by phone");
		assertThat(tooMany.status()).isEqualTo(HttpStatus.BAD_REQUEST);
		assertThat(tooMany.body()).contains("Choose from 1 to 3 units.");

		Browser.Page confirm = rep.post(path, "units", "2", "reason", "Asked by phone");
		assertThat(confirm.status()).isEqualTo(HttpStatus.OK);
		assertThat(confirm.body()).contains("Cancel 2 units of Product " + sku + " for the customer?",
				"2 units are cancelled and not charged; 1 unit still waits.", "Reason: Asked by phone", "Yes, do it");
		assertThat(this.shop.line(order.number(), sku).cancelled()).as("nothing before the confirmation").isZero();

		Browser.Page done = rep.post(path, "units", "2", "reason", "Asked by phone", "confirmed", "true");
		assertThat(done.location()).isEqualTo("/staff/orders/" + order.number() + "?done=cancelled&units=2#act");
		assertThat(rep.get(done.location()).body()).contains("2 units were cancelled for the customer.");
		OrderLineView line = this.shop.line(order.number(), sku);
		assertThat(line.cancelled()).isEqualTo(2);
		assertThat(line.waiting()).isEqualTo(1);
		assertThat(this.shop.text("select actor from order_event e join customer_order o on o.id = e.order_id "
				+ "where o.number = '" + order.number() + "' and e.type = 'ITEM_CANCELLED'"))
			.isEqualTo("staff:rep");
		assertThat(this.shop.text("select actor || ' ' || (after ->> 'cancelled') || ' ' || (after ->> 'reason') "
				+ "from audit_entry where action = 'ITEM_CANCELLED_FOR_CUSTOMER' and subject = 'order " + order.number()
				+ "'"))
			.isEqualTo("rep 2 Asked by phone");
		assertThat(customerPage(order)).contains("Done by our customer service, as agreed with you.");
	}

	@Test
	void whenRepChangesPreferencesOrAnswersAnOfferThenTheCustomerReadsDoneByOurCustomerService() {
		TestShop.OfferedOrder offered = this.shop.offeredOrder("REPACT");
		Browser rep = rep();
		String number = offered.number();
		Browser.Page saved = rep.post("/staff/orders/" + number + "/preferences", "ship", "SHIP_COMPLETE", "email",
				"IMPORTANT_ONLY", "reason", "Customer called");
		assertThat(saved.location()).contains("done=preferences");
		OrderView order = this.shop.find(number);
		assertThat(order.shipPreference().name()).isEqualTo("SHIP_COMPLETE");
		assertThat(order.emailPreference().name()).isEqualTo("IMPORTANT_ONLY");
		assertThat(rep
			.post("/staff/orders/" + number + "/preferences", "ship", "SHIP_COMPLETE", "email", "IMPORTANT_ONLY",
					"reason", "Again")
			.location()).contains("done=unchanged");
		assertThat(rep.post("/staff/orders/" + number + "/preferences", "ship", "NONSENSE", "reason", "x").body())
			.contains("Choose how the order ships.", "Choose which e-mails the customer gets.");

		String accept = "/staff/orders/" + number + "/offers/" + offered.offerId() + "/accept";
		String substitute = offered.substituteSku() + " · Product " + offered.substituteSku();
		assertThat(rep.post(accept, "reason", "Customer said yes").body()).contains(
				"Accept " + substitute + " for the customer?", "3 units of " + substitute + " are added to the order");
		assertThat(this.shop.find(number).lines()).as("nothing before the confirmation").hasSize(1);
		assertThat(rep.post(accept, "reason", "Customer said yes", "confirmed", "true").location())
			.contains("done=accepted");
		assertThat(this.shop.find(number).lines()).hasSize(2);
		assertThat(rep.post(accept, "reason", "Twice", "confirmed", "true").location()).contains("done=offer-closed");
		assertThat(this.shop.count("select count(*) from audit_entry where actor = 'rep' and subject = 'order " + number
				+ "' and action in ('PREFERENCES_CHANGED_FOR_CUSTOMER', 'OFFER_ACCEPTED_FOR_CUSTOMER')"))
			.isEqualTo(2);
		String page = customerPage(offered.order(), offered.email());
		assertThat(page).contains("Done by our customer service, at your request.");
	}

	@Test
	void whenRepKeepsTheCustomerWaitingAfterADelayNoticeThenTheNoticeIsAnswered() {
		String sku = this.shop.product("DESK", 29_900, 0);
		LocalDate today = LocalDate.now();
		long restock = this.supply
			.createRestock(new com.backorderdesk.inventory.NewRestock(sku, this.shop.unique("Supplier"), 5,
					today.plusDays(10)), "test")
			.block(TIMEOUT)
			.id();
		OrderView order = this.shop.order("DELAYED", sku, 1);
		this.supply.updateRestock(restock, new RestockChange(today.plusDays(55), null, null, null), "planner")
			.block(TIMEOUT);
		Browser rep = rep();
		long lineId = order.lines().get(0).id();
		assertThat(rep.get("/staff/orders/" + order.number()).body()).contains("Keep waiting for Product " + sku);
		Browser.Page kept = rep.post("/staff/orders/" + order.number() + "/lines/" + lineId + "/wait", "reason",
				"Customer will wait");
		assertThat(kept.location()).contains("done=waiting");
		assertThat(rep.get("/staff/orders/" + order.number()).body()).doesNotContain("Keep waiting for Product " + sku);
		assertThat(this.shop.events(order.number())).contains("DELAY_WAIT_CONFIRMED");
		assertThat(rep.post("/staff/orders/" + order.number() + "/lines/" + lineId + "/wait", "reason", "Again")
			.location()).contains("done=nothing-to-answer");
	}

	@Test
	void whenRepSearchesByNameOrDigitsThenTheOrderIsFound() {
		String sku = this.shop.product("PEN", 500, 0);
		String surname = "Hopper" + UUID.randomUUID().toString().substring(0, 6);
		String digits = Long.toString(100_000_000L + (long) (Math.random() * 800_000_000L));
		OrderView order = this.orders
			.place(new PlaceOrder("BO-" + digits, "grace@example.com", "Grace " + surname,
					List.of(new PlaceOrder.Line(sku, 1))), "test")
			.block(TIMEOUT)
			.order();
		Browser rep = rep();
		assertThat(rep.get("/staff/orders?q=" + surname.toLowerCase()).body()).contains(order.number(),
				"1 order found");
		assertThat(rep.get("/staff/orders?q=grace " + surname).body()).contains(order.number());
		assertThat(rep.get("/staff/orders?q=" + digits).body()).contains(order.number(), "1 order found");
		assertThat(rep.get("/staff/orders?q=bo-" + digits).body()).contains(order.number(), "1 order found");
	}

	private String customerPage(OrderView order) {
		return customerPage(order, order.customerEmail());
	}

	private String customerPage(OrderView order, String email) {
		Browser customer = Browser.of(this.http);
		assertThat(customer.lookUp(order.number(), email).location()).endsWith("/orders/" + order.number());
		return customer.get("/orders/" + order.number()).body();
	}

	private Browser rep() {
		Browser rep = Browser.of(this.http);
		assertThat(rep.logIn("rep", "rep").location()).endsWith("/staff");
		rep.get("/staff/orders");
		return rep;
	}

}
