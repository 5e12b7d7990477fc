package com.backorderdesk.customer;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.backorderdesk.Browser;
import com.backorderdesk.orders.OrderView;
import com.backorderdesk.security.CustomerLinks;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.context.annotation.Import;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * How a customer without an account gets to their order, and nobody else's: lookups,
 * signed links, rate limits and CSRF, end to end over HTTP and PostgreSQL.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@AutoConfigureWebTestClient
@Import(PortalFixtures.class)
class CustomerAccessTests {

	private static final String NO_MATCH = "We could not find an order with that number and e-mail address.";

	@Autowired
	private WebTestClient http;

	@Autowired
	private CustomerLinks links;

	@Autowired
	private PortalFixtures fixtures;

	@Autowired
	private DatabaseClient db;

	private String lamp;

	private OrderView order;

	@BeforeEach
	void placeOrder() {
		this.lamp = this.fixtures.product("Brass Lamp", 5);
		this.order = this.fixtures.order("Ada.Lovelace@Example.com", this.lamp, 1);
	}

	@Test
	void whenNumberAndEmailMatchThenBrowserIsRedirectedToTheOrderAndSeesItsLines() {
		Browser browser = PortalFixtures.browser(this.http);
		Browser.Page found = browser.lookUp(this.order.number(), "  ada.lovelace@example.COM ");
		assertThat(found.status()).isEqualTo(HttpStatus.SEE_OTHER);
		assertThat(found.location()).isEqualTo("/orders/" + this.order.number());
		Browser.Page page = browser.get(found.location());
		assertThat(page.status()).isEqualTo(HttpStatus.OK);
		assertThat(page.body()).contains("Brass Lamp", "In stock, being prepared.", "id=\"order-summary\"",
				"id=\"line-" + this.order.lines().get(0).id() + "\"", "id=\"order-timeline\"");
	}

	@Test
	void whenEmailIsWrongOrOrderUnknownThenTheSameGenericMessageIsShown() {
		Browser browser = PortalFixtures.browser(this.http);
		Browser.Page wrongEmail = browser.lookUp(this.order.number(), "someone@example.com");
		Browser.Page unknownOrder = browser.lookUp(PortalFixtures.unique("NOPE"), "ada.lovelace@example.com");
		assertThat(wrongEmail.status()).isEqualTo(HttpStatus.OK);
		assertThat(unknownOrder.status()).isEqualTo(HttpStatus.OK);
		assertThat(wrongEmail.body()).contains(NO_MATCH);
		assertThat(unknownOrder.body()).contains(NO_MATCH);
		assertThat(browser.get("/orders/" + this.order.number()).status()).isEqualTo(HttpStatus.SEE_OTHER);
	}

	@Test
	void whenTheAddressIsNotAnAddressThenTheFieldSaysSoAndNoAttemptIsCounted() {
		Browser browser = PortalFixtures.browser(this.http);
		for (String address : new String[] { "ada", "Ada <ada.lovelace@example.com>", "ada.lovelace@example.com\u0000",
				"" }) {
			Browser.Page refused = browser.lookUp(this.order.number(), address);
			assertThat(refused.status()).as(address).isEqualTo(HttpStatus.UNPROCESSABLE_CONTENT);
			assertThat(refused.body()).contains("id=\"email-error\"", "Enter an e-mail address like name@example.com.",
					"aria-describedby=\"email-error\"");
		}
		assertThat(this.db.sql("select count(*) from lookup_attempt where scope = 'ORDER' and key = :number")
			.bind("number", this.order.number())
			.map((row) -> row.get(0, Long.class))
			.one()
			.block(PortalFixtures.TIMEOUT)).isZero();
		assertThat(browser.lookUp(this.order.number(), "ada.lovelace@example.com").location())
			.isEqualTo("/orders/" + this.order.number());
	}

	@Test
	void whenAnOrderNumberHoldsBracesThenTheBrowserIsAskedToLookItUp() {
		Browser browser = PortalFixtures.browser(this.http);
		browser.lookUp(this.order.number(), "ada.lovelace@example.com");
		for (String number : new String[] { "{0}", "{", "a b", "\u202E", "x".repeat(300) }) {
			assertThat(browser.get("/orders/{number}", number).location()).as(number).isEqualTo("/?access=required");
		}
	}

