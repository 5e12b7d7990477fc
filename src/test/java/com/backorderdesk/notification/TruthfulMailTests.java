package com.backorderdesk.notification;

import java.time.Duration;
import java.util.List;
import java.util.Locale;

import jakarta.mail.internet.MimeMessage;
import org.junit.jupiter.api.Test;

import com.backorderdesk.InvalidInputException;
import com.backorderdesk.orders.NewShipment;
import com.backorderdesk.orders.OrderView;
import com.backorderdesk.orders.Shipments;
import com.backorderdesk.substitution.NewOffer;
import com.backorderdesk.substitution.OfferView;
import com.backorderdesk.substitution.SubstitutionService;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.ApplicationContext;
import org.springframework.context.annotation.Import;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * No e-mail describes a line in a state it has left, through real SMTP: whatever happens
 * between the change that queued an e-mail and its sending (units ship, the customer
 * cancels, a stock correction takes units back, a substitute sells out), the e-mail says
 * what is true when it is sent, and one change is one e-mail per order.
 */
@SpringBootTest(properties = "backorder.mail.scheduled=false")
@Import(MailTestSupport.Config.class)
class TruthfulMailTests {

	@Autowired
	private Shipments shipments;

	@Autowired
	private SubstitutionService substitutions;

	private final MailScenario scenario;

	TruthfulMailTests(@Autowired ApplicationContext context) {
		this.scenario = new MailScenario(context);
	}

	@Test
	void whenUnitsShipAfterTheirWindowMovedThenTheEmailTellsTheShipmentAndNotTheOldWindow() {
		String chair = this.scenario.shop.product("CHAIR", 4999, 0);
		long restock = this.scenario.restock(chair, 10, 20);
		String email = this.scenario.email("shipped");
		OrderView order = this.scenario.place(email, chair);
		this.scenario.received(email, 1);
		this.scenario.move(restock, 12);
		this.scenario.supply.setOnHand(chair, 1, "test").block(MailScenario.TIMEOUT);
		this.shipments
			.ship(order.number(), new NewShipment("P-1", List.of(new NewShipment.Line(chair, 1))), "warehouse")
			.block(MailScenario.TIMEOUT);
		MimeMessage shipped = this.scenario.received(email, 2);
		assertThat(MailScenario.subject(shipped)).isEqualTo("Order " + order.number() + ": items shipped");
		assertThat(MailScenario.text(shipped)).contains("1 shipped.", "On its way to you.")
			.doesNotContain("earlier than we told you", "(was ", "ready to ship", "Backordered");
		this.scenario.clock.advance(Duration.ofMinutes(11));
		this.scenario.assertNothingMoreTo(email, 2);
	}

	@Test
	void whenTheCustomerCancelsAfterTheWindowMovedThenOneEmailTellsTheCancellationOnly() {
		String chair = this.scenario.shop.product("CHAIR", 4999, 0);
		long restock = this.scenario.restock(chair, 10, 20);
		String email = this.scenario.email("cancelled");
		OrderView order = this.scenario.place(email, chair);
		this.scenario.received(email, 1);
		this.scenario.move(restock, 10);
		this.scenario.choices.cancelWaiting(order.number(), order.lines().get(0).id(), "customer")
			.block(MailScenario.TIMEOUT);
		MimeMessage cancelled = this.scenario.received(email, 2);
		assertThat(MailScenario.subject(cancelled)).isEqualTo("Order " + order.number() + ": items cancelled");
		assertThat(MailScenario.text(cancelled)).contains("1 cancelled.")
			.doesNotContain("earlier than we told you", "(was ", "Backordered");
		this.scenario.clock.advance(Duration.ofMinutes(11));
		this.scenario.assertNothingMoreTo(email, 2);
	}

	@Test
	void whenAStockCorrectionTakesBackUnitsTheCustomerWasToldWereReadyThenTheEmailSaysTheyAreNoLongerReady() {
		String lamp = this.scenario.shop.product("LAMP", 1999, 1);
		this.scenario.restock(lamp, 5, 10);
		String email = this.scenario.email("corrected");
		OrderView order = this.scenario.place(email, lamp);
		assertThat(MailScenario.text(this.scenario.received(email, 1))).contains("In stock, being prepared.");
		this.scenario.supply.setOnHand(lamp, 0, "test").block(MailScenario.TIMEOUT);
		OrderView now = this.scenario.shop.find(order.number());
		this.scenario.clock.advance(Duration.ofMinutes(11));
		MimeMessage corrected = this.scenario.received(email, 2);
		assertThat(MailScenario.subject(corrected))
			.isEqualTo("Order " + order.number() + ": an item is no longer ready to ship");
		assertThat(MailScenario.text(corrected))
			.contains("Was ready to ship; now: "
					+ this.scenario.wording.describe(now.lines().get(0).state(), Locale.ENGLISH))
			.doesNotContain("It has a delivery window now", "In stock, being prepared");
	}

