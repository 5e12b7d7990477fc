package com.backorderdesk.staff;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;
import reactor.test.StepVerifier;

import com.backorderdesk.Browser;
import com.backorderdesk.TestShop;
import com.backorderdesk.catalog.CatalogService;
import com.backorderdesk.catalog.Product;
import com.backorderdesk.orders.OrderService;
import com.backorderdesk.orders.OrderView;
import com.backorderdesk.orders.PlaceOrder;
import com.backorderdesk.orders.SupplyChanges;
import com.backorderdesk.substitution.OfferToAll;
import com.backorderdesk.substitution.SubstitutionService;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.context.ApplicationContext;
import org.springframework.http.HttpStatus;
import org.springframework.http.codec.ServerSentEvent;
import org.springframework.test.web.reactive.server.WebTestClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The substitution workbench over HTTP, logged in as the demo rep: ranking in words, the
 * three steps of an offer (choose, review, send) with nothing chosen for the rep, partial
 * substitutes, and the live queue.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@AutoConfigureWebTestClient
class SubstitutionWorkbenchTests {

	private static final Duration TIMEOUT = Duration.ofSeconds(30);

	@Autowired
	private WebTestClient http;

	@Autowired
	private CatalogService catalog;

	@Autowired
	private OrderService orders;

	@Autowired
	private SubstitutionService substitutions;

	@Autowired
	private SupplyChanges supply;

	private final TestShop shop;

	SubstitutionWorkbenchTests(@Autowired ApplicationContext context) {
		this.shop = new TestShop(context);
	}

	@Test
	void whenRepOpensTheWorkbenchThenWaitingSkusShowRankedCandidatesWithTheReasonInWordsAndNothingChosen() {
		Shelf shelf = shelf();
		Browser.Page page = rep().get("/staff/substitutions?sku=" + shelf.original());
		assertThat(page.status()).isEqualTo(HttpStatus.OK);
		assertThat(page.body())
			.contains(shelf.original(), "3 units waiting in 2 orders",
					"same category, 3 of 4 attributes match, 5 % cheaper", "12 free: all 2 waiting orders",
					"same category, 1 of 4 attributes match, same price", "20 free: all 2 waiting orders",
					"The 2 waiting orders, in queue order", "Customer S1")
			.doesNotContain("checked", "<select");
		assertThat(page.body().indexOf(shelf.best())).isLessThan(page.body().indexOf(shelf.second()));
		Browser.Page form = rep().get("/staff/substitutions/{sku}/offer?substitute={best}", shelf.original(),
				shelf.best());
		assertThat(form.status()).isEqualTo(HttpStatus.OK);
		assertThat(form.body())
			.contains("Substitute: Shelf " + shelf.best(), "All 2 waiting orders",
					"Only " + shelf.orders().get(0).number())
			.doesNotContain("checked");
	}

	@Test
	void whenAnOfferedSubstituteSellsOutThenTheWorkbenchSaysItsOffersAreNoLongerAvailableAndNotOpen() {
		Shelf shelf = shelf();
		this.substitutions.offerToAll(
				new OfferToAll(shelf.original(), shelf.best(), null, "", Instant.now().plus(Duration.ofDays(7))), "rep")
			.block(TIMEOUT);
		assertThat(rep().get("/staff/substitutions?sku=" + shelf.original()).body()).contains("2 offers unanswered")
			.doesNotContain("no longer available");

		this.supply.setOnHand(shelf.best(), 0, "test").block(TIMEOUT);
		Browser.Page page = rep().get("/staff/substitutions?sku=" + shelf.original());
		assertThat(page.status()).isEqualTo(HttpStatus.OK);
		assertThat(page.body())
			.contains("no offers unanswered",
					"2 more offers are no longer available: the substitute sold out, so they cannot be accepted now.")
			.containsPattern("(?s)" + shelf.orders().get(0).number() + ".*<span>0</span>.*1 no longer available")
			.doesNotContain("2 offers unanswered");
		Browser.Page form = rep().get("/staff/substitutions/{sku}/offer?substitute={second}", shelf.original(),
				shelf.second());
		assertThat(form.body()).contains("no offers unanswered", "2 more offers are no longer available");
	}

