package com.backorderdesk.substitution;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.test.StepVerifier;

import com.backorderdesk.InvalidInputException;
import com.backorderdesk.TestShop;
import com.backorderdesk.orders.LineStatus;
import com.backorderdesk.orders.OrderLineView;
import com.backorderdesk.orders.OrderView;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.ApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Substitutes for waiting lines, decided in PostgreSQL under row locks.
 */
@SpringBootTest
class SubstitutionServiceTests {

	private static final Duration TIMEOUT = Duration.ofSeconds(30);

	@Autowired
	private SubstitutionService substitutions;

	private final TestShop shop;

	SubstitutionServiceTests(@Autowired ApplicationContext context) {
		this.shop = new TestShop(context);
	}

	@Test
	void whenLastUnitOfSubstituteIsRacedThenOneAcceptWinsAndTheOtherKeepsTheOriginalLine() {
		List<Offered> racing = waitingWithOffers(2, 1);
		OrderView first = racing.get(0).order();
		OrderView second = racing.get(1).order();
		OfferView firstOffer = racing.get(0).offer();
		OfferView secondOffer = racing.get(1).offer();
		String substitute = firstOffer.substituteSku();
		Flux<String> outcomes = Flux.merge(accept(first.number(), firstOffer.id()),
				accept(second.number(), secondOffer.id()));
		StepVerifier.create(outcomes.collectSortedList())
			.expectNext(List.of("ACCEPTED", "UNAVAILABLE"))
			.expectComplete()
			.verify(TIMEOUT);
		assertThat(this.shop.count("select sum(allocated) from order_line where sku = '" + substitute + "'"))
			.isEqualTo(1);
		assertThat(this.shop.count("select count(*) from substitution_offer where status = 'ACCEPTED' and id in ("
				+ firstOffer.id() + ", " + secondOffer.id() + ")"))
			.isEqualTo(1);
		OrderView loser = status(firstOffer.id()).equals("OFFERED") ? first : second;
		OrderView loserNow = this.shop.find(loser.number());
		assertThat(loserNow.lines()).hasSize(1);
		assertThat(loserNow.lines().get(0).status()).isEqualTo(LineStatus.OUT_OF_STOCK);
		assertThat(loserNow.lines().get(0).cancelled()).isZero();
		assertThat(loserNow.version()).isEqualTo(loser.version());
		assertThat(this.shop.events(loser.number())).as("the loser's offer can no longer be had")
			.containsExactly("ORDER_PLACED", "SUBSTITUTE_OFFERED", "SUBSTITUTE_AVAILABILITY_CHANGED");
	}

	@Test
	void whenOfferIsAcceptedTwiceThenTheSubstituteIsAddedOnceAndOtherOffersAreWithdrawn() {
		String original = this.shop.product("X", 5900, 0);
		String substitute = this.shop.product("S", 6400, 10);
		String other = this.shop.product("T", 4900, 10);
		OrderView order = this.shop.order("A", original, 2);
		OfferView offer = offer(order, substitute, 2);
		OfferView competing = offer(order, other, 2);
		assertThat(offer.priceDifferenceCents()).isEqualTo(1000);
		assertThat(offer.substituteName()).isEqualTo("Product " + substitute);
		StepVerifier.create(this.substitutions.openOffers(order.id()).map((offers) -> offers.size()))
			.expectNext(2)
			.expectComplete()
			.verify(TIMEOUT);
		for (int i = 0; i < 2; i++) {
			StepVerifier.create(this.substitutions.accept(order.number(), offer.id(), "customer"))
				.assertNext((accepted) -> assertThat(accepted.status()).isEqualTo(OfferStatus.ACCEPTED))
				.expectComplete()
				.verify(TIMEOUT);
		}
		OrderView after = this.shop.find(order.number());
		assertThat(after.lines()).hasSize(2);
		assertThat(after.lines().get(0).status()).isEqualTo(LineStatus.CANCELLED);
		assertThat(after.lines().get(0).cancelled()).isEqualTo(2);
		OrderLineView added = after.lines().get(1);
		assertThat(added.sku()).isEqualTo(substitute);
		assertThat(added.allocated()).isEqualTo(2);
		assertThat(added.unitPriceCents()).isEqualTo(6400);
		assertThat(status(competing.id())).isEqualTo("WITHDRAWN");
		StepVerifier.create(this.substitutions.openOffers(order.id()))
			.expectNext(List.of())
			.expectComplete()
			.verify(TIMEOUT);
		assertThat(this.shop.events(order.number())).containsExactly("ORDER_PLACED", "SUBSTITUTE_OFFERED",
				"SUBSTITUTE_OFFERED", "ITEM_CANCELLED", "SUBSTITUTE_ACCEPTED", "SUBSTITUTE_WITHDRAWN");
	}