	@Test
	void whenASubstituteHasNoFreeUnitThenNothingIsOfferedAndTheStaffAreToldWhy() {
		String rug = this.scenario.shop.product("RUG", 9900, 0);
		String other = this.scenario.shop.product("OTHER-RUG", 9900, 0);
		OrderView order = this.scenario.place(this.scenario.email("nooffer"), rug);
		assertThatExceptionOfType(InvalidInputException.class)
			.isThrownBy(() -> this.substitutions.offer(offer(order, other), "rep").block(MailScenario.TIMEOUT))
			.satisfies((ex) -> {
				assertThat(ex.getField()).isEqualTo("substituteSku");
				assertThat(ex.getMessage()).contains("has 0 free units now, 1 needed; nothing was offered");
			});
		assertThat(this.substitutions.openOffers(order.id()).block(MailScenario.TIMEOUT)).isEmpty();
	}

	@Test
	void whenTheSubstituteSellsOutBeforeTheOfferIsSentThenNoEmailSaysItIsInStockAndTheOfferTurnsUnavailable() {
		String rug = this.scenario.shop.product("RUG", 9900, 0);
		String substitute = this.scenario.shop.product("RUG-SUB", 9900, 1);
		String email = this.scenario.email("soldout");
		OrderView order = this.scenario.place(email, rug);
		this.scenario.received(email, 1);
		OfferView offer = this.substitutions.offer(offer(order, substitute), "rep").block(MailScenario.TIMEOUT);
		assertThat(offer.available()).isTrue();
		this.scenario.place(this.scenario.email("other"), substitute);
		assertThat(this.substitutions.openOffers(order.id()).block(MailScenario.TIMEOUT)).singleElement()
			.satisfies((open) -> assertThat(open.available()).as("no longer available").isFalse());
		assertThat(this.scenario.shop.events(order.number())).contains("SUBSTITUTE_AVAILABILITY_CHANGED");
		this.scenario.assertNothingMoreTo(email, 1);
		assertThat(this.scenario.subjects(email)).noneMatch((subject) -> subject.contains("a substitute for"));

		this.scenario.supply.setOnHand(substitute, 2, "test").block(MailScenario.TIMEOUT);
		this.scenario.clock.advance(Duration.ofMinutes(11));
		MimeMessage back = this.scenario.received(email, 2);
		assertThat(MailScenario.text(back)).contains("Instead: 1 × Product " + substitute + ", in stock now.");
	}

	@Test
	void whenASupplierSlipsForACustomerWithTwoWaitingLinesThenOneEmailTellsTheDelayOfBoth() {
		String desk = this.scenario.shop.product("DESK", 29900, 0);
		String chair = this.scenario.shop.product("CHAIR", 4999, 0);
		String supplier = this.scenario.shop.unique("Supplier");
		List<Long> restocks = List.of(restock(desk, supplier, 10), restock(chair, supplier, 12));
		String email = this.scenario.email("twolines");
		OrderView order = this.scenario.place(email, desk, chair);
		this.scenario.received(email, 1);
		this.scenario.supply
			.shiftRestocks(new com.backorderdesk.inventory.RestockShift(restocks, null, 14),
					"The factory closed for a week.", "planner")
			.block(MailScenario.TIMEOUT);
		MimeMessage delayed = this.scenario.received(email, 2);
		assertThat(MailScenario.subject(delayed)).startsWith("Order " + order.number() + ": Product ")
			.endsWith(" is delayed");
		assertThat(MailScenario.text(delayed)).contains("Product " + desk, "Product " + chair,
				"Why: The factory closed for a week.", "Keep waiting: http", "Cancel this item: http");
		this.scenario.clock.advance(Duration.ofMinutes(11));
		this.scenario.assertNothingMoreTo(email, 2);
	}

	private long restock(String sku, String supplier, int inDays) {
		return this.scenario.supply
			.createRestock(new com.backorderdesk.inventory.NewRestock(sku, supplier, 10,
					this.scenario.today().plusDays(inDays)), "test")
			.block(MailScenario.TIMEOUT)
			.id();
	}

	private NewOffer offer(OrderView order, String substitute) {
		return new NewOffer(order.number(), order.lines().get(0).id(), substitute, 1, "",
				this.scenario.clock.instant().plus(Duration.ofDays(7)));
	}

}
