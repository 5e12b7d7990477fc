package com.backorderdesk.orders;

import java.time.Duration;
import java.time.LocalDate;

import org.junit.jupiter.api.Test;
import reactor.test.StepVerifier;

import com.backorderdesk.NotFoundException;
import com.backorderdesk.TestShop;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.ApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The customer's own choices: cancelling what waits and the order's preferences.
 */
@SpringBootTest
class OrderChoicesTests {

	private static final Duration TIMEOUT = Duration.ofSeconds(30);

	@Autowired
	private OrderChoices choices;

	private final TestShop shop;

	OrderChoicesTests(@Autowired ApplicationContext context) {
		this.shop = new TestShop(context);
	}

	@Test
	void whenWaitingUnitsAreCancelledThenAllocatedUnitsStayAndALaterOrdersWindowMovesEarlier() {
		String sku = this.shop.product("C", 1000, 2);
		this.shop.restock(sku, 3, LocalDate.now().plusDays(10));
		this.shop.restock(sku, 5, LocalDate.now().plusDays(30));
		OrderView first = this.shop.order("C1", sku, 5);
		OrderView later = this.shop.order("C2", sku, 3);
		OrderLineView laterBefore = later.lines().get(0);
		assertThat(first.lines().get(0).allocated()).isEqualTo(2);
		assertThat(first.lines().get(0).scheduled()).isEqualTo(3);
		StepVerifier.create(this.choices.cancelWaiting(first.number(), first.lines().get(0).id(), "customer"))
			.expectNext(3)
			.expectComplete()
			.verify(TIMEOUT);
		OrderLineView cancelled = this.shop.line(first.number(), sku);
		assertThat(cancelled.allocated()).isEqualTo(2);
		assertThat(cancelled.cancelled()).isEqualTo(3);
		assertThat(cancelled.scheduled()).isZero();
		assertThat(cancelled.status()).isEqualTo(LineStatus.ALLOCATED);
		OrderLineView laterAfter = this.shop.line(later.number(), sku);
		assertThat(laterAfter.eta().earliest()).isBefore(laterBefore.eta().earliest());
		assertThat(this.shop.events(first.number())).containsExactly("ORDER_PLACED", "ITEM_CANCELLED");
		assertThat(this.shop.events(later.number())).containsExactly("ORDER_PLACED", "LINES_REPLANNED");
	}

	@Test
	void whenNothingWaitsThenCancellingChangesNothingAndAppendsNoEvent() {
		String sku = this.shop.product("N", 1000, 0);
		OrderView order = this.shop.order("N", sku, 2);
		long lineId = order.lines().get(0).id();
		StepVerifier.create(this.choices.cancelWaiting(order.number(), lineId, "customer"))
			.expectNext(2)
			.expectComplete()
			.verify(TIMEOUT);
		StepVerifier.create(this.choices.cancelWaiting(order.number(), lineId, "customer"))
			.expectNext(0)
			.expectComplete()
			.verify(TIMEOUT);
		assertThat(this.shop.line(order.number(), sku).status()).isEqualTo(LineStatus.CANCELLED);
		assertThat(this.shop.events(order.number())).containsExactly("ORDER_PLACED", "ITEM_CANCELLED");
	}

	@Test
	void whenLineIsAllocatedThenCancellingWaitingUnitsLeavesIt() {
		String sku = this.shop.product("A", 1000, 5);
		OrderView order = this.shop.order("A", sku, 2);
		StepVerifier.create(this.choices.cancelWaiting(order.number(), order.lines().get(0).id(), "customer"))
			.expectNext(0)
			.expectComplete()
			.verify(TIMEOUT);
		assertThat(this.shop.line(order.number(), sku).allocated()).isEqualTo(2);
		assertThat(this.shop.events(order.number())).containsExactly("ORDER_PLACED");
	}

	@Test
	void whenLineBelongsToAnotherOrderThenNotFound() {
		String sku = this.shop.product("O", 1000, 0);
		OrderView mine = this.shop.order("O1", sku, 1);
		OrderView theirs = this.shop.order("O2", sku, 1);
		StepVerifier.create(this.choices.cancelWaiting(mine.number(), theirs.lines().get(0).id(), "customer"))
			.expectError(NotFoundException.class)
			.verify(TIMEOUT);
		assertThat(this.shop.line(theirs.number(), sku).cancelled()).isZero();
	}

	@Test
	void whenPreferencesAreSetTwiceThenOnlyRealChangesAppendEvents() {
		String sku = this.shop.product("P", 1000, 5);
		OrderView order = this.shop.order("P", sku, 1);
		assertThat(order.emailPreference()).isEqualTo(EmailPreference.EVERY_UPDATE);
		StepVerifier
			.create(this.choices.setShipPreference(order.number(), ShipPreference.SHIP_COMPLETE, "customer")
				.then(this.choices.setShipPreference(order.number(), ShipPreference.SHIP_COMPLETE, "customer")))
			.expectNext(false)
			.expectComplete()
			.verify(TIMEOUT);
		StepVerifier.create(this.choices.setEmailPreference(order.number(), EmailPreference.NONE, "customer"))
			.expectNext(true)
			.expectComplete()
			.verify(TIMEOUT);
		StepVerifier.create(this.choices.setEmailPreference(order.number(), EmailPreference.NONE, "customer"))
			.expectNext(false)
			.expectComplete()
			.verify(TIMEOUT);
		StepVerifier.create(this.choices.setShipPreference(order.number(), ShipPreference.SHIP_WHEN_READY, "customer"))
			.expectNext(true)
			.expectComplete()
			.verify(TIMEOUT);
		OrderView after = this.shop.find(order.number());
		assertThat(after.shipPreference()).isEqualTo(ShipPreference.SHIP_WHEN_READY);
		assertThat(after.emailPreference()).isEqualTo(EmailPreference.NONE);
		assertThat(after.version()).isEqualTo(order.version() + 3);
		assertThat(this.shop.events(order.number())).containsExactly("ORDER_PLACED", "SHIP_PREFERENCE_CHANGED",
				"EMAIL_PREFERENCE_CHANGED", "SHIP_PREFERENCE_CHANGED");
	}

	@Test
	void whenOrderIsUnknownThenPreferenceIsNotFound() {
		StepVerifier.create(this.choices.setEmailPreference("NO-SUCH-ORDER", EmailPreference.NONE, "customer"))
			.expectError(NotFoundException.class)
			.verify(TIMEOUT);
	}

}
