package com.backorderdesk.web;

import java.net.URI;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.function.Supplier;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import reactor.test.StepVerifier;

import com.backorderdesk.Browser;
import com.backorderdesk.TestDatabase;
import com.backorderdesk.TestProxy;
import com.backorderdesk.TestShop;
import com.backorderdesk.orders.OrderView;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.context.ApplicationContext;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.EntityExchangeResult;
import org.springframework.test.web.reactive.server.FluxExchangeResult;
import org.springframework.test.web.reactive.server.WebTestClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A database that hangs (connections stay open, nothing is answered: a network black
 * hole, a frozen server) is answered like one that is away: every request that needs it
 * gets its 503 with {@code Retry-After} within a bounded time, and everything works again
 * by itself once the database answers. The application reaches PostgreSQL through a
 * {@link TestProxy}; Flyway goes to it directly.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "backorder.database.answer-timeout=2s", "spring.r2dbc.pool.max-acquire-time=4s",
				"spring.r2dbc.pool.max-create-connection-time=4s", "spring.r2dbc.pool.max-validation-time=2s" })
@AutoConfigureWebTestClient
@DirtiesContext
class DatabaseHangTests {

	/**
	 * What the settings above allow at most: twice 4 s waiting for a connection (the pool
	 * tries twice, {@code spring.r2dbc.pool.acquire-retry}), then 2 s for the server's
	 * statement timeout and {@link DatabaseAnswers#GRACE} for an answer. Short, but long
	 * enough for a loaded machine to open its first connections.
	 */
	private static final Duration CONFIGURED = Duration.ofSeconds(11);

	/** The configured bound, and room for a loaded machine; below the client's 20 s. */
	private static final Duration BOUND = CONFIGURED.plusSeconds(5);

	/** How long everything may take to work again once the database answers. */
	private static final Duration RECOVERY = Duration.ofSeconds(20);

	private static final TestProxy proxy = startProxy();

	@Autowired
	private WebTestClient http;

	@Autowired
	private ApplicationContext context;

	@DynamicPropertySource
	static void throughTheProxy(DynamicPropertyRegistry registry) {
		registry.add("spring.r2dbc.url", () -> "r2dbc:postgresql://127.0.0.1:" + proxy.port() + database().getPath());
	}

	@AfterEach
	void answer() {
		proxy.answer();
	}

	@AfterAll
	static void closeProxy() {
		proxy.close();
	}

	@Test
	void whenTheDatabaseHangsThenEveryoneIsAnswered503WithinTheBoundAndServedAgainWhenItAnswers() {
		TestShop shop = new TestShop(this.context);
		String sku = shop.product("HANG", 1000, 0);
		OrderView order = shop.order("HANG", sku, 1);
		Browser customer = Browser.of(this.http);
		customer.lookUp(order.number(), "test@example.com");
		assertThat(customer.get("/orders/" + order.number()).status()).isEqualTo(HttpStatus.OK);
		Browser stranger = Browser.of(this.http);
		stranger.get("/");

		proxy.hang();
		Browser.Page page = within(() -> customer.get("/orders/" + order.number()));
		assertThat(page.status()).isEqualTo(HttpStatus.SERVICE_UNAVAILABLE);
		assertThat(page.headers().getFirst(HttpHeaders.RETRY_AFTER)).isEqualTo("5");
		assertThat(page.body()).contains("Back in a moment");
		Browser.Page lookup = within(
				() -> stranger.post("/lookup", "number", order.number(), "email", "test@example.com"));
		assertThat(lookup.status()).isEqualTo(HttpStatus.SERVICE_UNAVAILABLE);
		assertThat(lookup.headers().getFirst(HttpHeaders.RETRY_AFTER)).isEqualTo("5");
		assertThat(lookup.body()).contains("Back in a moment");
		unavailableProblem(within(() -> apiGet(order.number())));
		unavailableProblem(within(() -> apiPost(sku)));
		// a stream's access is checked twice: by the route that serves streams, and when
		// that fails, by the controller that answers the failure
		EntityExchangeResult<byte[]> stream = within(BOUND.plus(CONFIGURED), () -> stream(customer, order.number()));
		assertThat(stream.getStatus()).isEqualTo(HttpStatus.SERVICE_UNAVAILABLE);
		assertThat(stream.getResponseHeaders().getFirst(HttpHeaders.RETRY_AFTER)).isEqualTo("5");
		// the database's health says so in time; the instance is ready and alive all
		// along
		assertThat(within(() -> health("/actuator/health")).getStatus()).isEqualTo(HttpStatus.SERVICE_UNAVAILABLE);
		assertThat(within(() -> health("/actuator/health/readiness")).getStatus()).isEqualTo(HttpStatus.OK);
		assertThat(within(() -> health("/actuator/health/liveness")).getStatus()).isEqualTo(HttpStatus.OK);

		proxy.answer();
		recovers(() -> customer.get("/orders/" + order.number()).status());
		recovers(() -> stranger.post("/lookup", "number", order.number(), "email", "test@example.com").status(),
				HttpStatus.SEE_OTHER);
		recovers(() -> apiGet(order.number()).getStatus());
		recovers(() -> apiPost(sku).getStatus(), HttpStatus.CREATED);
		recovers(() -> health("/actuator/health").getStatus());
		FluxExchangeResult<String> live = this.http.get()
			.uri("/orders/" + order.number() + "/events")
			.accept(MediaType.TEXT_EVENT_STREAM)
			.header("X-Forwarded-For", customer.address())
			.cookies((jar) -> customer.cookies().forEach(jar::add))
			.exchange()
			.expectStatus()
			.isOk()
			.returnResult(String.class);
		StepVerifier.create(live.getResponseBody()).thenCancel().verify(Duration.ofSeconds(10));
	}