	@Test
	void whenAForwardedClientAddressIsNoAddressThenItIsNotTheKeyAndTheLookupStillWorks() {
		Browser browser = new Browser(this.http, "a".repeat(300));
		Browser.Page found = browser.lookUp(this.order.number(), "ada.lovelace@example.com");
		assertThat(found.location()).isEqualTo("/orders/" + this.order.number());
		assertThat(this.db.sql("select count(*) from lookup_attempt where scope = 'CLIENT' and key like 'aaaa%'")
			.map((row) -> row.get(0, Long.class))
			.one()
			.block(PortalFixtures.TIMEOUT)).isZero();
	}

	@Test
	void whenTheNumberIsTypedInLowerCaseWithSpacesThenTheOrderIsFoundUnderItsOwnNumber() {
		Browser browser = PortalFixtures.browser(this.http);
		Browser.Page found = browser.lookUp("  " + this.order.number().toLowerCase(java.util.Locale.ROOT) + " ",
				"ada.lovelace@example.com");
		assertThat(found.status()).isEqualTo(HttpStatus.SEE_OTHER);
		assertThat(found.location()).isEqualTo("/orders/" + this.order.number());
		assertThat(browser.get(found.location()).body()).contains("Brass Lamp");
	}

	@Test
	void whenTheNumberIsTypedWithASpaceForItsDashThenTheOrderIsFound() {
		Browser browser = PortalFixtures.browser(this.http);
		String typed = this.order.number().toLowerCase(java.util.Locale.ROOT).replace("-", " ");
		Browser.Page found = browser.lookUp(typed, "ada.lovelace@example.com");
		assertThat(found.status()).isEqualTo(HttpStatus.SEE_OTHER);
		assertThat(found.location()).isEqualTo("/orders/" + this.order.number());
	}

	@Test
	void whenACustomerChecksTheirOrderAgainAndAgainThenTheyAreNeverLockedOut() {
		Browser customer = PortalFixtures.browser(this.http);
		for (int i = 0; i < 15; i++) {
			assertThat(customer.lookUp(this.order.number(), "ada.lovelace@example.com").status()).as("lookup " + i)
				.isEqualTo(HttpStatus.SEE_OTHER);
		}
		assertThat(attempts(customer.address())).isZero();
	}

	@Test
	void whenACustomerFindsTheirOrderAfterMistakesThenTheirFailuresAtItAreForgotten() {
		Browser customer = PortalFixtures.browser(this.http);
		for (int i = 0; i < 8; i++) {
			assertThat(customer.lookUp(this.order.number(), "typo" + i + "@example.com").body()).contains(NO_MATCH);
		}
		// a mistake at another order still counts: it is not this order's
		customer.lookUp(PortalFixtures.unique("OTHER"), "ada.lovelace@example.com");
		assertThat(attempts(customer.address())).isEqualTo(9);
		assertThat(customer.lookUp(this.order.number(), "ada.lovelace@example.com").status())
			.isEqualTo(HttpStatus.SEE_OTHER);
		assertThat(attempts(customer.address())).isEqualTo(1);
		assertThat(this.db.sql("select count(*) from lookup_attempt where scope = 'ORDER' and key = :number")
			.bind("number", this.order.number().toLowerCase(java.util.Locale.ROOT))
			.map((row) -> row.get(0, Long.class))
			.one()
			.block(PortalFixtures.TIMEOUT)).isZero();
		for (int i = 0; i < 8; i++) {
			assertThat(customer.lookUp(this.order.number(), "again" + i + "@example.com").status()).as("failure " + i)
				.isEqualTo(HttpStatus.OK);
		}
	}

	private long attempts(String client) {
		return this.db.sql("select count(*) from lookup_attempt where scope = 'CLIENT' and key = :client")
			.bind("client", client)
			.map((row) -> row.get(0, Long.class))
			.one()
			.block(PortalFixtures.TIMEOUT);
	}

