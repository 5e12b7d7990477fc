package com.backorderdesk.web;

import java.time.Duration;

import org.junit.jupiter.api.Test;

import com.backorderdesk.Browser;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.mock.http.server.reactive.MockServerHttpRequest;
import org.springframework.mock.web.server.MockServerWebExchange;
import org.springframework.test.web.reactive.server.EntityExchangeResult;
import org.springframework.test.web.reactive.server.WebTestClient;
import org.springframework.web.server.ResponseStatusException;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What people meet when something is not there or goes wrong: the portal's own pages with
 * a way on, never a browser's login box, Spring's whitelabel page or JSON; the API keeps
 * its problem details.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@AutoConfigureWebTestClient
class ErrorPagesTests {

	private static final Duration TIMEOUT = Duration.ofSeconds(30);

	@Autowired
	private WebTestClient http;

	@Autowired
	private ErrorPages pages;

	@Test
	void whenACustomerMistypesAnAddressThenTheyGetThePortals404PageAndNoLoginBox() {
		for (String path : new String[] { "/nope", "/orders/BO-1001/x", "/orders/BO-1001/lines/1/x", "/o" }) {
			EntityExchangeResult<String> result = this.http.get()
				.uri(path)
				.accept(MediaType.TEXT_HTML)
				.exchange()
				.expectBody(String.class)
				.returnResult();
			assertThat(result.getStatus()).as(path).isEqualTo(HttpStatus.NOT_FOUND);
			assertThat(result.getResponseHeaders().containsHeader(HttpHeaders.WWW_AUTHENTICATE)).as(path).isFalse();
			assertThat(result.getResponseHeaders().getContentType().isCompatibleWith(MediaType.TEXT_HTML)).isTrue();
			assertThat(result.getResponseBody()).as(path)
				.contains("We could not find that page", "action=\"/lookup\"", "href=\"/products\"",
						"class=\"site-header\"");
		}
	}

	@Test
	void whenAnyMethodOrClientAsksForAnUnknownPageThenItIsStillHtmlAndNeverBasicAuth() {
		for (MediaType accept : new MediaType[] { MediaType.APPLICATION_JSON, MediaType.ALL }) {
			this.http.get()
				.uri("/nope")
				.accept(accept)
				.exchange()
				.expectStatus()
				.isNotFound()
				.expectHeader()
				.doesNotExist(HttpHeaders.WWW_AUTHENTICATE)
				.expectHeader()
				.contentTypeCompatibleWith(MediaType.TEXT_HTML);
		}
		this.http.post()
			.uri("/nope")
			.exchange()
			.expectStatus()
			.isNotFound()
			.expectHeader()
			.doesNotExist(HttpHeaders.WWW_AUTHENTICATE);
	}

	@Test
	void whenAProductIsUnknownThenThe404PageSaysSoInTheLayout() {
		Browser browser = Browser.of(this.http);
		Browser.Page page = browser.get("/products/NO-SUCH-SKU-123");
		assertThat(page.status()).isEqualTo(HttpStatus.NOT_FOUND);
		assertThat(page.body()).contains("We could not find that page").doesNotContain("Whitelabel");
	}

