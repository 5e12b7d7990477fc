package com.backorderdesk.staff;

import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;
import reactor.test.StepVerifier;

import com.backorderdesk.Browser;
import com.backorderdesk.TestShop;
import com.backorderdesk.orders.OrderService;
import com.backorderdesk.orders.OrderView;
import com.backorderdesk.orders.PlaceOrder;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.context.ApplicationContext;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.codec.ServerSentEvent;
import org.springframework.test.web.reactive.server.WebTestClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The rep's order search and order page over HTTP, logged in as the demo rep.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@AutoConfigureWebTestClient
class StaffOrdersTests {

	private static final Duration TIMEOUT = Duration.ofSeconds(30);

	@Autowired
	private WebTestClient http;

	@Autowired
	private OrderService orders;

	private final TestShop shop;

	StaffOrdersTests(@Autowired ApplicationContext context) {
		this.shop = new TestShop(context);
	}

	@Test
	void whenRepSearchesByNumberEmailSkuOrLineStatusThenTheOrderIsFound() {
		String sku = this.shop.product("LAMP", 4900, 0);
		String email = "search-" + UUID.randomUUID().toString().substring(0, 8) + "@example.com";
		OrderView order = place(email, sku, 2);
		Browser rep = rep();
		assertThat(rep.get("/staff/orders?q=" + order.number()).body()).contains(order.number(), "1 order found");
		assertThat(rep.get("/staff/orders?q=" + email.toUpperCase()).body()).contains(order.number(), "1 order found");
		assertThat(rep.get("/staff/orders?q=" + sku).body()).contains(order.number(), "1 order found");
		assertThat(rep.get("/staff/orders?q=" + sku + "&status=OUT_OF_STOCK").body()).contains(order.number(),
				"Out of stock");
		assertThat(rep.get("/staff/orders?q=" + sku + "&status=ALLOCATED").body()).doesNotContain(order.number())
			.contains("No orders found");
		// nonsense parameters are ignored, never an error
		Browser.Page odd = rep.get("/staff/orders?q=%25_%5C&status=NONSENSE&sort=DROP&dir=x&page=-4");
		assertThat(odd.status()).isEqualTo(HttpStatus.OK);
	}

	@Test
	void whenManyOrdersMatchThenResultsArePagedAndSortable() {
		String sku = this.shop.product("MUG", 900, 0);
		List<String> numbers = new java.util.ArrayList<>();
		for (int i = 0; i < 26; i++) {
			numbers.add(place("paging@example.com", sku, 1 + i % 3).number());
		}
		Browser rep = rep();
		Browser.Page first = rep.get("/staff/orders?q=" + sku + "&sort=NUMBER&dir=asc");
		assertThat(first.body()).contains("26 orders found; page 1 of 2", "rel=\"next\"", "aria-sort=\"ascending\"");
		List<String> sorted = numbers.stream().sorted().toList();
		assertThat(first.body().indexOf(sorted.get(0))).isLessThan(first.body().indexOf(sorted.get(1)));
		assertThat(first.body()).doesNotContain(sorted.get(25));
		Browser.Page second = rep.get("/staff/orders?q=" + sku + "&sort=NUMBER&dir=asc&page=2");
		assertThat(second.body()).contains(sorted.get(25), "page 2 of 2", "rel=\"prev\"").doesNotContain(sorted.get(0));
		// the staff lists' pager: the filter and sort kept, the current page marked
		assertThat(second.body()).contains("aria-label=\"Pages of orders\"",
				"href=\"/staff/orders?q=" + sku + "&amp;sort=NUMBER&amp;dir=asc\" rel=\"prev\"",
				"aria-current=\"page\" aria-label=\"Page 2\"");
		// past the end: the last page, as every staff list shows it
		for (String page : List.of("3", "100000", "99999999999")) {
			Browser.Page past = rep.get("/staff/orders?q=" + sku + "&sort=NUMBER&dir=asc&page=" + page);
			assertThat(past.body()).as(page)
				.contains(sorted.get(25), "26 orders found; page 2 of 2", "aria-current=\"page\" aria-label=\"Page 2\"")
				.doesNotContain("No orders found", sorted.get(0));
		}
		Browser.Page byWaiting = rep.get("/staff/orders?q=" + sku + "&sort=WAITING&dir=desc");
		assertThat(byWaiting.body()).contains("aria-sort=\"descending\"");
	}