	@Test
	void whenRepReviewsAnOfferToTheQueueThenTheOrdersAndCustomersAreListedAndOnlySendingOffers() {
		Shelf shelf = shelf();
		Browser rep = rep();
		rep.get("/staff/substitutions/{sku}/offer?substitute={best}", shelf.original(), shelf.best());
		Browser.Page review = rep.post("/staff/substitutions/" + shelf.original() + "/offers/review", "substitute",
				shelf.best(), "target", "queue", "priceDifference", "", "days", "7", "note", "Same shelf, oak finish");
		assertThat(review.status()).isEqualTo(HttpStatus.OK);
		assertThat(review.body()).contains("Offer Shelf " + shelf.best() + " to these 2 orders?",
				shelf.orders().get(0).number(), shelf.orders().get(1).number(), "Customer S1", "Customer S2", "−€5.00",
				"−€10.00", "Note for the customer: Same shelf, oak finish", "Send the offer to 2 orders");
		assertThat(offerCount(shelf)).as("the review offers nothing").isZero();
		for (OrderView order : shelf.orders()) {
			assertThat(this.shop.events(order.number())).containsExactly("ORDER_PLACED");
		}
		String lines = review.body().replaceAll("(?s).*name=\"lines\" value=\"([0-9,]+)\".*", "$1");
		Browser.Page offered = rep.post("/staff/substitutions/" + shelf.original() + "/offers", "substitute",
				shelf.best(), "target", "queue", "priceDifference", "", "days", "7", "note", "Same shelf, oak finish",
				"lines", lines);
		assertThat(offered.status().is3xxRedirection()).isTrue();
		assertThat(offered.location()).contains("offered=2");
		assertThat(rep.get(offered.location()).body()).contains("Offered " + shelf.best() + " to 2 orders",
				"Waiting for answer");
		for (OrderView order : shelf.orders()) {
			assertThat(this.shop.events(order.number())).containsExactly("ORDER_PLACED", "SUBSTITUTE_OFFERED");
			assertThat(this.shop.count("select count(*) from audit_entry where action = 'SUBSTITUTE_OFFERED' "
					+ "and actor = 'rep' and subject = 'order " + order.number() + "'"))
				.isEqualTo(1);
		}
		assertThat(this.shop.text("select string_agg(price_difference_cents::text, ',' order by id) "
				+ "from substitution_offer where substitute_sku = '" + shelf.best() + "'"))
			.isEqualTo("-500,-1000");
		// the next offer starts from an empty form
		Browser.Page next = rep.get("/staff/substitutions/{sku}/offer?substitute={second}", shelf.original(),
				shelf.second());
		assertThat(next.body()).doesNotContain("checked", "Same shelf, oak finish");
	}

	@Test
	void whenTheQueueChangesBetweenReviewAndSendThenNothingIsSentAndTheNewListIsShown() {
		Shelf shelf = shelf();
		Browser rep = rep();
		rep.get("/staff/substitutions");
		Browser.Page review = rep.post("/staff/substitutions/" + shelf.original() + "/offers/review", "substitute",
				shelf.best(), "target", "queue", "priceDifference", "", "days", "7", "note", "");
		String lines = review.body().replaceAll("(?s).*name=\"lines\" value=\"([0-9,]+)\".*", "$1");
		OrderView third = this.shop.order("S3", shelf.original(), 1);
		Browser.Page again = rep.post("/staff/substitutions/" + shelf.original() + "/offers", "substitute",
				shelf.best(), "target", "queue", "priceDifference", "", "days", "7", "note", "", "lines", lines);
		assertThat(again.status()).isEqualTo(HttpStatus.OK);
		assertThat(again.body()).contains("The waiting orders changed since you reviewed the offer",
				"to these 3 orders?", third.number());
		assertThat(offerCount(shelf)).isZero();
	}

	@Test
	void whenAPartialSubstituteIsOfferedThenOnlyTheFrontOfTheQueueGetsIt() {
		Shelf shelf = shelf();
		String few = product("FEW",
				this.shop.text("select category from product where sku = '" + shelf.original() + "'"), 10_000,
				Map.of("wood", "oak", "width", "80", "shelves", "4", "colour", "natural"), 1);
		Browser rep = rep();
		assertThat(rep.get("/staff/substitutions?sku=" + shelf.original()).body())
			.contains("1 free: the first waiting order of 2", "partial");
		Browser.Page review = rep.post("/staff/substitutions/" + shelf.original() + "/offers/review", "substitute", few,
				"target", "queue", "priceDifference", "", "days", "7", "note", "");
		assertThat(review.body()).contains("to this order?", shelf.orders().get(0).number())
			.doesNotContain(">" + shelf.orders().get(1).number() + "<");
	}

