package com.backorderdesk.customer;

import java.time.Duration;
import java.time.LocalDate;
import java.util.Locale;

import org.junit.jupiter.api.Test;

import com.backorderdesk.orders.LineWording;

import com.backorderdesk.Browser;
import com.backorderdesk.allocation.EtaWindow;
import com.backorderdesk.orders.EtaSettings;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.context.annotation.Import;
import org.springframework.http.HttpStatus;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.test.web.reactive.server.WebTestClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What a shopper sees about a product before ordering: in stock, on backorder with a
 * ship-by date, or out of stock with a way to hear when it is back.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@AutoConfigureWebTestClient
@Import(PortalFixtures.class)
class ProductAvailabilityTests {

	@Autowired
	private WebTestClient http;

	@Autowired
	private PortalFixtures fixtures;

	@Autowired
	private LineWording dates;

	@Autowired
	private EtaSettings eta;

	@Autowired
	private DatabaseClient db;

	@Test
	void whenStockCoversDemandThenInStockElseBackorderWithTheEnginesWindowElseOutOfStock() {
		LocalDate today = this.dates.today();
		String shelf = this.fixtures.product("Oak Shelf", 3);
		this.fixtures.order("a@example.com", shelf, 2);
		String sofa = this.fixtures.product("Linen Sofa", 1);
		this.fixtures.order("b@example.com", sofa, 1);
		this.fixtures.restock(sofa, 2, today.plusDays(10));
		String rug = this.fixtures.product("Wool Rug", 0);
		this.fixtures.restock(rug, 1, today.plusDays(5));
		this.fixtures.order("c@example.com", rug, 1);

		assertThat(page("/products/" + shelf)).contains("In stock", "Ready to ship now.")
			.doesNotContain("Tell me when it");
		assertThat(page("/products/" + sofa)).contains("Available on backorder", "Arrives " + window(today, 10) + ".")
			.doesNotContain("Tell me when it");
		// no token and no cookie: the form acts on nothing this browser holds
		assertThat(page("/products/" + rug)).contains("Out of stock", "No restock date yet.", "Tell me when it")
			.doesNotContain("name=\"_csrf\"");
	}

	@Test
	void whenDemandTakesTheFirstRestockThenTheNextRestockSetsTheWindow() {
		LocalDate today = this.dates.today();
		String lamp = this.fixtures.product("Paper Lamp", 0);
		this.fixtures.restock(lamp, 2, today.plusDays(4));
		this.fixtures.restock(lamp, 5, today.plusDays(20));
		this.fixtures.order("d@example.com", lamp, 2);
		assertThat(page("/products/" + lamp)).contains("Arrives " + window(today, 20) + ".");
	}

	/**
	 * The window the engine gives a restock expected in {@code days} days from a supplier
	 * without history, as the page words it.
	 */
	private String window(LocalDate today, int days) {
		LocalDate earliest = today.plusDays(days + this.eta.handlingDays() + this.eta.shippingDays());
		return this.dates.window(new EtaWindow(earliest, earliest.plusDays(this.eta.defaultLatenessDays())),
				Locale.ENGLISH);
	}

	@Test
	void whenSearchingThenOnlyMatchingProductsAreListedWithTheirBadges() {
		String marker = PortalFixtures.unique("Zebra").replace("-", "");
		String inStock = this.fixtures.product(marker + " Mug", 2);
		String outOfStock = this.fixtures.product(marker + " Bowl", 0);
		this.fixtures.product("Plain Plate", 2);
		String list = page("/products?q=" + marker.toLowerCase());
		assertThat(list)
			.contains(marker + " Mug", marker + " Bowl", "id=\"product-" + inStock + "\"",
					"id=\"product-" + outOfStock + "\"", "In stock", "Out of stock")
			.doesNotContain("Plain Plate");
		assertThat(page("/products?q=" + marker + "%25")).contains("No products match your search.");
	}

	@Test
	void whenBackInStockEmailIsInvalidThenMessageNextToTheFieldAndNothingIsStored() {
		String rug = this.fixtures.product("Jute Rug", 0);
		Browser browser = PortalFixtures.browser(this.http);
		browser.get("/products/" + rug);
		Browser.Page invalid = browser.post("/products/" + rug + "/notify", "email", "not-an-address");
		assertThat(invalid.status()).isEqualTo(HttpStatus.UNPROCESSABLE_CONTENT);
		assertThat(invalid.body()).contains("Enter an e-mail address like name@example.com.", "aria-invalid=\"true\"",
				"value=\"not-an-address\"");
		assertThat(requests(rug)).isZero();
	}