	@Test
	void whenTenAttemptsWereMadeForAnOrderThenTheNextIsRefusedWith429EvenWithTheRightEmail() {
		for (int i = 0; i < 10; i++) {
			Browser guesser = PortalFixtures.browser(this.http);
			assertThat(guesser.lookUp(this.order.number(), "guess" + i + "@example.com").body()).contains(NO_MATCH);
		}
		Browser customer = PortalFixtures.browser(this.http);
		Browser.Page refused = customer.lookUp(this.order.number(), "ada.lovelace@example.com");
		assertThat(refused.status()).isEqualTo(HttpStatus.TOO_MANY_REQUESTS);
		assertThat(refused.body()).contains("Too many attempts, try again in 15 minutes.");
		assertThat(refused.headers().getFirst("Retry-After")).isNotNull();
	}

	@Test
	void whenOneClientMadeTenAttemptsThenItIsRefusedForAnyOrder() {
		Browser guesser = PortalFixtures.browser(this.http);
		for (int i = 0; i < 10; i++) {
			guesser.lookUp(PortalFixtures.unique("GUESS"), "ada.lovelace@example.com");
		}
		Browser.Page refused = guesser.lookUp(this.order.number(), "ada.lovelace@example.com");
		assertThat(refused.status()).isEqualTo(HttpStatus.TOO_MANY_REQUESTS);
		assertThat(refused.body()).contains("Too many attempts");
	}

	@Test
	void whenSignedLinkIsValidThenItOpensTheOrderWithoutLeakingTheToken() {
		String link = this.links.linkFor(this.order.id(), CustomerLinks.VIEW).block(PortalFixtures.TIMEOUT);
		assertThat(link).matches("/o/[A-Za-z0-9_-]+\\.[A-Za-z0-9_-]{43}");
		Browser browser = PortalFixtures.browser(this.http);
		Browser.Page opened = browser.get(link);
		assertThat(opened.status()).isEqualTo(HttpStatus.SEE_OTHER);
		assertThat(opened.location()).isEqualTo("/orders/" + this.order.number());
		assertThat(opened.headers().getFirst("Referrer-Policy")).isEqualTo("no-referrer");
		assertThat(browser.get(opened.location()).body()).contains("Brass Lamp");
	}

	@Test
	void whenSignedLinkIsTamperedThenFriendlyPageAndNoAccess() {
		String link = this.links.linkFor(this.order.id(), CustomerLinks.VIEW).block(PortalFixtures.TIMEOUT);
		// a character in the middle: the last one of base64 may carry only padding bits
		int at = link.length() - 8;
		String tampered = link.substring(0, at) + ((link.charAt(at) == 'A') ? 'B' : 'A') + link.substring(at + 1);
		Browser browser = PortalFixtures.browser(this.http);
		Browser.Page page = browser.get(tampered);
		assertThat(page.status()).isEqualTo(HttpStatus.BAD_REQUEST);
		assertThat(page.body()).contains("This link is not complete or not valid", "name=\"email\"");
		assertThat(page.headers().getFirst("Referrer-Policy")).isEqualTo("no-referrer");
		assertThat(browser.get("/o/not-a-token").status()).isEqualTo(HttpStatus.BAD_REQUEST);
		assertThat(browser.get("/orders/" + this.order.number()).status()).isEqualTo(HttpStatus.SEE_OTHER);
	}

	@Test
	void whenSignedLinkIsRevokedThenFriendlyPageAndNoAccessButANewLinkWorks() {
		String old = this.links.linkFor(this.order.id(), CustomerLinks.VIEW).block(PortalFixtures.TIMEOUT);
		this.links.revokeAll(this.order.id(), "test").block(PortalFixtures.TIMEOUT);
		Browser browser = PortalFixtures.browser(this.http);
		Browser.Page page = browser.get(old);
		assertThat(page.status()).isEqualTo(HttpStatus.GONE);
		assertThat(page.body()).contains("This link is no longer valid");
		assertThat(browser.get("/orders/" + this.order.number()).status()).isEqualTo(HttpStatus.SEE_OTHER);
		String fresh = this.links.linkFor(this.order.id(), CustomerLinks.VIEW).block(PortalFixtures.TIMEOUT);
		assertThat(browser.get(fresh).status()).isEqualTo(HttpStatus.SEE_OTHER);
		assertThat(browser.get("/orders/" + this.order.number()).status()).isEqualTo(HttpStatus.OK);
	}