	@Test
	void whenTheApiIsAskedForSomethingUnknownThenItStaysProblemJson() {
		this.http.get()
			.uri("/api/v1/nope")
			.header(HttpHeaders.AUTHORIZATION, "Bearer test-api-key")
			.accept(MediaType.TEXT_HTML)
			.exchange()
			.expectStatus()
			.isNotFound()
			.expectHeader()
			.contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON);
		this.http.get()
			.uri("/api/v1/orders/X")
			.exchange()
			.expectStatus()
			.isUnauthorized()
			.expectHeader()
			.valueEquals(HttpHeaders.WWW_AUTHENTICATE, "Bearer realm=\"backorder-desk\"");
	}

	@Test
	void whenStaffMeetAnErrorThenTheStaffLayoutSaysItAndLeadsHome() {
		Browser rep = Browser.of(this.http);
		rep.logIn("rep", "rep");
		Browser.Page missing = rep.get("/staff/nope");
		assertThat(missing.status()).isEqualTo(HttpStatus.NOT_FOUND);
		assertThat(missing.body()).contains("No such page", "href=\"/staff\"", "Back to the staff home",
				"class=\"staff-header\"");
		Browser.Page forbidden = rep.get("/staff/admin/users");
		assertThat(forbidden.status()).isEqualTo(HttpStatus.FORBIDDEN);
		assertThat(forbidden.body()).contains("Not allowed", "Your role does not include this page",
				"Back to the staff home", "class=\"staff-header\"");
		assertThat(forbidden.headers().containsHeader(HttpHeaders.WWW_AUTHENTICATE)).isFalse();
	}

	@Test
	void whenAFormComesWithoutItsTokenThenThe403PageSaysTheFormWasOpenTooLong() {
		Browser rep = Browser.of(this.http);
		rep.logIn("rep", "rep");
		Browser.Page refused = rep.postWithoutCsrf("/staff/outbox/1/retry");
		assertThat(refused.status()).isEqualTo(HttpStatus.FORBIDDEN);
		assertThat(refused.body()).contains("The form was open too long", "Back to the staff home");
	}

	@Test
	void whenTheFirewallRefusesAPageAddressThenThePortalsPageSays400() {
		assertThat(badRequestPage(this.http.get().uri("/products?q={q}", "a\u0007b").exchange()))
			.contains("We could not handle that request");
	}

	@Test
	void whenAFormBodyIsABrokenMultipartThenThePageSays400NeverAServerError() {
		String cutShort = "--xx\r\nContent-Disposition: form-data; name=\"number\"\r\n\r\nBO-1001\r\n--xx";
		Browser planner = Browser.of(this.http);
		planner.logIn("planner", "planner");
		// the lookup reads its form itself; the import's multipart is read first by the
		// CSRF filter
		for (String uri : new String[] { "/lookup", "/staff/restocks/import" }) {
			for (String contentType : new String[] { "multipart/form-data", "multipart/form-data; boundary=xx" }) {
				for (String body : new String[] { "garbage", cutShort }) {
					assertThat(badRequestPage(this.http.post()
						.uri(uri)
						.header("Sec-Fetch-Site", "same-origin")
						.cookies((jar) -> planner.cookies().forEach(jar::add))
						.header(HttpHeaders.CONTENT_TYPE, contentType)
						.bodyValue(body)
						.exchange())).as(uri + " " + contentType + " " + body)
						.containsAnyOf("We could not handle that request", "The page could not handle what was sent");
				}
			}
		}
	}

	@Test
	void whenSomethingFailsOnOurSideOrIsGoneOrTooMuchThenEachHasItsWordsAndTheLookup() {
		assertThat(render("/orders/X", new IllegalStateException("a bug"))).startsWith("500")
			.contains("Something went wrong on our side", "Nothing you did was lost", "action=\"/lookup\"");
		assertThat(render("/o/x", new ResponseStatusException(HttpStatus.GONE))).startsWith("410")
			.contains("This is no longer here", "action=\"/lookup\"");
		assertThat(render("/lookup", new ResponseStatusException(HttpStatus.TOO_MANY_REQUESTS))).startsWith("429")
			.contains("Too many tries");
		assertThat(render("/", new ResponseStatusException(HttpStatus.SERVICE_UNAVAILABLE))).startsWith("503")
			.contains("Back in a moment");
		assertThat(render("/staff/restocks", new IllegalStateException("a bug"))).startsWith("500")
			.contains("Something went wrong", "Back to the staff home");
		assertThat(render("/orders/X", new ResponseStatusException(HttpStatus.METHOD_NOT_ALLOWED))).startsWith("405")
			.contains("We could not handle that request");
	}

	@Test
	void whenABrowserAsksForTheIconThenItIsServedLikeTheOtherAssets() {
		String page = Browser.of(this.http).get("/").body();
		assertThat(page).containsPattern("<link rel=\"icon\" href=\"/favicon-[0-9a-f]{32}\\.ico\"")
			.containsPattern("href=\"/favicon-[0-9a-f]{32}\\.svg\" type=\"image/svg\\+xml\"");
		this.http.get()
			.uri("/favicon.ico")
			.exchange()
			.expectStatus()
			.isOk()
			.expectHeader()
			.valueEquals(HttpHeaders.CACHE_CONTROL, "no-cache");
		String hashed = page.replaceAll("(?s).*href=\"(/favicon-[0-9a-f]{32}\\.svg)\".*", "$1");
		this.http.get()
			.uri(hashed)
			.exchange()
			.expectStatus()
			.isOk()
			.expectHeader()
			.contentTypeCompatibleWith("image/svg+xml")
			.expectHeader()
			.valueMatches(HttpHeaders.CACHE_CONTROL, ".*immutable.*");
	}

	private String render(String path, Throwable failure) {
		MockServerWebExchange exchange = MockServerWebExchange
			.from(MockServerHttpRequest.get(path).accept(MediaType.TEXT_HTML));
		this.pages.handle(exchange, failure).block(TIMEOUT);
		return exchange.getResponse().getStatusCode().value() + " "
				+ exchange.getResponse().getBodyAsString().block(TIMEOUT);
	}

	@Test
	void whenAFormBodyIsLargerThanTheFormReaderTakesThenThePageSays413NeverAServerError() {
		// 300 KB: the form reader buffers at most 256 KB
		String body = "note=" + "x".repeat(300_000);
		Browser planner = Browser.of(this.http);
		planner.logIn("planner", "planner");
		// the lookup reads its form itself; the shift's form is read first by the CSRF
		// filter
		for (String uri : new String[] { "/lookup", "/staff/restocks/shift/preview" }) {
			String page = this.http.post()
				.uri(uri)
				.header("Sec-Fetch-Site", "same-origin")
				.cookies((jar) -> planner.cookies().forEach(jar::add))
				.header(HttpHeaders.CONTENT_TYPE, MediaType.APPLICATION_FORM_URLENCODED_VALUE)
				.bodyValue(body)
				.exchange()
				.expectStatus()
				.isEqualTo(HttpStatus.CONTENT_TOO_LARGE)
				.expectHeader()
				.contentTypeCompatibleWith(MediaType.TEXT_HTML)
				.expectBody(String.class)
				.returnResult()
				.getResponseBody();
			assertThat(page).as(uri)
				.containsAnyOf("We could not handle that request", "The page could not handle what was sent");
		}
	}

	/** The body of a 400 answered with an HTML page. */
	private static String badRequestPage(WebTestClient.ResponseSpec response) {
		return response.expectStatus()
			.isBadRequest()
			.expectHeader()
			.contentTypeCompatibleWith(MediaType.TEXT_HTML)
			.expectBody(String.class)
			.returnResult()
			.getResponseBody();
	}

}