	@Test
	void whenABackInStockAddressIsOneTheMailerWouldNotTakeThenItIsRefusedNotRetriedForHours() {
		String rug = this.fixtures.product("Wool Rug", 0);
		Browser browser = PortalFixtures.browser(this.http);
		browser.get("/products/" + rug);
		for (String address : new String[] { "Lin <lin@example.com>", "lin@example.com, bob@example.com",
				"lin@exa mple.com", "lin@example.com\u0000", "l".repeat(65) + "@example.com" }) {
			Browser.Page invalid = browser.post("/products/" + rug + "/notify", "email", address);
			assertThat(invalid.status()).as(address).isEqualTo(HttpStatus.UNPROCESSABLE_CONTENT);
			assertThat(invalid.body()).contains("Enter an e-mail address like name@example.com.");
		}
		assertThat(requests(rug)).isZero();
	}

	@Test
	void whenASearchHoldsAControlCharacterThenItIsABadRequestAndALongOneIsCut() {
		Browser browser = PortalFixtures.browser(this.http);
		assertThat(browser.get("/products?q={q}", "\u0000").status()).isEqualTo(HttpStatus.BAD_REQUEST);
		assertThat(browser.get("/products?q={q}", "tea\u0001pot").status()).isEqualTo(HttpStatus.BAD_REQUEST);
		Browser.Page longSearch = browser.get("/products?q=" + "z".repeat(300));
		assertThat(longSearch.status()).isEqualTo(HttpStatus.OK);
		assertThat(longSearch.body()).contains("No products match your search.");
		assertThat(browser.get("/products/{sku}", "{0}").status()).isEqualTo(HttpStatus.NOT_FOUND);
	}

	@Test
	void whenBackInStockIsRequestedTwiceThenItIsStoredOnceAndConfirmed() {
		String rug = this.fixtures.product("Sisal Rug", 0);
		Browser browser = PortalFixtures.browser(this.http);
		browser.get("/products/" + rug);
		Browser.Page saved = browser.post("/products/" + rug + "/notify", "email", "Lin@Example.com");
		assertThat(saved.status()).isEqualTo(HttpStatus.SEE_OTHER);
		assertThat(saved.location()).isEqualTo("/products/" + rug + "?subscribed=true");
		// the form gives way to the confirmation, in its place
		assertThat(browser.get(saved.location()).body())
			.contains("id=\"notify-saved\"", "we will send you one e-mail as soon as this product can be ordered again")
			.doesNotContain("action=\"/products/" + rug + "/notify\"");
		browser.post("/products/" + rug + "/notify", "email", " lin@example.com ");
		assertThat(requests(rug)).isEqualTo(1);
		assertThat(browser.postWithoutCsrf("/products/" + rug + "/notify", "email", "x@example.com").status())
			.isEqualTo(HttpStatus.SEE_OTHER);
		assertThat(requests(rug)).isEqualTo(2);
	}

	@Test
	void whenMoreProductsMatchThanAPageHoldsThenThePageSaysHowManyAndLinksTheOthers() {
		String marker = PortalFixtures.unique("Paged").replace("-", "");
		for (int i = 0; i < 30; i++) {
			this.fixtures.product(marker + " Vase " + (char) ('A' + i / 10) + (i % 10), 1);
		}
		String first = page("/products?q=" + marker);
		assertThat(first).contains("Showing 1\u201324 of 30 products.", "aria-current=\"page\"",
				"href=\"/products?q=" + marker + "&amp;page=2\"", ">Next</a>");
		assertThat(first.split("class=\"product\"", -1)).hasSize(25);
		String second = page("/products?q=" + marker + "&page=2");
		assertThat(second).contains("Showing 25\u201330 of 30 products.", marker + " Vase C9", ">Previous</a>")
			.doesNotContain(marker + " Vase A0");
		assertThat(page("/products?q=" + marker + "&page=99")).as("past the last: the last")
			.contains("Showing 25\u201330 of 30 products.");
		assertThat(page("/products?q=" + marker + "&page=two")).contains("Showing 1\u201324 of 30 products.");
	}

	@Test
	void whenProductIsUnknownThenNotFound() {
		assertThat(PortalFixtures.browser(this.http).get("/products/NO-SUCH-" + PortalFixtures.unique("P")).status())
			.isEqualTo(HttpStatus.NOT_FOUND);
	}

	private String page(String uri) {
		Browser.Page page = PortalFixtures.browser(this.http).get(uri);
		assertThat(page.status()).isEqualTo(HttpStatus.OK);
		return page.body();
	}

	private long requests(String sku) {
		return this.db.sql("select count(*) from back_in_stock_request where sku = :sku")
			.bind("sku", sku)
			.map((row) -> row.get(0, Long.class))
			.one()
			.block(Duration.ofSeconds(10));
	}

}
