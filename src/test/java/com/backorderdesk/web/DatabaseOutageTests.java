package com.backorderdesk.web;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import com.backorderdesk.BreakableDatabase;
import com.backorderdesk.Browser;
import com.backorderdesk.TestShop;
import com.backorderdesk.orders.OrderView;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.context.ApplicationContext;
import org.springframework.context.annotation.Import;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * While the database is away, pages, the API and live streams answer 503 with
 * {@code Retry-After}, never 500, and work again as soon as it is back.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@AutoConfigureWebTestClient
@Import(BreakableDatabase.class)
class DatabaseOutageTests {

	@Autowired
	private WebTestClient http;

	@Autowired
	private ApplicationContext context;

	@Autowired
	private BreakableDatabase database;

	@AfterEach
	void heal() {
		this.database.heal();
	}

	@Test
	void whenTheDatabaseIsAwayThenEveryoneIsAnswered503WithRetryAfterAndThenServedAgain() {
		TestShop shop = new TestShop(this.context);
		OrderView order = shop.order("OUT", shop.product("OUT", 1000, 5), 1);
		Browser customer = Browser.of(this.http);
		customer.lookUp(order.number(), "test@example.com");
		Browser rep = Browser.of(this.http);
		rep.logIn("rep", "rep");
		assertThat(customer.get("/orders/" + order.number()).status()).isEqualTo(HttpStatus.OK);

		this.database.breakIt();
		this.http.get()
			.uri("/orders/" + order.number())
			.accept(MediaType.TEXT_HTML)
			.header("X-Forwarded-For", "10.100.0.2")
			.cookies((jar) -> customer.cookies().forEach(jar::add))
			.exchange()
			.expectStatus()
			.isEqualTo(HttpStatus.SERVICE_UNAVAILABLE)
			.expectHeader()
			.valueEquals(HttpHeaders.RETRY_AFTER, "5")
			.expectBody(String.class)
			.value((page) -> assertThat(page).contains("Back in a moment", "Try again in a few seconds"));
		Browser.Page staff = rep.get("/staff/orders/" + order.number());
		assertThat(staff.status()).isEqualTo(HttpStatus.SERVICE_UNAVAILABLE);
		assertThat(staff.headers().getFirst(HttpHeaders.RETRY_AFTER)).isEqualTo("5");
		this.http.get()
			.uri("/api/v1/orders/" + order.number())
			.header(HttpHeaders.AUTHORIZATION, "Bearer test-api-key")
			.exchange()
			.expectStatus()
			.isEqualTo(HttpStatus.SERVICE_UNAVAILABLE)
			.expectHeader()
			.valueEquals(HttpHeaders.RETRY_AFTER, "5")
			.expectHeader()
			.contentType(MediaType.APPLICATION_PROBLEM_JSON)
			.expectBody()
			.jsonPath("$.status")
			.isEqualTo(503);
		this.http.get()
			.uri("/orders/" + order.number() + "/events")
			.accept(MediaType.TEXT_EVENT_STREAM)
			.header("X-Forwarded-For", "10.100.0.1")
			.cookies((jar) -> customer.cookies().forEach(jar::add))
			.exchange()
			.expectStatus()
			.isEqualTo(HttpStatus.SERVICE_UNAVAILABLE)
			.expectHeader()
			.valueEquals(HttpHeaders.RETRY_AFTER, "5");
		// the instance itself is alive: no restart is called for
		this.http.get().uri("/actuator/health/liveness").exchange().expectStatus().isOk();

		this.database.heal();
		assertThat(customer.get("/orders/" + order.number()).status()).isEqualTo(HttpStatus.OK);
		assertThat(rep.get("/staff/orders/" + order.number()).status()).isEqualTo(HttpStatus.OK);
	}

}