	@Test
	void whenBrowserHasAccessToOneOrderThenAnotherOrderStaysClosed() {
		OrderView other = this.fixtures.order("someone.else@example.com", this.lamp, 1);
		Browser browser = PortalFixtures.browser(this.http);
		browser.lookUp(this.order.number(), "ada.lovelace@example.com");
		assertThat(browser.get("/orders/" + this.order.number()).status()).isEqualTo(HttpStatus.OK);
		Browser.Page closed = browser.get("/orders/" + other.number());
		assertThat(closed.status()).isEqualTo(HttpStatus.SEE_OTHER);
		assertThat(closed.location()).isEqualTo("/?access=required");
		assertThat(closed.body()).doesNotContain("someone.else");
		assertThat(browser.get("/?access=required").body()).contains("To see an order");
	}

	@Test
	void whenLookupIsPostedFromAnotherSiteThenForbiddenAndNothingIsGranted() {
		Browser browser = PortalFixtures.browser(this.http);
		browser.get("/");
		for (String[] crossSite : new String[][] { { "Origin", "https://evil.example" },
				{ "Sec-Fetch-Site", "cross-site" }, { "Origin", "null" } }) {
			this.http.post()
				.uri("/lookup")
				.header("X-Forwarded-For", "10.91.0.1")
				.header(crossSite[0], crossSite[1])
				.contentType(MediaType.APPLICATION_FORM_URLENCODED)
				.bodyValue("number=" + this.order.number() + "&email=ada.lovelace@example.com")
				.exchange()
				.expectStatus()
				.isForbidden()
				.expectHeader()
				.doesNotExist(HttpHeaders.SET_COOKIE);
		}
		assertThat(browser.get("/orders/" + this.order.number()).status()).isEqualTo(HttpStatus.SEE_OTHER);
	}

	@Test
	void whenAChoiceIsPostedWithoutTheCsrfTokenThenForbiddenAndNothingChanges() {
		Browser browser = PortalFixtures.browser(this.http);
		browser.lookUp(this.order.number(), "ada.lovelace@example.com");
		Browser.Page page = browser.get("/orders/" + this.order.number());
		assertThat(page.body()).contains("name=\"_csrf\"");
		Browser.Page refused = browser.postWithoutCsrf("/orders/" + this.order.number() + "/preferences", "ship",
				"TOGETHER", "email", "NONE");
		assertThat(refused.status()).isEqualTo(HttpStatus.FORBIDDEN);
		assertThat(browser.get("/orders/" + this.order.number()).body()).doesNotContain("Your choices are saved");
		// the token of one browser does not work with another's cookie
		Browser other = PortalFixtures.browser(this.http);
		other.lookUp(this.order.number(), "ada.lovelace@example.com");
		this.http.post()
			.uri("/orders/" + this.order.number() + "/preferences")
			.header("X-Forwarded-For", "10.91.0.2")
			.cookies((jar) -> other.cookies().forEach(jar::add))
			.contentType(MediaType.APPLICATION_FORM_URLENCODED)
			.bodyValue("ship=TOGETHER&email=NONE&_csrf=" + csrfOf(page.body()))
			.exchange()
			.expectStatus()
			.isForbidden();
	}

	@Test
	void whenPortalPageIsServedThenItCarriesStrictSecurityHeadersAndNoCookie() {
		Browser.Page page = PortalFixtures.browser(this.http).get("/");
		assertThat(page.headers().getFirst("Content-Security-Policy")).contains("default-src 'self'",
				"script-src 'self'", "frame-ancestors 'none'");
		assertThat(page.headers().getFirst("X-Frame-Options")).isEqualTo("DENY");
		assertThat(page.headers().getFirst("X-Content-Type-Options")).isEqualTo("nosniff");
		assertThat(page.headers().getFirst("Strict-Transport-Security")).isNull();
		assertThat(page.headers().get(HttpHeaders.SET_COOKIE)).isNull();
		// the lookup form needs no token: it is checked for coming from this site
		assertThat(page.body()).doesNotContain("name=\"_csrf\"");
	}

	private static String csrfOf(String body) {
		java.util.regex.Matcher matcher = java.util.regex.Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"")
			.matcher(body);
		assertThat(matcher.find()).isTrue();
		return matcher.group(1);
	}

}
