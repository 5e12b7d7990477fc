package com.backorderdesk.substitution;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

import org.assertj.core.groups.Tuple;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;
import reactor.test.StepVerifier;

import com.backorderdesk.InvalidInputException;
import com.backorderdesk.TestShop;
import com.backorderdesk.catalog.CatalogService;
import com.backorderdesk.catalog.Product;
import com.backorderdesk.orders.OrderView;
import com.backorderdesk.orders.SupplyChanges;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.ApplicationContext;
import org.springframework.transaction.reactive.TransactionalOperator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

/**
 * The workbench queue, its candidates and offers to every waiting order, in PostgreSQL.
 */
@SpringBootTest
class SubstitutionQueueTests {

	private static final Duration TIMEOUT = Duration.ofSeconds(30);

	@Autowired
	private SubstitutionQueue queue;

	@Autowired
	private SubstitutionService substitutions;

	@Autowired
	private CatalogService catalog;

	@Autowired
	private TransactionalOperator transactions;

	@Autowired
	private SupplyChanges supply;

	private final TestShop shop;

	SubstitutionQueueTests(@Autowired ApplicationContext context) {
		this.shop = new TestShop(context);
	}

	@Test
	void whenLinesWaitWithoutDateOrLongThenTheirSkusAreQueuedAndSoonOnesAreNot() {
		Kettles kettles = kettles();
		String soon = product("SOON", 10_000, Map.of(), 0);
		this.shop.restock(soon, 5, this.queue.threshold().minusDays(10));
		String late = product("LATE", 10_000, Map.of(), 0);
		this.shop.restock(late, 5, this.queue.threshold().plusDays(10));
		this.shop.order("SOON-ORDER", soon, 1);
		this.shop.order("LATE-ORDER", late, 2);
		StepVerifier.create(this.queue.skus(soon)).expectNext(List.of()).expectComplete().verify(TIMEOUT);
		StepVerifier.create(this.queue.skus(late))
			.assertNext(
					(skus) -> assertThat(skus).singleElement().satisfies((sku) -> assertThat(sku.units()).isEqualTo(2)))
			.expectComplete()
			.verify(TIMEOUT);
		StepVerifier.create(this.queue.skus(kettles.original()))
			.assertNext((skus) -> assertThat(skus).singleElement().satisfies((sku) -> {
				assertThat(sku.units()).isEqualTo(4);
				assertThat(sku.orders()).isEqualTo(3);
				assertThat(sku.undatedUnits()).isEqualTo(4);
			}))
			.expectComplete()
			.verify(TIMEOUT);
		// the whole queue, most units first
		StepVerifier.create(this.queue.skus(null))
			.assertNext((skus) -> assertThat(skus)
				.isSortedAccordingTo(Comparator.comparingInt(WaitingSku::units).reversed()))
			.expectComplete()
			.verify(TIMEOUT);
		StepVerifier.create(this.queue.lines(List.of(kettles.original())))
			.assertNext((lines) -> assertThat(lines.get(kettles.original())).extracting(WaitingLine::orderNumber)
				.containsExactlyElementsOf(kettles.orders().stream().map(OrderView::number).toList()))
			.expectComplete()
			.verify(TIMEOUT);
	}

	@Test
	void whenCandidatesAreFetchedThenOnlyQualifyingOnesComeRankedWithTheirFreeStockAndWhomTheyServe() {
		Kettles kettles = kettles();
		// 3 free units serve the first two orders (1 and 2 units) of the three: partial
		StepVerifier
			.create(this.queue.lines(List.of(kettles.original())).flatMap((lines) -> this.queue.candidates(lines, 5)))
			.assertNext((candidates) -> assertThat(candidates.get(kettles.original()))
				.extracting((candidate) -> candidate.product().sku(), SubstituteRanking.RankedCandidate::free,
						SubstituteRanking.RankedCandidate::servedOrders)
				.containsExactly(tuple(kettles.few(), 3, 2), tuple(kettles.best(), 10, 3),
						tuple(kettles.second(), 6, 3)))
			.expectComplete()
			.verify(TIMEOUT);
	}

	@Test
	void whenOfferedToAllThenEveryWaitingOrderGetsOneOfferAndOneEvent() {
		Kettles kettles = kettles();
		Instant expires = Instant.now().plus(Duration.ofDays(7));
		StepVerifier.create(this.substitutions.offerToAll(
				new OfferToAll(kettles.original(), kettles.best(), null, "Same kettle, other brand", expires), "rep"))
			.assertNext((offers) -> {
				assertThat(offers).hasSize(3);
				assertThat(offers).extracting(OfferView::quantity).containsExactly(1, 2, 1);
				// 95.00 instead of 100.00 a unit
				assertThat(offers).extracting(OfferView::priceDifferenceCents).containsExactly(-500L, -1000L, -500L);
				assertThat(offers).allSatisfy((offer) -> assertThat(offer.status()).isEqualTo(OfferStatus.OFFERED));
			})
			.expectComplete()
			.verify(TIMEOUT);
		for (OrderView order : kettles.orders()) {
			assertThat(this.shop.events(order.number())).containsExactly("ORDER_PLACED", "SUBSTITUTE_OFFERED");
		}
		// the same offer again finds nobody left to offer it to, and changes nothing
		StepVerifier
			.create(this.substitutions.offerToAll(new OfferToAll(kettles.original(), kettles.best(), 250L, "", expires),
					"rep"))
			.expectError(InvalidInputException.class)
			.verify(TIMEOUT);
		assertThat(offerCount(kettles)).isEqualTo(3);
	}