	@Test
	void whenOfferHasExpiredThenItCannotBeAcceptedAndTheLineKeepsWaiting() {
		Offered offered = waitingWithOffers(1, 10).get(0);
		OrderView order = offered.order();
		OfferView offer = offered.offer();
		expire(offer.id());
		StepVerifier.create(this.substitutions.accept(order.number(), offer.id(), "customer"))
			.expectErrorSatisfies((error) -> assertThat(error).isInstanceOf(InvalidInputException.class)
				.hasMessageContaining("expired"))
			.verify(TIMEOUT);
		assertThat(this.shop.find(order.number()).lines()).hasSize(1);
		assertThat(this.shop.line(order.number(), offered.original()).status()).isEqualTo(LineStatus.OUT_OF_STOCK);
		assertThat(this.shop.count("select count(*) from order_line where sku = '" + offer.substituteSku() + "'"))
			.isZero();
	}

	@Test
	void whenOfferIsDeclinedTwiceThenOneEventAndItCanNoLongerBeAccepted() {
		Offered offered = waitingWithOffers(1, 10).get(0);
		OrderView order = offered.order();
		OfferView offer = offered.offer();
		for (int i = 0; i < 2; i++) {
			StepVerifier.create(this.substitutions.decline(order.number(), offer.id(), "customer"))
				.assertNext((declined) -> assertThat(declined.status()).isEqualTo(OfferStatus.DECLINED))
				.expectComplete()
				.verify(TIMEOUT);
		}
		StepVerifier.create(this.substitutions.accept(order.number(), offer.id(), "customer"))
			.expectError(InvalidInputException.class)
			.verify(TIMEOUT);
		assertThat(this.shop.events(order.number())).containsExactly("ORDER_PLACED", "SUBSTITUTE_OFFERED",
				"SUBSTITUTE_DECLINED");
	}

	@Test
	void whenOffersAreDueThenExpireDueMarksThemExpiredWithAnEvent() {
		List<Offered> offered = waitingWithOffers(2, 10);
		OrderView due = offered.get(0).order();
		OrderView notDue = offered.get(1).order();
		OfferView dueOffer = offered.get(0).offer();
		OfferView openOffer = offered.get(1).offer();
		expire(dueOffer.id());
		// the minutely job may expire it first; either way it is expired exactly once
		StepVerifier.create(this.substitutions.expireDue())
			.assertNext((expired) -> assertThat(expired).isNotNegative())
			.expectComplete()
			.verify(TIMEOUT);
		assertThat(status(dueOffer.id())).isEqualTo("EXPIRED");
		assertThat(status(openOffer.id())).isEqualTo("OFFERED");
		assertThat(this.shop.events(due.number())).containsExactly("ORDER_PLACED", "SUBSTITUTE_OFFERED",
				"SUBSTITUTE_EXPIRED");
		assertThat(this.shop.events(notDue.number())).containsExactly("ORDER_PLACED", "SUBSTITUTE_OFFERED");
		StepVerifier.create(this.substitutions.openOffers(due.id()))
			.expectNext(List.of())
			.expectComplete()
			.verify(TIMEOUT);
	}

	@Test
	void whenLineDoesNotWaitThenNoOfferCanBeMade() {
		String inStock = this.shop.product("I", 5900, 5);
		String substitute = this.shop.product("S", 6400, 10);
		OrderView order = this.shop.order("W", inStock, 1);
		StepVerifier
			.create(this.substitutions.offer(new NewOffer(order.number(), order.lines().get(0).id(), substitute, 1, "",
					Instant.now().plus(Duration.ofDays(1))), "staff"))
			.expectError(InvalidInputException.class)
			.verify(TIMEOUT);
	}

	/**
	 * Orders waiting for one unit of a product that has no date, each offered one unit of
	 * the same substitute.
	 */
	private List<Offered> waitingWithOffers(int orders, int substituteStock) {
		String original = this.shop.product("X", 5900, 0);
		String substitute = this.shop.product("S", 6400, substituteStock);
		List<Offered> offered = new ArrayList<>();
		for (int i = 1; i <= orders; i++) {
			OrderView order = this.shop.order("W" + i, original, 1);
			offered.add(new Offered(order, original, offer(order, substitute, 1)));
		}
		return offered;
	}

	private void expire(long offerId) {
		this.shop
			.execute("update substitution_offer set expires_at = now() - interval '1 minute' where id = " + offerId);
	}

	private OfferView offer(OrderView order, String substitute, int quantity) {
		OfferView offer = this.substitutions
			.offer(new NewOffer(order.number(), order.lines().get(0).id(), substitute, quantity, "Similar",
					Instant.now().plus(Duration.ofDays(14))), "staff")
			.block(TIMEOUT);
		assertThat(offer).isNotNull();
		assertThat(offer.status()).isEqualTo(OfferStatus.OFFERED);
		return offer;
	}

	private Mono<String> accept(String orderNumber, long offerId) {
		return this.substitutions.accept(orderNumber, offerId, "customer")
			.map((accepted) -> accepted.status().name())
			.onErrorResume(SubstituteUnavailableException.class, (error) -> Mono.just("UNAVAILABLE"));
	}

	private String status(long offerId) {
		return this.shop.text("select status from substitution_offer where id = " + offerId);
	}

	private record Offered(OrderView order, String original, OfferView offer) {
	}

}
