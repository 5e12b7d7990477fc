package com.backorderdesk.customer;

import java.time.Duration;
import java.time.Instant;

import org.junit.jupiter.api.Test;

import com.backorderdesk.Browser;
import com.backorderdesk.orders.OrderService;
import com.backorderdesk.orders.OrderView;
import com.backorderdesk.substitution.NewOffer;
import com.backorderdesk.substitution.OfferStatus;
import com.backorderdesk.substitution.OfferView;
import com.backorderdesk.substitution.SubstitutionService;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.context.annotation.Import;
import org.springframework.http.HttpStatus;
import org.springframework.test.web.reactive.server.WebTestClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The customer's choices on the order page: a substitute offered, accepted or declined;
 * waiting items cancelled; shipping and e-mail preferences saved. Each is a
 * CSRF-protected POST that can be repeated safely.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@AutoConfigureWebTestClient
@Import(PortalFixtures.class)
class OrderChoicesPageTests {

	private static final String EMAIL = "radia@example.com";

	@Autowired
	private WebTestClient http;

	@Autowired
	private PortalFixtures fixtures;

	@Autowired
	private SubstitutionService substitutions;

	@Autowired
	private OrderService orders;

	@Test
	void whenSubstituteIsOfferedThenThePageShowsItAndAcceptingMakesItReady() {
		Offered offered = offered("Kettle", 5);
		OrderView order = offered.order();
		OfferView offer = offered.offer();
		Browser browser = lookedUp(order);
		String page = browser.get("/orders/" + order.number()).body();
		assertThat(page).contains("A substitute for you", "1 × Classic Kettle instead of Retro Kettle.",
				"Accept the substitute", "A substitute is offered for this item");
		String accept = "/orders/" + order.number() + "/offers/" + offer.id() + "/accept";
		Browser.Page accepted = browser.post(accept);
		assertThat(accepted.status()).isEqualTo(HttpStatus.SEE_OTHER);
		assertThat(accepted.location()).endsWith("?notice=offer-accepted");
		String after = browser.get(accepted.location()).body();
		assertThat(after)
			.contains("Done: the substitute is yours", "Classic Kettle", "In stock, being prepared.",
					"Replaced by Classic Kettle.", ">Replaced<")
			.doesNotContain("Accept the substitute", ">Cancelled<");
		assertThat(browser.post(accept).location()).endsWith("?notice=offer-accepted");
		OrderView stored = this.orders.find(order.number()).block(Duration.ofSeconds(10));
		assertThat(stored.lines()).hasSize(2);
		assertThat(stored.lines().get(1).allocated()).isEqualTo(1);
	}

	@Test
	void whenTheOfferedSubstituteHasSoldOutThenThePageOffersNoAcceptAndAcceptingChangesNothing() {
		Offered offered = offered("Grinder", 1);
		OrderView order = offered.order();
		OfferView offer = offered.offer();
		Browser browser = lookedUp(order);
		String acceptButton = "id=\"accept-offer-" + offer.id() + "\"";
		assertThat(browser.get("/orders/" + order.number()).body()).contains(acceptButton);
		OrderView other = this.fixtures.order("someone@example.com", offered.substitute(), 1);

		String page = browser.get("/orders/" + order.number()).body();
		assertThat(page)
			.contains("1 × Classic Grinder instead of Retro Grinder.", "Sorry, this substitute is no longer available",
					"id=\"decline-offer-" + offer.id() + "\"")
			.doesNotContain(acceptButton, "Accept the substitute");
		String accept = "/orders/" + order.number() + "/offers/" + offer.id() + "/accept";
		assertThat(browser.get(accept).location()).as("the confirmation step says why, too")
			.endsWith("?notice=offer-unavailable");
		Browser.Page answer = browser.post(accept);
		assertThat(answer.status()).isEqualTo(HttpStatus.SEE_OTHER);
		assertThat(answer.location()).endsWith("?notice=offer-unavailable");
		assertThat(browser.get(answer.location()).body()).contains(
				"Sorry, the substitute has just sold out. Your original item is still on order.",
				"Sorry, this substitute is no longer available");

		OrderView stored = this.orders.find(order.number()).block(Duration.ofSeconds(10));
		assertThat(stored.lines()).singleElement().satisfies((line) -> {
			assertThat(line.sku()).isEqualTo(offered.original());
			assertThat(line.cancelled()).isZero();
		});
		assertThat(this.substitutions.openOffers(order.id()).block(Duration.ofSeconds(10))).singleElement()
			.satisfies((open) -> {
				assertThat(open.status()).isEqualTo(OfferStatus.OFFERED);
				assertThat(open.available()).isFalse();
			});
		assertThat(this.orders.find(other.number()).block(Duration.ofSeconds(10)).lines().get(0).allocated())
			.as("the unit stays with the order that took it")
			.isEqualTo(1);
	}

