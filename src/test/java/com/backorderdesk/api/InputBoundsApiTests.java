package com.backorderdesk.api;

import java.net.URI;
import java.time.LocalDate;
import java.time.ZoneId;

import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.backorderdesk.ShopSettings;
import com.backorderdesk.TestShop;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.context.ApplicationContext;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The API refuses what no request may carry with 400 problem+json naming the field, and
 * stores nothing: numbers that are not whole or too large, dates out of range, prices
 * beyond the bound, text with control characters, addresses the mailer would not take.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@AutoConfigureWebTestClient
class InputBoundsApiTests {

	@Autowired
	private WebTestClient http;

	@Autowired
	private ApplicationContext context;

	@Autowired
	private ShopSettings shopSettings;

	@LocalServerPort
	private int port;

	private TestShop shop;

	@BeforeEach
	void shop() {
		this.shop = new TestShop(this.context);
	}

	@Test
	void whenAQuantityIsNotWholeThenItIsRefusedNamingTheFieldNotCutShort() {
		String sku = this.shop.product("FLOAT", 1000, 5);
		String number = this.shop.unique("FLOAT");
		refused(HttpMethod.POST, "/api/v1/orders",
				"{\"number\":\"" + number + "\",\"customer\":{\"email\":\"ada@example.com\",\"name\":\"Ada\"},"
						+ "\"lines\":[{\"sku\":\"" + sku + "\",\"quantity\":2.9}]}",
				"lines[0].quantity", "must be a whole number");
		assertThat(this.shop.count("select count(*) from customer_order where number = '" + number + "'")).isZero();
		refused(HttpMethod.PUT, "/api/v1/stock/" + sku, "{\"onHand\":1.5}", "onHand", "must be a whole number");
		assertThat(this.shop.count("select on_hand from stock where sku = '" + sku + "'")).isEqualTo(5);
		this.shop.restock(sku, 4, today().plusDays(7));
		long restock = this.shop.count("select max(id) from restock where sku = '" + sku + "'");
		refused(HttpMethod.PATCH, "/api/v1/restocks/" + restock, "{\"quantity\":2.0}", "quantity",
				"must be a whole number");
		assertThat(this.shop.count("select quantity from restock where id = " + restock)).isEqualTo(4);
		String placed = this.shop.order("FLOAT", sku, 2).number();
		refused(HttpMethod.POST, "/api/v1/orders/" + placed + "/shipments",
				"{\"shipmentId\":\"SH-1\",\"lines\":[{\"sku\":\"" + sku + "\",\"quantity\":1.5}]}", "lines[0].quantity",
				"must be a whole number");
		assertThat(this.shop.count("select count(*) from shipment s join customer_order o on o.id = s.order_id "
				+ "where o.number = '" + placed + "'"))
			.isZero();
	}

	@Test
	void whenANumberIsBeyondItsBoundThenItIsRefusedNamingTheField() {
		String sku = this.shop.product("HUGE", 1000, 5);
		String order = "{\"number\":\"" + this.shop.unique("HUGE") + "\",\"customer\":{\"email\":\"ada@example.com\","
				+ "\"name\":\"Ada\"},\"lines\":[{\"sku\":\"" + sku + "\",\"quantity\":%s}]}";
		refused(HttpMethod.POST, "/api/v1/orders", order.formatted("1000001"), "lines[0].quantity", "");
		refused(HttpMethod.POST, "/api/v1/orders", order.formatted("99999999999"), "lines[0].quantity",
				"too large or too small");
		refused(HttpMethod.POST, "/api/v1/orders", order.formatted("-1"), "lines[0].quantity", "");
		refused(HttpMethod.PUT, "/api/v1/stock/" + sku, "{\"onHand\":2000000000}", "onHand", "");
		String product = "{\"name\":\"Gold Teapot\",\"category\":\"Kitchen\",\"priceCents\":%s,\"currency\":\"EUR\"}";
		String priced = this.shop.unique("PRICED");
		refused(HttpMethod.PUT, "/api/v1/products/" + priced, product.formatted("99999999999999999"), "priceCents", "");
		refused(HttpMethod.PUT, "/api/v1/products/" + priced, product.formatted("10000000001"), "priceCents", "");
		assertThat(this.shop.count("select count(*) from product where sku = '" + priced + "'")).isZero();
	}

	@Test
	void whenAChangedSinceFilterLiesBeyondWhatCanBeStoredThenItIsRefusedNamingTheField() {
		for (String list : new String[] { "/api/v1/products", "/api/v1/stock", "/api/v1/orders", "/api/v1/restocks" }) {
			// read as seconds since 1970: a moment in year 3,170,843
			refused(HttpMethod.GET, list + "?updatedSince=100000000000000000", null, "updatedSince",
					"between 1970 and the end of year 9999");
			api(HttpMethod.GET, list + "?updatedSince=0", null).expectStatus().isOk();
		}
	}