	@Test
	void whenRepOpensAnOrderThenLinesWindowsTheCustomersTimelineAndASignedLinkAreShown() {
		String chair = this.shop.product("CHAIR", 12_900, 0);
		LocalDate expected = LocalDate.now().plusDays(10);
		this.shop.restock(chair, 5, expected);
		String lamp = this.shop.product("LAMP", 4900, 3);
		OrderView order = this.orders
			.place(new PlaceOrder(this.shop.unique("BO"), "detail@example.com", "Detail Customer",
					List.of(new PlaceOrder.Line(lamp, 1), new PlaceOrder.Line(chair, 2))), "test")
			.block(TIMEOUT)
			.order();
		Browser rep = rep();
		Browser.Page page = rep.get("/staff/orders/" + order.number());
		assertThat(page.status()).isEqualTo(HttpStatus.OK);
		String eta = order.lines().get(1).eta().earliest().toString();
		assertThat(page.body()).contains("Order " + order.number(), "Detail Customer", "detail@example.com", lamp,
				chair, "In stock", "Backordered", eta, "Timeline, as the customer sees it", "Order placed",
				"data-events=\"/staff/orders/" + order.number() + "/events\"");
		String link = page.body().replaceAll("(?s).*id=\"customer-link\"[^>]*value=\"([^\"]+)\".*", "$1");
		assertThat(link).startsWith("http://").contains("/o/");
		Browser customer = browser();
		Browser.Page opened = customer.get(link.substring(link.indexOf("/o/")));
		assertThat(opened.location()).endsWith("/orders/" + order.number());
		assertThat(customer.get("/orders/" + order.number()).body()).contains(order.number());
	}

	@Test
	void whenTheOrderChangesThenTheStaffStreamSendsTheLinesOffersAndTimelineAgain() {
		String sku = this.shop.product("LIVE", 1500, 0);
		OrderView order = this.shop.order("LIVE", sku, 1);
		Browser rep = rep();
		Flux<ServerSentEvent<String>> stream = rep.events("/staff/orders/{number}/events?lastEventId=0",
				order.number());
		StepVerifier.create(stream.take(1)).assertNext((event) -> {
			assertThat(event.event()).isEqualTo("update");
			assertThat(event.data()).contains("id=\"order-lines\"", "id=\"order-offers\"", "id=\"order-timeline\"",
					"Out of stock", "Order placed", "No substitutes offered yet.");
		}).expectComplete().verify(TIMEOUT);
		assertThat(this.http.get()
			.uri("/staff/orders/{number}/events", order.number())
			.accept(MediaType.TEXT_EVENT_STREAM)
			.exchange()
			.returnResult(String.class)
			.getStatus()
			.is3xxRedirection()).as("anonymous is sent to the login").isTrue();
	}

	@Test
	void whenRepAddsANoteThenStaffSeeItAuditedAndTheCustomerNeverDoes() {
		String sku = this.shop.product("NOTE", 1500, 0);
		OrderView order = this.shop.order("NOTED", sku, 1);
		String secret = "Customer called, angry; offer a voucher " + UUID.randomUUID();
		Browser rep = rep();
		rep.get("/staff/orders/" + order.number());
		Browser.Page added = rep.post("/staff/orders/" + order.number() + "/notes", "body", secret);
		assertThat(added.location()).endsWith("/staff/orders/" + order.number() + "?noted=1#notes");
		assertThat(rep.get("/staff/orders/" + order.number() + "?noted=1").body()).contains(secret, "Note added.",
				"by rep");
		assertThat(this.shop.count("select count(*) from audit_entry where action = 'ORDER_NOTE_ADDED' "
				+ "and subject = 'order " + order.number() + "' and actor = 'rep'"))
			.isEqualTo(1);
		Browser customer = browser();
		Browser.Page page = customer.lookUp(order.number(), "test@example.com");
		assertThat(page.location()).endsWith("/orders/" + order.number());
		Browser.Page customerPage = customer.get("/orders/" + order.number());
		assertThat(customerPage.status()).isEqualTo(HttpStatus.OK);
		assertThat(customerPage.body()).contains(order.number()).doesNotContain(secret).doesNotContain("voucher");
	}