	@Test
	void whenRepOffersToOneOrderWithAnEditedPriceThenOnlyThatOrderGetsIt() {
		Shelf shelf = shelf();
		Browser rep = rep();
		String page = rep.get("/staff/substitutions/{sku}/offer?substitute={second}", shelf.original(), shelf.second())
			.body();
		long lineId = shelf.orders().get(1).lines().get(0).id();
		assertThat(page).contains("value=\"" + lineId + "\"");
		Browser.Page review = rep.post("/staff/substitutions/" + shelf.original() + "/offers/review", "substitute",
				shelf.second(), "target", Long.toString(lineId), "priceDifference", "-2.50", "days", "3", "note", "");
		assertThat(review.body()).contains("to this order?", "−€5.00");
		Browser.Page offered = rep.post("/staff/substitutions/" + shelf.original() + "/offers", "substitute",
				shelf.second(), "target", Long.toString(lineId), "priceDifference", "-2.50", "days", "3", "note", "",
				"lines", Long.toString(lineId));
		assertThat(offered.location()).contains("offered=1");
		assertThat(this.shop.events(shelf.orders().get(0).number())).containsExactly("ORDER_PLACED");
		assertThat(this.shop.text("select price_difference_cents || ' ' || quantity || ' ' || created_by "
				+ "from substitution_offer where line_id = " + lineId))
			.isEqualTo("-500 2 staff:rep");
	}

	@Test
	void whenTheOfferFormIsWrongThenTheFieldSaysWhyAndNothingIsOffered() {
		Shelf shelf = shelf();
		Browser rep = rep();
		rep.get("/staff/substitutions");
		Browser.Page refused = rep.post("/staff/substitutions/" + shelf.original() + "/offers/review", "substitute",
				shelf.best(), "target", "", "priceDifference", "five euros", "days", "0", "note", "x");
		assertThat(refused.status()).isEqualTo(HttpStatus.BAD_REQUEST);
		assertThat(refused.body()).contains("Nothing was offered", "Choose who gets the offer.",
				"Enter a whole number of days from 1 to 60.", "Enter an amount like 5.00 or -2.50",
				"value=\"five euros\"");
		Browser.Page unknown = rep.post("/staff/substitutions/" + shelf.original() + "/offers/review", "substitute",
				"NO-SUCH-SKU", "target", "queue", "priceDifference", "", "days", "7", "note", "");
		assertThat(unknown.status()).isEqualTo(HttpStatus.BAD_REQUEST);
		assertThat(unknown.body()).contains("No product with SKU");
		Browser.Page unreviewed = rep.post("/staff/substitutions/" + shelf.original() + "/offers", "substitute",
				shelf.best(), "target", "queue", "priceDifference", "", "days", "7", "note", "");
		assertThat(unreviewed.body()).as("an offer without a review is reviewed first").contains("Send the offer");
		assertThat(offerCount(shelf)).isZero();
	}

	@Test
	void whenAProductIsPricedNearTheLimitOfALongThenTheWorkbenchStillRanksAndRefusesCalmly() {
		Shelf shelf = shelf();
		// prices stored before prices had bounds: the catalogue refuses them today
		String category = this.shop.text("select category from product where sku = '" + shelf.original() + "'");
		String gold = this.shop.unique("GOLD");
		this.shop.execute("insert into product (sku, name, category, price_cents, currency) values ('" + gold
				+ "', 'Gold shelf', '" + category + "', 99000000000000000, 'EUR')");
		this.shop.execute("insert into stock (sku, on_hand) values ('" + gold + "', 0)");
		this.shop.order("GOLD", gold, 1);
		Browser rep = rep();
		assertThat(rep.get("/staff/substitutions?sku={sku}", gold).body()).contains("Gold shelf");
		Browser.Page workbench = rep.get("/staff/substitutions?sku={sku}", shelf.original());
		assertThat(workbench.status()).isEqualTo(HttpStatus.OK);
		assertThat(workbench.body()).contains(shelf.best()).doesNotContain("Gold shelf");
		assertThat(rep.get("/staff/substitutions").status()).isEqualTo(HttpStatus.OK);
		Browser.Page refused = rep.post("/staff/substitutions/" + shelf.original() + "/offers/review", "substitute",
				gold, "target", "queue", "priceDifference", "", "days", "7", "note", "");
		assertThat(refused.status()).isEqualTo(HttpStatus.BAD_REQUEST);
		assertThat(refused.body()).contains("priced beyond what an offer can charge");
		Browser.Page tooDear = rep.post("/staff/substitutions/" + shelf.original() + "/offers/review", "substitute",
				shelf.best(), "target", "queue", "priceDifference", "999999999999.99", "days", "7", "note", "");
		assertThat(tooDear.status()).isEqualTo(HttpStatus.BAD_REQUEST);
		assertThat(tooDear.body()).contains("Enter a difference of at most 10,000,000,000 cents per unit");
		assertThat(offerCount(shelf)).isZero();
	}

