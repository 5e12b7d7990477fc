package com.backorderdesk.integration;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import jakarta.mail.MessagingException;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.internet.MimeMessage;
import org.junit.jupiter.api.Test;
import reactor.test.StepVerifier;

import com.backorderdesk.Browser;
import com.backorderdesk.ConflictException;
import com.backorderdesk.TestMail;
import com.backorderdesk.TestShop;
import com.backorderdesk.orders.CancelReason;
import com.backorderdesk.orders.OrderChoices;
import com.backorderdesk.orders.OrderService;
import com.backorderdesk.orders.OrderView;
import com.backorderdesk.orders.PlaceOrder;
import com.backorderdesk.substitution.NewOffer;
import com.backorderdesk.substitution.SubstitutionService;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.context.ApplicationContext;
import org.springframework.http.HttpStatus;
import org.springframework.test.web.reactive.server.WebTestClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Refunds due: recorded with every cancellation whoever makes it, decided by the price
 * difference when a substitute is accepted, said on the customer's page and e-mail, and
 * marked refunded by staff on the refunds queue.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@AutoConfigureWebTestClient(timeout = "30s")
class RefundTests {

	private static final Duration TIMEOUT = Duration.ofSeconds(30);

	@Autowired
	private WebTestClient http;

	@Autowired
	private OrderChoices choices;

	@Autowired
	private OrderService orders;

	@Autowired
	private SubstitutionService substitutions;

	@Autowired
	private Refunds refunds;

	private final TestShop shop;

	RefundTests(@Autowired ApplicationContext context) {
		this.shop = new TestShop(context);
	}

	@Test
	void whenTheCustomerCancelsThenTheAmountPaidIsDueAndThePageAndTheEmailSaySo() throws Exception {
		String sku = this.shop.product("LAMP", 2500, 0);
		this.shop.restock(sku, 10, LocalDate.now().plusDays(20));
		String email = this.shop.unique("refund") + "@example.com";
		String number = this.shop.unique("BO-REFUND");
		// the storefront sold it at 21.00, below today's catalogue price
		this.http.post()
			.uri("/api/v1/orders")
			.header("Authorization", "Bearer test-api-key")
			.bodyValue(Map.of("number", number, "customer", Map.of("email", email, "name", "Ada"), "lines",
					List.of(Map.of("sku", sku, "quantity", 2, "unitPriceCents", 2100))))
			.exchange()
			.expectStatus()
			.isCreated();
		OrderView order = this.shop.find(number);
		assertThat(order.lines().get(0).unitPriceCents()).isEqualTo(2100);
		TestMail.get().await(email, 1, TIMEOUT);

		Browser customer = Browser.of(this.http);
		customer.lookUp(number, email);
		// the order page's forms carry the CSRF token
		customer.get("/orders/" + number);
		Browser.Page cancelled = customer.post("/orders/" + number + "/lines/" + order.lines().get(0).id() + "/cancel");
		assertThat(cancelled.status().is3xxRedirection()).isTrue();

		List<RefundView> due = refunds(order);
		assertThat(due).singleElement().satisfies((refund) -> {
			assertThat(refund.amountCents()).isEqualTo(4200);
			assertThat(refund.currency()).isEqualTo("EUR");
			assertThat(refund.quantity()).isEqualTo(2);
			assertThat(refund.reason()).isEqualTo("CUSTOMER_REQUEST");
			assertThat(refund.due()).isTrue();
		});
		assertThat(customer.get("/orders/" + number).body()).contains("€42.00 will be refunded.");
		MimeMessage mail = TestMail.get().await(email, 2, TIMEOUT).get(1);
		assertThat(text(mail)).contains("As you asked. €42.00 will be refunded.");

		// staff pay it; the customer's page says so
		Browser rep = Browser.of(this.http);
		rep.logIn("rep", "rep");
		rep.get("/staff");
		String queue = rep.get("/staff/refunds").body();
		assertThat(queue).contains(number, "€42.00", "Cancelled by the customer");
		long id = due.get(0).id();
		Browser.Page marked = rep.post("/staff/refunds/" + id + "/refunded", "version", "0");
		assertThat(marked.location()).endsWith("/staff/refunds?notice=refunded");
		assertThat(rep.get("/staff/refunds?status=REFUNDED").body()).contains(number, "by rep");
		assertThat(this.refunds.find(id).block(TIMEOUT).refundedBy()).isEqualTo("rep");
		assertThat(this.shop.count("select count(*) from audit_entry where action = 'REFUND_MARKED_REFUNDED' "
				+ "and subject = 'refund " + id + "' and actor = 'rep'"))
			.isEqualTo(1);
		assertThat(customer.get("/orders/" + number).body()).contains("€42.00 refunded.")
			.doesNotContain("will be refunded");
		// a second mark, from a page that was open before, changes nothing
		Browser.Page again = rep.post("/staff/refunds/" + id + "/refunded", "version", "0");
		assertThat(again.status()).isEqualTo(HttpStatus.CONFLICT);
		assertThat(again.body()).contains("already marked refunded by rep");
		StepVerifier.create(this.refunds.markRefunded(id, 1, "admin"))
			.expectError(ConflictException.class)
			.verify(TIMEOUT);
	}