	private static void unavailableProblem(EntityExchangeResult<byte[]> result) {
		assertThat(result.getStatus()).isEqualTo(HttpStatus.SERVICE_UNAVAILABLE);
		assertThat(result.getResponseHeaders().getFirst(HttpHeaders.RETRY_AFTER)).isEqualTo("5");
		assertThat(result.getResponseHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
	}

	private EntityExchangeResult<byte[]> apiGet(String number) {
		return this.http.get()
			.uri("/api/v1/orders/" + number)
			.header(HttpHeaders.AUTHORIZATION, "Bearer test-api-key")
			.exchange()
			.expectBody()
			.returnResult();
	}

	private EntityExchangeResult<byte[]> apiPost(String sku) {
		String expectedOn = LocalDate.now(ZoneOffset.UTC).plusDays(30).toString();
		return this.http.post()
			.uri("/api/v1/restocks")
			.header(HttpHeaders.AUTHORIZATION, "Bearer test-api-key")
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue("{\"sku\":\"" + sku + "\",\"supplier\":\"Hang\",\"quantity\":5,\"expectedOn\":\"" + expectedOn
					+ "\"}")
			.exchange()
			.expectBody()
			.returnResult();
	}

	private EntityExchangeResult<byte[]> stream(Browser browser, String number) {
		return this.http.mutate()
			.responseTimeout(BOUND.plus(CONFIGURED).plusSeconds(10))
			.build()
			.get()
			.uri("/orders/" + number + "/events")
			.accept(MediaType.TEXT_EVENT_STREAM)
			.header("X-Forwarded-For", browser.address())
			.cookies((jar) -> browser.cookies().forEach(jar::add))
			.exchange()
			.expectBody()
			.returnResult();
	}

	private EntityExchangeResult<byte[]> health(String path) {
		return this.http.get().uri(path).exchange().expectBody().returnResult();
	}

	private static <T> T within(Supplier<T> request) {
		return within(BOUND, request);
	}

	private static <T> T within(Duration bound, Supplier<T> request) {
		long started = System.nanoTime();
		T answer = request.get();
		assertThat(Duration.ofNanos(System.nanoTime() - started)).as("answered within the bound").isLessThan(bound);
		return answer;
	}

	private static void recovers(Supplier<HttpStatusCode> request) {
		recovers(request, HttpStatus.OK);
	}

	/** Asks again until the answer is the expected one; a 503 in between is fine. */
	private static void recovers(Supplier<HttpStatusCode> request, HttpStatus expected) {
		long deadline = System.nanoTime() + RECOVERY.toNanos();
		HttpStatusCode status = request.get();
		while (!status.isSameCodeAs(expected) && System.nanoTime() < deadline) {
			assertThat(status).isEqualTo(HttpStatus.SERVICE_UNAVAILABLE);
			pause();
			status = request.get();
		}
		assertThat(status).isEqualTo(expected);
	}

	private static void pause() {
		try {
			Thread.sleep(200);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	private static URI database() {
		return URI.create(TestDatabase.get().r2dbcUrl().substring("r2dbc:".length()));
	}

	private static TestProxy startProxy() {
		URI database = database();
		return TestProxy.to(database.getHost(), database.getPort());
	}

}