	@Test
	void whenAnOrderJoinsTheQueueThenTheWorkbenchStreamSendsTheQueueAgain() {
		Shelf shelf = shelf();
		Browser rep = rep();
		Flux<ServerSentEvent<String>> stream = rep.events("/staff/substitutions/events?sku={sku}", shelf.original());
		StepVerifier.create(stream.take(1))
			.then(() -> this.shop.order("S4", shelf.original(), 4))
			.assertNext((event) -> assertThat(event.data())
				.contains("id=\"workbench-queue\"", "7 units waiting in 3 orders", "id=\"workbench-offers\"")
				.doesNotContain("<form"))
			.expectComplete()
			.verify(TIMEOUT);
	}

	@Test
	void whenTheQueueIsLongerThanAPageThenEachSkuIsOnOnePageInRankOrderAndCanBeOfferedFromThere() {
		List<String> mine = pagedSkus();
		Browser rep = rep();
		Browser.Page first = rep.get("/staff/substitutions");
		Matcher count = Pattern.compile("1–10 of ([0-9,]+) items, most units waiting first").matcher(first.body());
		assertThat(count.find()).as("the count of the first page").isTrue();
		long total = Long.parseLong(count.group(1).replace(",", ""));
		assertThat(total).isGreaterThanOrEqualTo(mine.size());
		long pages = (total + 9) / 10;
		assertThat(first.body()).contains("aria-label=\"Pages of waiting items\"",
				"aria-current=\"page\" aria-label=\"Page 1\"", "href=\"/staff/substitutions?page=2\" rel=\"next\"");
		assertThat(skus(first.body())).hasSize(10);
		List<String> seen = new ArrayList<>(skus(first.body()));
		Map<String, Integer> pageOf = new HashMap<>();
		// the shared queue holds other tests' SKUs too: follow the pages until ours are
		// all seen
		for (int page = 2; page <= pages && !pageOf.keySet().containsAll(mine); page++) {
			String body = rep.get("/staff/substitutions?page={page}", page).body();
			assertThat(body).contains("aria-current=\"page\" aria-label=\"Page " + page + "\"",
					"href=\"/staff/substitutions" + ((page == 2) ? "" : "?page=" + (page - 1)) + "\" rel=\"prev\"");
			for (String sku : skus(body)) {
				seen.add(sku);
				pageOf.put(sku, page);
			}
		}
		skus(first.body()).forEach((sku) -> pageOf.put(sku, 1));
		// most units first: ours wait 12, 11, … 1 units
		List<String> mostFirst = new ArrayList<>(mine);
		Collections.reverse(mostFirst);
		assertThat(seen.stream().filter(mine::contains).toList()).containsExactlyElementsOf(mostFirst);
		// a card on a later page offers its substitute as one on the first does
		String last = mine.get(0);
		String candidate = this.shop.unique("PAGEDSUB");
		String onItsPage = rep.get("/staff/substitutions?page={page}", pageOf.get(last)).body();
		assertThat(onItsPage).contains("href=\"/staff/substitutions/" + last + "/offer?substitute=" + candidate + "\"");
		Browser.Page offer = rep.get("/staff/substitutions/{sku}/offer?substitute={candidate}", last, candidate);
		assertThat(offer.status()).isEqualTo(HttpStatus.OK);
		assertThat(offer.body()).contains(candidate, "name=\"target\"");
		// the SKU filter is kept, and a page it does not have shows the one it has
		assertThat(rep.get("/staff/substitutions?sku={sku}&page=3", last).body()).contains("id=\"sku-" + last + "\"",
				"1 item, most units waiting first");
	}

	@Test
	void whenTheWorkbenchPageParameterIsJunkThenItStillOpens() {
		pagedSkus();
		Browser rep = rep();
		for (String junk : List.of("-1", "0", "", "abc", "1e3", "%", "{page}", "1000000000000000000000000000000",
				"99999999999", "2147483648")) {
			Browser.Page page = rep.get("/staff/substitutions?page={page}", junk);
			assertThat(page.status()).as(junk).isEqualTo(HttpStatus.OK);
			assertThat(page.body()).as(junk).containsPattern("[0-9,]+–[0-9,]+ of [0-9,]+ items");
		}
		// a NUL is the firewall's to refuse, as in any parameter
		assertThat(rep.get("/staff/substitutions?page={page}", "\u0000").status()).isEqualTo(HttpStatus.BAD_REQUEST);
		Browser.Page past = rep.get("/staff/substitutions?page=100000");
		assertThat(past.body()).containsPattern("aria-current=\"page\" aria-label=\"Page ([0-9]+)\"")
			.doesNotContain("rel=\"next\"");
	}