	@Test
	void whenAnExpectedDateIsOutOfRangeThenNoRestockIsStoredOrMoved() {
		String sku = this.shop.product("DATES", 1000, 0);
		String restock = "{\"sku\":\"" + sku + "\",\"supplier\":\"Acme\",\"quantity\":5,\"expectedOn\":%s}";
		for (String date : new String[] { "\"" + today().minusDays(1) + "\"", "\"9999-12-30\"",
				"\"" + today().plusYears(5).plusDays(1) + "\"", "\"0000-01-01\"", "\"2026-02-30\"", "0",
				"2147483648" }) {
			refused(HttpMethod.POST, "/api/v1/restocks", restock.formatted(date), "expectedOn", "");
		}
		assertThat(this.shop.count("select count(*) from restock where sku = '" + sku + "'")).isZero();
		this.shop.restock(sku, 5, today().plusDays(7));
		long id = this.shop.count("select max(id) from restock where sku = '" + sku + "'");
		refused(HttpMethod.PATCH, "/api/v1/restocks/" + id, "{\"expectedOn\":\"9999-12-30\"}", "expectedOn",
				"at most 5 years ahead");
		refused(HttpMethod.PATCH, "/api/v1/restocks/" + id, "{\"expectedOn\":\"" + today().minusDays(3) + "\"}",
				"expectedOn", "cannot be before today");
		assertThat(this.shop.text("select expected_on::text from restock where id = " + id))
			.isEqualTo(today().plusDays(7).toString());
	}

	@Test
	void whenTextHoldsAControlCharacterThenTheProblemNamesTheField() {
		String sku = this.shop.product("TEXT", 1000, 5);
		String number = this.shop.unique("TEXT");
		refused(HttpMethod.POST, "/api/v1/orders",
				"{\"number\":\"" + number + "\",\"customer\":{\"email\":\"ada@example.com\",\"name\":\"Ada\\u0000\"},"
						+ "\"lines\":[{\"sku\":\"" + sku + "\",\"quantity\":1}]}",
				"customer.name", "no control characters");
		refused(HttpMethod.PUT, "/api/v1/products/" + sku,
				"{\"name\":\"Tea\\u0000pot\",\"category\":\"Kitchen\",\"priceCents\":100,\"currency\":\"EUR\"}", "name",
				"no control characters");
		refused(HttpMethod.POST, "/api/v1/restocks", "{\"sku\":\"" + sku + "\",\"supplier\":\"Ac\\u0000me\","
				+ "\"quantity\":5,\"expectedOn\":\"" + today().plusDays(3) + "\"}", "supplier",
				"no control characters");
		assertThat(this.shop.count("select count(*) from customer_order where number = '" + number + "'")).isZero();
		assertThat(this.shop.text("select name from product where sku = '" + sku + "'")).isEqualTo("Product " + sku);
	}

	@Test
	void whenTextHoldsHalfACharacterThenItIsRefusedNotStoredAsAQuestionMark() {
		// a lone UTF-16 surrogate (valid JSON, not a character) cannot be stored as
		// UTF-8:
		// PostgreSQL's driver writes '?' in its place, so the name "Ada" and half a
		// character became "Ada?"
		String sku = this.shop.product("HALF", 1000, 5);
		String number = this.shop.unique("HALF");
		refused(HttpMethod.POST, "/api/v1/orders",
				"{\"number\":\"" + number + "\",\"customer\":{\"email\":\"ada@example.com\",\"name\":\"Ada\\ud800\"},"
						+ "\"lines\":[{\"sku\":\"" + sku + "\",\"quantity\":1}]}",
				"customer.name", "half a character");
		refused(HttpMethod.POST, "/api/v1/restocks", "{\"sku\":\"" + sku + "\",\"supplier\":\"Ac\\udfffme\","
				+ "\"quantity\":5,\"expectedOn\":\"" + today().plusDays(3) + "\"}", "supplier", "half a character");
		assertThat(this.shop.count("select count(*) from customer_order where number = '" + number + "'")).isZero();
		assertThat(this.shop.count("select count(*) from restock where sku = '" + sku + "'")).isZero();
		String hook = this.shop.unique("half");
		refused(HttpMethod.POST, "/api/v1/webhooks",
				"{\"url\":\"https://erp.example.com/" + hook + "\\ud800\",\"eventTypes\":[\"refund.due\"]}", "url",
				"half a character");
		assertThat(this.shop.count("select count(*) from webhook_endpoint where url like '%" + hook + "%'")).isZero();
		// a supplier named with a right-to-left override would read "Acme" backwards
		refused(HttpMethod.POST, "/api/v1/restocks", "{\"sku\":\"" + sku + "\",\"supplier\":\"\\u202eemcA\","
				+ "\"quantity\":5,\"expectedOn\":\"" + today().plusDays(3) + "\"}", "supplier", "direction");
		assertThat(this.shop.count("select count(*) from restock where sku = '" + sku + "'")).isZero();
	}