	@Test
	void whenWaitingItemsAreCancelledThenOnlyTheWaitingUnitsGo() {
		String mug = this.fixtures.product("Enamel Mug", 1);
		OrderView order = this.fixtures.order(EMAIL, mug, 3);
		Browser browser = lookedUp(order);
		assertThat(browser.get("/orders/" + order.number()).body()).contains("Cancel waiting items…");
		long line = order.lines().get(0).id();
		Browser.Page cancelled = browser.post("/orders/" + order.number() + "/lines/" + line + "/cancel");
		assertThat(cancelled.location()).endsWith("?notice=cancelled");
		OrderView stored = this.orders.find(order.number()).block(Duration.ofSeconds(10));
		assertThat(stored.lines().get(0).allocated()).isEqualTo(1);
		assertThat(stored.lines().get(0).cancelled()).isEqualTo(2);
		// again: safe, and says nothing waits any more
		assertThat(browser.post("/orders/" + order.number() + "/lines/" + line + "/cancel").location())
			.endsWith("?notice=nothing-waiting");
		assertThat(browser.postWithoutCsrf("/orders/" + order.number() + "/lines/" + line + "/cancel").status())
			.isEqualTo(HttpStatus.FORBIDDEN);
	}

	@Test
	void whenACancelNamesALineOfAnotherOrderThenThePageSaysSoAndNothingChanges() {
		String mug = this.fixtures.product("Enamel Mug", 0);
		OrderView mine = this.fixtures.order(EMAIL, mug, 1);
		OrderView other = this.fixtures.order("other@example.com", mug, 2);
		long foreign = other.lines().get(0).id();
		Browser browser = lookedUp(mine);
		String uri = "/orders/" + mine.number() + "/lines/" + foreign + "/cancel";
		assertThat(browser.post(uri).location()).endsWith("?notice=line-not-found");
		assertThat(browser.get(uri).location()).endsWith("?notice=line-not-found");
		assertThat(browser.get("/orders/" + mine.number() + "?notice=line-not-found").body())
			.contains("That item is not on this order; nothing was changed.");
		OrderView untouched = this.orders.find(other.number()).block(Duration.ofSeconds(10));
		assertThat(untouched.lines().get(0).cancelled()).isZero();
	}

	@Test
	void whenACustomerAsksToCancelThenTheySeeWhatWillHappenAndNothingChangesUntilTheyConfirm() {
		String mug = this.fixtures.product("Stoneware Mug", 1);
		OrderView order = this.fixtures.order(EMAIL, mug, 3);
		Browser browser = lookedUp(order);
		long line = order.lines().get(0).id();
		String uri = "/orders/" + order.number() + "/lines/" + line + "/cancel";
		Browser.Page confirm = browser.get(uri);
		assertThat(confirm.status()).isEqualTo(HttpStatus.OK);
		assertThat(confirm.body()).contains("Cancel Stoneware Mug?", "2 units are waiting",
				"How many of the waiting units do you want to cancel?",
				"<option value=\"2\">2 (all that wait)</option>", "<option value=\"1\">1</option>",
				"action=\"" + uri + "\"", "Keep my order as it is", "you are not charged for them",
				"class=\"site-header\"");
		String inline = this.http.get()
			.uri(uri)
			.header("X-Forwarded-For", browser.address())
			.header(OrderChoicesController.INLINE_HEADER, "1")
			.cookies((jar) -> browser.cookies().forEach(jar::add))
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody(String.class)
			.returnResult()
			.getResponseBody();
		assertThat(inline).contains("class=\"card confirm-panel\"", "Cancel Stoneware Mug?", "name=\"_csrf\"")
			.doesNotContain("<html", "site-header");
		OrderView unchanged = this.orders.find(order.number()).block(Duration.ofSeconds(10));
		assertThat(unchanged.lines().get(0).cancelled()).as("looking changes nothing").isZero();
	}

	@Test
	void whenACustomerCancelsSomeOfTheWaitingUnitsThenTheRestKeepsWaiting() {
		String chair = this.fixtures.product("Folding Chair", 0);
		this.fixtures.restock(chair, 10, java.time.LocalDate.now().plusDays(12));
		OrderView order = this.fixtures.order(EMAIL, chair, 3);
		Browser browser = lookedUp(order);
		long line = order.lines().get(0).id();
		String uri = "/orders/" + order.number() + "/lines/" + line + "/cancel";
		browser.get(uri);
		assertThat(browser.post(uri, "units", "5").location()).as("more than wait").endsWith("?notice=cancel-invalid");
		assertThat(browser.post(uri, "units", "two").location()).endsWith("?notice=cancel-invalid");
		assertThat(browser.post(uri, "units", "0").location()).endsWith("?notice=cancel-invalid");
		assertThat(this.orders.find(order.number()).block(Duration.ofSeconds(10)).lines().get(0).cancelled())
			.as("bad input changes nothing")
			.isZero();
		Browser.Page cancelled = browser.post(uri, "units", "1");
		assertThat(cancelled.location()).endsWith("?notice=cancelled");
		OrderView stored = this.orders.find(order.number()).block(Duration.ofSeconds(10));
		assertThat(stored.lines().get(0).cancelled()).isEqualTo(1);
		assertThat(stored.lines().get(0).scheduled()).as("the rest keeps its restock").isEqualTo(2);
		assertThat(stored.lines().get(0).eta()).isNotNull();
		assertThat(browser.get(cancelled.location()).body()).contains("Done: cancelled as you asked",
				"Cancelled items are not charged.", "1 cancelled.");
	}