	@Test
	void whenASubstituteSellsOutThenItsOffersCountAsNoLongerAvailableAndNotAsOpen() {
		Kettles kettles = kettles();
		Instant expires = Instant.now().plus(Duration.ofDays(7));
		// 3 free units: offered to the first two orders (1 and 2 units)
		this.substitutions.offerToAll(new OfferToAll(kettles.original(), kettles.few(), null, "", expires), "rep")
			.block(TIMEOUT);
		this.substitutions.offerToAll(new OfferToAll(kettles.original(), kettles.best(), null, "", expires), "rep")
			.block(TIMEOUT);
		assertThat(openOffers(kettles)).containsExactly(tuple(3 + 2, 0), tuple(2, 0), tuple(2, 0), tuple(1, 0));

		// another order takes the last free units of one substitute
		this.shop.order("TAKES-FEW", kettles.few(), 3);
		List<OfferView> customerSees = this.substitutions.openOffers(kettles.orders().get(0).id()).block(TIMEOUT);
		assertThat(customerSees).extracting(OfferView::substituteSku, OfferView::available)
			.containsExactlyInAnyOrder(tuple(kettles.few(), false), tuple(kettles.best(), true));
		assertThat(openOffers(kettles)).as("the SKU, then each line: open, no longer available")
			.containsExactly(tuple(3, 2), tuple(1, 1), tuple(1, 1), tuple(1, 0));

		// the stock is counted again: the offers can be accepted, and count as open again
		this.supply.setOnHand(kettles.few(), 10, "test").block(TIMEOUT);
		assertThat(openOffers(kettles)).containsExactly(tuple(3 + 2, 0), tuple(2, 0), tuple(2, 0), tuple(1, 0));
	}

	/** The SKU's, then each queued line's, open and no longer available offers. */
	private List<Tuple> openOffers(Kettles kettles) {
		WaitingSku sku = this.queue.skus(kettles.original()).block(TIMEOUT).get(0);
		List<WaitingLine> lines = this.queue.lines(List.of(kettles.original())).block(TIMEOUT).get(kettles.original());
		List<Tuple> counts = new ArrayList<>();
		counts.add(tuple(sku.openOffers(), sku.unavailableOffers()));
		lines.forEach((line) -> counts.add(tuple(line.openOffers(), line.unavailableOffers())));
		return counts;
	}

	@Test
	void whenTheTransactionAroundAnOfferToAllFailsThenNoOrderKeepsAnOffer() {
		Kettles kettles = kettles();
		Mono<Void> failing = this.substitutions
			.offerToAll(new OfferToAll(kettles.original(), kettles.second(), 100L, "",
					Instant.now().plus(Duration.ofDays(3))), "rep")
			.doOnNext((offers) -> assertThat(offers).hasSize(3))
			.then(Mono.<Void>error(new IllegalStateException("audit failed")))
			.as(this.transactions::transactional);
		StepVerifier.create(failing).expectError(IllegalStateException.class).verify(TIMEOUT);
		assertThat(offerCount(kettles)).isZero();
		for (OrderView order : kettles.orders()) {
			assertThat(this.shop.events(order.number())).containsExactly("ORDER_PLACED");
		}
	}

	private long offerCount(Kettles kettles) {
		return this.shop.count("select count(*) from substitution_offer s join order_line l on l.id = s.line_id "
				+ "where l.sku = '" + kettles.original() + "'");
	}

	/**
	 * Three orders waiting without a date for a kettle, and candidates of which two
	 * qualify.
	 */
	private Kettles kettles() {
		String original = product("KETTLE", 10_000, Map.of("colour", "red", "capacity", "1.7l"), 0);
		String best = product("BEST", 9_500, Map.of("colour", "red", "capacity", "1.7l"), 10);
		String second = product("SECOND", 10_000, Map.of("colour", "blue", "capacity", "1.7l"), 6);
		product("DEAR", 13_000, Map.of("colour", "red", "capacity", "1.7l"), 10);
		String few = product("FEW", 10_000, Map.of("colour", "red", "capacity", "1.7l"), 3);
		product("NONE", 10_000, Map.of("colour", "red", "capacity", "1.7l"), 0);
		List<OrderView> orders = List.of(this.shop.order("K1", original, 1), this.shop.order("K2", original, 2),
				this.shop.order("K3", original, 1));
		return new Kettles(original, best, second, few, orders);
	}

	private String product(String prefix, long priceCents, Map<String, String> attributes, int onHand) {
		String sku = this.shop.unique(prefix);
		this.catalog
			.upsert(new Product(sku, "Kettle " + sku, this.shop.unique("Kettles"), attributes, priceCents, "EUR"))
			.block(TIMEOUT);
		this.shop.execute("update stock set on_hand = " + onHand + " where sku = '" + sku + "'");
		return sku;
	}

	private record Kettles(String original, String best, String second, String few, List<OrderView> orders) {
	}

}