	@Test
	void whenAFieldIsGivenTwiceThenTheProblemNamesItAndNothingIsStored() {
		// the last one would otherwise win silently: a restock of the second SKU
		String first = this.shop.product("TWICE1", 1000, 0);
		String second = this.shop.product("TWICE2", 1000, 0);
		refused(HttpMethod.POST, "/api/v1/restocks",
				"{\"sku\":\"" + first + "\",\"sku\":\"" + second
						+ "\",\"supplier\":\"Acme\",\"quantity\":5,\"expectedOn\":\"" + today().plusDays(3) + "\"}",
				"sku", "appears twice");
		String number = this.shop.unique("TWICE");
		refused(HttpMethod.POST, "/api/v1/orders",
				"{\"number\":\"" + number + "\",\"customer\":{\"email\":\"ada@example.com\",\"name\":\"Ada\"},"
						+ "\"lines\":[{\"sku\":\"" + first + "\",\"quantity\":1,\"quantity\":2}]}",
				"lines[0].quantity", "appears twice");
		assertThat(this.shop.count("select count(*) from restock where sku in ('" + first + "', '" + second + "')"))
			.isZero();
		assertThat(this.shop.count("select count(*) from customer_order where number = '" + number + "'")).isZero();
	}

	@Test
	void whenTheBodyIsJsonButNotAnObjectThenTheProblemSaysAnObjectIsWanted() {
		for (String body : new String[] { "[1,2]", "\"text\"", "5" }) {
			api(HttpMethod.POST, "/api/v1/restocks", body).expectStatus()
				.isBadRequest()
				.expectHeader()
				.contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
				.expectBody()
				.jsonPath("$.detail")
				.isEqualTo("The request body must be a JSON object")
				.jsonPath("$.errors[0].field")
				.isEqualTo("");
		}
		api(HttpMethod.POST, "/api/v1/restocks", "{\"sku\":").expectStatus()
			.isBadRequest()
			.expectBody()
			.jsonPath("$.detail")
			.isEqualTo("The request body is not valid JSON");
	}

	@Test
	void whenAnAddressIsOneTheMailerWouldNotTakeThenTheOrderIsRefused() {
		String sku = this.shop.product("MAIL", 1000, 5);
		for (String address : new String[] { "Ada <ada@example.com>", "ada@example.com, bob@example.com",
				"ada@exa mple.com", "l".repeat(65) + "@example.com" }) {
			refused(HttpMethod.POST, "/api/v1/orders",
					"{\"number\":\"" + this.shop.unique("MAIL") + "\",\"customer\":{\"email\":\"" + address
							+ "\",\"name\":\"Ada\"},\"lines\":[{\"sku\":\"" + sku + "\",\"quantity\":1}]}",
					"customer.email", "e-mail address");
		}
		assertThat(this.shop.count("select count(*) from order_line where sku = '" + sku + "'")).isZero();
	}

	@Test
	void whenAPathHoldsBracesOrNulThenTheAnswerIsAClientError() {
		api(HttpMethod.GET, "/api/v1/orders/%7B0%7D", null).expectStatus().isNotFound();
		api(HttpMethod.GET, "/api/v1/orders/%00", null).expectStatus().isBadRequest();
		api(HttpMethod.PUT, "/api/v1/products/%7B0%7D",
				"{\"name\":\"Teapot\",\"category\":\"Kitchen\",\"priceCents\":100,\"currency\":\"EUR\"}")
			.expectStatus()
			.isBadRequest()
			.expectBody()
			.jsonPath("$.errors[0].field")
			.isEqualTo("sku");
	}

	private void refused(HttpMethod method, String path, @Nullable String body, String field, String message) {
		api(method, path, body).expectStatus()
			.isBadRequest()
			.expectHeader()
			.contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
			.expectBody()
			.jsonPath("$.errors[0].field")
			.isEqualTo(field)
			.jsonPath("$.errors[0].message")
			.value(String.class, (text) -> assertThat(text).contains(message));
	}

	private WebTestClient.ResponseSpec api(HttpMethod method, String path, @Nullable String body) {
		WebTestClient.RequestBodySpec request = this.http.method(method)
			.uri(URI.create("http://127.0.0.1:" + this.port + path))
			.header("Authorization", "Bearer test-api-key");
		return (body != null) ? request.contentType(MediaType.APPLICATION_JSON).bodyValue(body).exchange()
				: request.exchange();
	}

	private LocalDate today() {
		ZoneId zone = this.shopSettings.zone();
		return LocalDate.now(zone);
	}

}