	@Test
	void whenACustomerAsksToAcceptOrDeclineThenTheyAreShownWhatEachMeans() {
		Offered offered = offered("Radio", 5);
		OrderView order = offered.order();
		OfferView offer = offered.offer();
		Browser browser = lookedUp(order);
		String base = "/orders/" + order.number() + "/offers/" + offer.id();
		assertThat(browser.get(base + "/accept").body()).contains("Take Classic Radio instead?",
				"You get 1 × Classic Radio instead of Retro Radio.",
				"The Retro Radio you are waiting for is cancelled.", "Yes, accept the substitute");
		assertThat(browser.get(base + "/decline").body()).contains("Keep waiting for Retro Radio?",
				"The offer of Classic Radio closes", "Yes, keep waiting");
		assertThat(this.orders.find(order.number()).block(Duration.ofSeconds(10)).lines()).hasSize(1);
		assertThat(browser.get("/orders/" + order.number() + "/offers/999999999/accept").location())
			.endsWith("?notice=offer-closed");
	}

	@Test
	void whenPreferencesAreSavedThenThePageShowsThemAndBadValuesChangeNothing() {
		String pen = this.fixtures.product("Fountain Pen", 4);
		OrderView order = this.fixtures.order(EMAIL, pen, 1);
		Browser browser = lookedUp(order);
		String uri = "/orders/" + order.number() + "/preferences";
		assertThat(browser.post(uri, "ship", "SHIP_COMPLETE", "email", "NONE").location())
			.endsWith("?notice=preferences-saved");
		assertThat(browser.post(uri, "ship", "TOMORROW", "email", "NONE").location())
			.endsWith("?notice=preferences-invalid");
		OrderView stored = this.orders.find(order.number()).block(Duration.ofSeconds(10));
		assertThat(stored.shipPreference().name()).isEqualTo("SHIP_COMPLETE");
		assertThat(stored.emailPreference().name()).isEqualTo("NONE");
		assertThat(browser.get("/orders/" + order.number()).body()).contains("value=\"SHIP_COMPLETE\" checked");
	}

	@Test
	void whenBrowserHasNoAccessThenChoicesRedirectToLookupAndChangeNothing() {
		String cup = this.fixtures.product("Tea Cup", 0);
		OrderView order = this.fixtures.order(EMAIL, cup, 2);
		Browser stranger = PortalFixtures.browser(this.http);
		stranger.get("/");
		Browser.Page answer = stranger
			.post("/orders/" + order.number() + "/lines/" + order.lines().get(0).id() + "/cancel");
		assertThat(answer.location()).contains("access=required");
		OrderView stored = this.orders.find(order.number()).block(Duration.ofSeconds(10));
		assertThat(stored.lines().get(0).cancelled()).isZero();
	}

	/**
	 * An order of one "Retro" product out of stock, offered the "Classic" one.
	 * @param product what both are
	 * @param substituteStock the substitute's units on hand
	 */
	private Offered offered(String product, int substituteStock) {
		String original = this.fixtures.product("Retro " + product, 0);
		String substitute = this.fixtures.product("Classic " + product, substituteStock);
		OrderView order = this.fixtures.order(EMAIL, original, 1);
		return new Offered(original, substitute, order, offer(order, substitute));
	}

	private record Offered(String original, String substitute, OrderView order, OfferView offer) {
	}

	private OfferView offer(OrderView order, String substitute) {
		return this.substitutions
			.offer(new NewOffer(order.number(), order.lines().get(0).id(), substitute, 1, "",
					Instant.now().plus(Duration.ofDays(7))), "rep")
			.block(Duration.ofSeconds(10));
	}

	private Browser lookedUp(OrderView order) {
		Browser browser = PortalFixtures.browser(this.http);
		assertThat(browser.lookUp(order.number(), EMAIL).status()).isEqualTo(HttpStatus.SEE_OTHER);
		// the order page's forms carry the token, derived from the access the lookup
		// granted
		assertThat(browser.get("/orders/" + order.number()).status()).isEqualTo(HttpStatus.OK);
		return browser;
	}

}