	@Test
	void whenNoteIsEmptyThenItIsRefusedNextToTheFieldAndNothingIsStored() {
		String sku = this.shop.product("EMPTY", 1500, 0);
		OrderView order = this.shop.order("EMPTY-NOTE", sku, 1);
		Browser rep = rep();
		rep.get("/staff/orders/" + order.number());
		Browser.Page refused = rep.post("/staff/orders/" + order.number() + "/notes", "body", "   ");
		assertThat(refused.status()).isEqualTo(HttpStatus.BAD_REQUEST);
		assertThat(refused.body()).contains("Write the note first.", "aria-invalid=\"true\"");
		assertThat(this.shop.count("select count(*) from order_note where order_id = " + order.id())).isZero();
		Browser.Page tooLong = rep.post("/staff/orders/" + order.number() + "/notes", "body", "x".repeat(4001));
		assertThat(tooLong.body()).contains("Keep the note to 4,000 characters.");
		assertThat(this.shop.count("select count(*) from order_note where order_id = " + order.id())).isZero();
	}

	@Test
	void whenANoteHoldsAControlCharacterThenItIsRefusedNextToTheField() {
		String sku = this.shop.product("NULNOTE", 1500, 0);
		OrderView order = this.shop.order("NULNOTE", sku, 1);
		Browser rep = rep();
		rep.get("/staff/orders/" + order.number());
		Browser.Page refused = rep.post("/staff/orders/" + order.number() + "/notes", "body", "call back\u0000later");
		assertThat(refused.status()).isEqualTo(HttpStatus.BAD_REQUEST);
		assertThat(refused.body()).contains("no control characters", "aria-invalid=\"true\"");
		Browser.Page kept = rep.post("/staff/orders/" + order.number() + "/notes", "body", "first line\nsecond line");
		assertThat(kept.location()).isEqualTo("/staff/orders/" + order.number() + "?noted=1#notes");
		assertThat(this.shop.text("select body from order_note where order_id = " + order.id()))
			.isEqualTo("first line\nsecond line");
	}

	@Test
	void whenAnOrderNumberHoldsBracesOrOddCharactersThenTheSearchSaysNoSuchOrder() {
		Browser rep = rep();
		for (String number : new String[] { "{0}", "{", "a b", "\u202E", "x".repeat(300) }) {
			Browser.Page missing = rep.get("/staff/orders/{number}", number);
			assertThat(missing.status().is3xxRedirection()).as(number).isTrue();
			assertThat(missing.location()).contains("/staff/orders?q=").contains("missing=1");
			rep.get("/staff/orders");
			Map<String, String> path = Map.of("number", number);
			assertThat(rep.post("/staff/orders/{number}/notes", path, "body", "x").status().is3xxRedirection())
				.as(number)
				.isTrue();
			assertThat(rep.post("/staff/orders/{number}/resend", path).status().is3xxRedirection()).as(number).isTrue();
		}
		assertThat(rep.get("/staff/orders?q={q}", "\u0000").status()).isEqualTo(HttpStatus.BAD_REQUEST);
	}

	@Test
	void whenOrderDoesNotExistThenTheSearchSaysSo() {
		Browser rep = rep();
		Browser.Page missing = rep.get("/staff/orders/NOPE-" + UUID.randomUUID().toString().substring(0, 8));
		assertThat(missing.location()).contains("/staff/orders?q=NOPE-").contains("missing=1");
		assertThat(rep.get(missing.location()).body()).contains("No order with number");
	}

	@Test
	void whenNotARepThenOrdersAreNotShown() {
		assertThat(browser().get("/staff/orders").location()).endsWith("/staff/login");
		Browser planner = browser();
		planner.logIn("planner", "planner");
		assertThat(planner.get("/staff/orders").status()).isEqualTo(HttpStatus.FORBIDDEN);
	}

	private OrderView place(String email, String sku, int quantity) {
		return this.orders
			.place(new PlaceOrder(this.shop.unique("BO") + "-" + UUID.randomUUID().toString().substring(0, 6), email,
					"Search Customer", List.of(new PlaceOrder.Line(sku, quantity))), "test")
			.block(TIMEOUT)
			.order();
	}

	private Browser rep() {
		Browser rep = browser();
		assertThat(rep.logIn("rep", "rep").location()).endsWith("/staff");
		return rep;
	}

	private Browser browser() {
		ThreadLocalRandom random = ThreadLocalRandom.current();
		return new Browser(this.http,
				"10." + random.nextInt(256) + "." + random.nextInt(256) + "." + random.nextInt(256));
	}

}