	@Test
	void whenStaffOrTheDelayRuleCancelThenTheRefundSaysWhoAndAFreeItemLeavesNothingDue() {
		String sku = this.shop.product("CHAIR", 4999, 0);
		String free = this.shop.product("SAMPLE", 0, 0);
		OrderView byStaff = this.shop.order("STAFF", sku, 1);
		OrderView byRule = this.shop.order("RULE", sku, 3);
		OrderView sample = this.shop.order("FREE", free, 1);
		this.choices.cancelWaiting(byStaff.number(), byStaff.lines().get(0).id(), CancelReason.STAFF_REQUEST, "rep")
			.block(TIMEOUT);
		this.choices.cancelWaiting(byRule.number(), byRule.lines().get(0).id(), CancelReason.DELAY_NO_CONSENT, "system")
			.block(TIMEOUT);
		this.choices.cancelWaiting(sample.number(), sample.lines().get(0).id(), "customer").block(TIMEOUT);
		assertThat(refunds(byStaff)).singleElement()
			.satisfies((refund) -> assertThat(refund.reason()).isEqualTo("STAFF_REQUEST"))
			.satisfies((refund) -> assertThat(refund.amountCents()).isEqualTo(4999));
		assertThat(refunds(byRule)).singleElement()
			.satisfies((refund) -> assertThat(refund.reason()).isEqualTo("DELAY_NO_CONSENT"))
			.satisfies((refund) -> assertThat(refund.amountCents()).isEqualTo(3 * 4999));
		assertThat(refunds(sample)).isEmpty();
		// cancelling again cancels nothing, and nothing more is due
		this.choices.cancelWaiting(byStaff.number(), byStaff.lines().get(0).id(), "customer").block(TIMEOUT);
		assertThat(refunds(byStaff)).hasSize(1);
	}

	@Test
	void whenASubstituteIsAcceptedThenACheaperOneLeavesTheDifferenceDueAndADearerOneNothing() {
		String waiting = this.shop.product("KETTLE", 3000, 0);
		String cheaper = this.shop.product("KETTLE-CHEAP", 2200, 10);
		String dearer = this.shop.product("KETTLE-DEAR", 3500, 10);
		OrderView first = this.shop.order("SUB-CHEAP", waiting, 2);
		OrderView second = this.shop.order("SUB-DEAR", waiting, 2);
		long cheap = offer(first, cheaper);
		long dear = offer(second, dearer);
		this.substitutions.accept(first.number(), cheap, "customer").block(TIMEOUT);
		this.substitutions.accept(second.number(), dear, "customer").block(TIMEOUT);
		assertThat(refunds(first)).singleElement().satisfies((refund) -> {
			assertThat(refund.amountCents()).isEqualTo(1600);
			assertThat(refund.reason()).isEqualTo("SUBSTITUTE_ACCEPTED");
			assertThat(refund.lineId()).isEqualTo(first.lines().get(0).id());
			assertThat(refund.quantity()).isEqualTo(2);
		});
		assertThat(refunds(second)).isEmpty();
	}

	@Test
	void whenAnApiOrderGivesAPriceOutOfBoundsThenItIsRefusedNamingTheLine() {
		String sku = this.shop.product("BOUND", 100, 1);
		this.http.post()
			.uri("/api/v1/orders")
			.header("Authorization", "Bearer test-api-key")
			.bodyValue(Map.of("number", this.shop.unique("BO-BOUND"), "customer",
					Map.of("email", "bound@example.com", "name", "Ada"), "lines",
					List.of(Map.of("sku", sku, "quantity", 1, "unitPriceCents", -1))))
			.exchange()
			.expectStatus()
			.isBadRequest()
			.expectBody()
			.jsonPath("$.errors[0].field")
			.isEqualTo("lines[0].unitPriceCents");
		StepVerifier
			.create(this.orders.place(new PlaceOrder(this.shop.unique("BO-BOUND2"), "bound@example.com", "Ada",
					List.of(new PlaceOrder.Line(sku, 1, 10_000_000_001L))), "test"))
			.expectErrorSatisfies((ex) -> assertThat(ex).hasMessageContaining("amount"))
			.verify(TIMEOUT);
	}

	private long offer(OrderView order, String substitute) {
		return this.substitutions
			.offer(new NewOffer(order.number(), order.lines().get(0).id(), substitute, 2, "Like it",
					Instant.now().plus(Duration.ofDays(2))), "rep")
			.block(TIMEOUT)
			.id();
	}

	private List<RefundView> refunds(OrderView order) {
		return this.refunds.ofOrders(List.of(order.id())).block(TIMEOUT).getOrDefault(order.id(), List.of());
	}

	static String text(Part part) throws MessagingException, IOException {
		if (part.isMimeType("text/plain")) {
			return (String) part.getContent();
		}
		if (part.getContent() instanceof Multipart multipart) {
			StringBuilder text = new StringBuilder();
			for (int i = 0; i < multipart.getCount(); i++) {
				text.append(text(multipart.getBodyPart(i)));
			}
			return text.toString();
		}
		return "";
	}

}