	@Test
	void whenTheQueueChangesThenAStreamOfPageTwoSendsPageTwoAgain() {
		List<String> mine = pagedSkus();
		Browser rep = rep();
		Flux<ServerSentEvent<String>> stream = rep.events("/staff/substitutions/events?page=2");
		StepVerifier.create(stream.take(1))
			.then(() -> order("PAGED-MORE", mine.get(0), 1))
			.assertNext((event) -> assertThat(event.data())
				.contains("id=\"workbench-queue\"", "aria-current=\"page\" aria-label=\"Page 2\"",
						"href=\"/staff/substitutions\" rel=\"prev\"")
				.containsPattern("11–[0-9,]+ of [0-9,]+ items")
				.doesNotContain("<form"))
			.expectComplete()
			.verify(TIMEOUT);
		StepVerifier.create(rep.events("/staff/substitutions/events?page={page}", "junk").take(1))
			.then(() -> order("PAGED-JUNK", mine.get(1), 1))
			.assertNext((event) -> assertThat(event.data()).contains("id=\"workbench-queue\"")
				.containsPattern("1–[0-9,]+ of [0-9,]+ items"))
			.expectComplete()
			.verify(TIMEOUT);
	}

	/**
	 * Twelve SKUs of a category of their own wait with no date, 1 to 12 units; one
	 * product of the category could stand in for any of them.
	 * @return the SKUs, from 1 unit to 12
	 */
	private List<String> pagedSkus() {
		String category = this.shop.unique("Paged");
		product("PAGEDSUB", category, 1_000, Map.of(), 1_000);
		List<String> skus = new ArrayList<>();
		for (int units = 1; units <= 12; units++) {
			String sku = product("PAGED" + units, category, 1_000, Map.of(), 0);
			order("PAGED" + units, sku, units);
			skus.add(sku);
		}
		return skus;
	}

	/** The SKUs a workbench page shows, top to bottom. */
	private static List<String> skus(String body) {
		List<String> skus = new ArrayList<>();
		Matcher matcher = Pattern.compile("<article [^>]*id=\"sku-([^\"]+)\"").matcher(body);
		while (matcher.find()) {
			skus.add(matcher.group(1));
		}
		return skus;
	}

	private long offerCount(Shelf shelf) {
		return this.shop.count("select count(*) from substitution_offer s join order_line l on l.id = s.line_id "
				+ "where l.sku = '" + shelf.original() + "'");
	}

	/**
	 * Two orders wait for a shelf with no date; two products of its category qualify.
	 */
	private Shelf shelf() {
		String category = this.shop.unique("Shelves");
		Map<String, String> attributes = Map.of("wood", "oak", "width", "80", "shelves", "4", "colour", "natural");
		String original = product("SHELF", category, 10_000, attributes, 0);
		String best = product("BEST", category, 9_500,
				Map.of("wood", "oak", "width", "80", "shelves", "4", "colour", "white"), 12);
		String second = product("SECOND", category, 10_000, Map.of("wood", "oak"), 20);
		List<OrderView> orders = List.of(order("S1", original, 1), order("S2", original, 2));
		return new Shelf(original, best, second, orders);
	}

	private String product(String prefix, String category, long priceCents, Map<String, String> attributes,
			int onHand) {
		String sku = this.shop.unique(prefix);
		this.catalog.upsert(new Product(sku, "Shelf " + sku, category, attributes, priceCents, "EUR")).block(TIMEOUT);
		this.shop.execute("update stock set on_hand = " + onHand + " where sku = '" + sku + "'");
		return sku;
	}

	private OrderView order(String name, String sku, int quantity) {
		String number = this.shop.unique(name);
		this.orders
			.place(new PlaceOrder(number, name.toLowerCase() + "@example.com", "Customer " + name,
					List.of(new PlaceOrder.Line(sku, quantity))), "test")
			.block(TIMEOUT);
		return this.shop.find(number);
	}

	private Browser rep() {
		ThreadLocalRandom random = ThreadLocalRandom.current();
		Browser rep = new Browser(this.http,
				"10." + random.nextInt(256) + "." + random.nextInt(256) + "." + random.nextInt(256));
		rep.logIn("rep", "rep");
		return rep;
	}

	private record Shelf(String original, String best, String second, List<OrderView> orders) {
	}

}
