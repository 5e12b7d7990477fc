package com.backorderdesk.staff;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

import org.junit.jupiter.api.Test;

import com.backorderdesk.Browser;
import com.backorderdesk.TestShop;
import com.backorderdesk.catalog.CatalogService;
import com.backorderdesk.catalog.Product;
import com.backorderdesk.orders.OrderView;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.context.ApplicationContext;
import org.springframework.http.HttpStatus;
import org.springframework.test.web.reactive.server.WebTestClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The substitution workbench over HTTP, logged in as the demo rep.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@AutoConfigureWebTestClient
class SubstitutionWorkbenchTests {

	private static final Duration TIMEOUT = Duration.ofSeconds(30);

	@Autowired
	private WebTestClient http;

	@Autowired
	private CatalogService catalog;

	private final TestShop shop;

	SubstitutionWorkbenchTests(@Autowired ApplicationContext context) {
		this.shop = new TestShop(context);
	}

	@Test
	void whenRepOpensTheWorkbenchThenWaitingSkusShowRankedCandidatesWithTheReasonInWords() {
		Shelf shelf = shelf();
		Browser.Page page = rep().get("/staff/substitutions?sku=" + shelf.original());
		assertThat(page.status()).isEqualTo(HttpStatus.OK);
		assertThat(page.body()).contains(shelf.original(), "3 units waiting in 2 orders",
				"same category, 3 of 4 attributes match, 5 % cheaper, 12 in stock",
				"same category, 1 of 4 attributes match, same price, 20 in stock", "All 2 waiting orders");
		assertThat(page.body().indexOf(shelf.best())).isLessThan(page.body().indexOf(shelf.second()));
	}

	@Test
	void whenRepOffersToAllThenEveryWaitingOrderGetsAnAuditedOffer() {
		Shelf shelf = shelf();
		Browser rep = rep();
		rep.get("/staff/substitutions");
		Browser.Page offered = rep.post("/staff/substitutions/" + shelf.original() + "/offers", "substitute",
				shelf.best(), "target", "all", "priceDifference", "", "days", "7", "note", "Same shelf, oak finish");
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
	}

	@Test
	void whenRepOffersToOneOrderWithAnEditedPriceThenOnlyThatOrderGetsIt() {
		Shelf shelf = shelf();
		Browser rep = rep();
		String page = rep.get("/staff/substitutions?sku=" + shelf.original()).body();
		long lineId = shelf.orders().get(1).lines().get(0).id();
		assertThat(page).contains("value=\"" + lineId + "\"");
		Browser.Page offered = rep.post("/staff/substitutions/" + shelf.original() + "/offers", "substitute",
				shelf.second(), "target", Long.toString(lineId), "priceDifference", "-2.50", "days", "3", "note", "");
		assertThat(offered.location()).contains("offered=1");
		assertThat(this.shop.events(shelf.orders().get(0).number())).containsExactly("ORDER_PLACED");
		assertThat(this.shop.text("select price_difference_cents || ' ' || quantity from substitution_offer "
				+ "where line_id = " + lineId))
			.isEqualTo("-500 2");
	}

	@Test
	void whenTheOfferFormIsWrongThenTheFieldSaysWhyAndNothingIsOffered() {
		Shelf shelf = shelf();
		Browser rep = rep();
		rep.get("/staff/substitutions");
		Browser.Page refused = rep.post("/staff/substitutions/" + shelf.original() + "/offers", "substitute",
				shelf.best(), "target", "all", "priceDifference", "five euros", "days", "0", "note", "x");
		assertThat(refused.status()).isEqualTo(HttpStatus.BAD_REQUEST);
		assertThat(refused.body()).contains("Nothing was offered", "Enter a whole number of days from 1 to 60.",
				"Enter an amount like 5.00 or -2.50", "value=\"five euros\"");
		Browser.Page unknown = rep.post("/staff/substitutions/" + shelf.original() + "/offers", "substitute",
				"NO-SUCH-SKU", "target", "all", "priceDifference", "", "days", "7", "note", "");
		assertThat(unknown.status()).isEqualTo(HttpStatus.BAD_REQUEST);
		assertThat(unknown.body()).contains("No product with SKU");
		assertThat(this.shop.count("select count(*) from substitution_offer s join order_line l on l.id = s.line_id "
				+ "where l.sku = '" + shelf.original() + "'"))
			.isZero();
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
		Browser.Page refused = rep.post("/staff/substitutions/" + shelf.original() + "/offers", "substitute", gold,
				"target", "all", "priceDifference", "", "days", "7", "note", "");
		assertThat(refused.status()).isEqualTo(HttpStatus.BAD_REQUEST);
		assertThat(refused.body()).contains("priced beyond what an offer can charge");
		Browser.Page tooDear = rep.post("/staff/substitutions/" + shelf.original() + "/offers", "substitute",
				shelf.best(), "target", "all", "priceDifference", "999999999999.99", "days", "7", "note", "");
		assertThat(tooDear.status()).isEqualTo(HttpStatus.BAD_REQUEST);
		assertThat(tooDear.body()).contains("Enter a difference of at most 10,000,000,000 cents per unit");
		assertThat(this.shop.count("select count(*) from substitution_offer s join order_line l on l.id = s.line_id "
				+ "where l.sku = '" + shelf.original() + "'"))
			.isZero();
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
		List<OrderView> orders = List.of(this.shop.order("S1", original, 1), this.shop.order("S2", original, 2));
		return new Shelf(original, best, second, orders);
	}

	private String product(String prefix, String category, long priceCents, Map<String, String> attributes,
			int onHand) {
		String sku = this.shop.unique(prefix);
		this.catalog.upsert(new Product(sku, "Shelf " + sku, category, attributes, priceCents, "EUR")).block(TIMEOUT);
		this.shop.execute("update stock set on_hand = " + onHand + " where sku = '" + sku + "'");
		return sku;
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
