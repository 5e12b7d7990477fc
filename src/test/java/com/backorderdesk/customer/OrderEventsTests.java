package com.backorderdesk.customer;

import java.time.Duration;
import java.time.LocalDate;
import java.util.Locale;

import org.junit.jupiter.api.Test;

import com.backorderdesk.orders.LineWording;
import reactor.core.publisher.Flux;
import reactor.core.scheduler.Schedulers;
import reactor.test.StepVerifier;

import com.backorderdesk.Browser;
import com.backorderdesk.orders.OrderView;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.context.annotation.Import;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.codec.ServerSentEvent;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.test.web.reactive.server.WebTestClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The order page's event stream: committed changes arrive as the page's own fragments,
 * and a browser that reconnects with {@code Last-Event-ID} gets what it missed, in order,
 * once.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@AutoConfigureWebTestClient(timeout = "30s")
@Import(PortalFixtures.class)
class OrderEventsTests {

	private static final String EMAIL = "hedy@example.com";

	private static final ParameterizedTypeReference<ServerSentEvent<String>> EVENT = new ParameterizedTypeReference<>() {
	};

	@Autowired
	private WebTestClient http;

	@Autowired
	private PortalFixtures fixtures;

	@Autowired
	private LineWording dates;

	@Autowired
	private DatabaseClient db;

	@Test
	void whenRestockSlipsThenOpenStreamGetsTheRenderedLineWithTheNewWindow() {
		LocalDate today = this.dates.today();
		String sofa = this.fixtures.product("Velvet Sofa", 0);
		long restock = this.fixtures.restock(sofa, 5, today.plusDays(7));
		OrderView order = this.fixtures.order(EMAIL, sofa, 1);
		Browser browser = lookedUp(order);
		Flux<ServerSentEvent<String>> stream = stream(browser, order, null);
		StepVerifier.create(stream)
			.then(() -> this.fixtures.moveRestock(restock, today.plusDays(30)))
			.assertNext((event) -> {
				assertThat(event.event()).isEqualTo("order");
				assertThat(Long.parseLong(event.id())).isPositive();
				assertThat(event.data()).contains("id=\"line-" + order.lines().get(0).id() + "\"",
						"id=\"order-summary\"", "id=\"order-timeline\"", "Delivery window changed");
				assertThat(event.data()).contains(this.dates.date(today.plusDays(34), Locale.ENGLISH));
			})
			.thenCancel()
			.verify(Duration.ofSeconds(20));
	}

	@Test
	void whenBrowserReconnectsWithLastEventIdThenItGetsThePageAsItIsNowOnceWithTheNewestId() {
		LocalDate today = this.dates.today();
		String rug = this.fixtures.product("Wool Rug", 0);
		long restock = this.fixtures.restock(rug, 5, today.plusDays(21));
		OrderView order = this.fixtures.order(EMAIL, rug, 1);
		Browser browser = lookedUp(order);
		long seen = lastEventId(order);
		// earlier and earlier: two changes, and no delay notice
		this.fixtures.moveRestock(restock, today.plusDays(14));
		this.fixtures.moveRestock(restock, today.plusDays(7));
		long newest = lastEventId(order);
		// the order's shared feed may still be delivering the first change when the
		// browser
		// reconnects: that one may come first, then the page as it is now, and nothing
		// more
		StepVerifier.create(stream(browser, order, seen))
			.thenConsumeWhile((event) -> Long.parseLong(event.id()) < newest)
			.assertNext((event) -> {
				assertThat(Long.parseLong(event.id())).isEqualTo(newest);
				assertThat(event.data()).contains("id=\"order-summary\"", "id=\"order-offers\"",
						"id=\"line-" + order.lines().get(0).id() + "\"", "id=\"order-timeline\"",
						this.dates.date(today.plusDays(11), Locale.ENGLISH));
			})
			.expectNoEvent(Duration.ofSeconds(1))
			.thenCancel()
			.verify(Duration.ofSeconds(20));
	}

	@Test
	void whenBrowserHasSeenTheNewestEventThenReconnectingSendsNothingUntilTheNextChange() {
		LocalDate today = this.dates.today();
		String mat = this.fixtures.product("Door Mat", 0);
		long restock = this.fixtures.restock(mat, 5, today.plusDays(21));
		OrderView order = this.fixtures.order(EMAIL, mat, 1);
		Browser browser = lookedUp(order);
		// the assertion reads the database: off the event loop that delivers the stream
		StepVerifier.create(stream(browser, order, lastEventId(order)).publishOn(Schedulers.boundedElastic()))
			.expectSubscription()
			.expectNoEvent(Duration.ofMillis(500))
			.then(() -> this.fixtures.moveRestock(restock, today.plusDays(14)))
			.assertNext((event) -> assertThat(Long.parseLong(event.id())).isEqualTo(lastEventId(order)))
			.thenCancel()
			.verify(Duration.ofSeconds(20));
	}

	@Test
	void whenBrowserHasNoAccessThenStreamIsForbidden() {
		String lamp = this.fixtures.product("Desk Lamp", 2);
		OrderView order = this.fixtures.order(EMAIL, lamp, 1);
		this.http.get()
			.uri("/orders/{number}/events", order.number())
			.accept(MediaType.TEXT_EVENT_STREAM)
			.exchange()
			.expectStatus()
			.isForbidden();
	}

	private Browser lookedUp(OrderView order) {
		Browser browser = PortalFixtures.browser(this.http);
		assertThat(browser.lookUp(order.number(), EMAIL).status()).isEqualTo(HttpStatus.SEE_OTHER);
		return browser;
	}

	private Flux<ServerSentEvent<String>> stream(Browser browser, OrderView order, Long lastEventId) {
		WebTestClient.RequestHeadersSpec<?> request = this.http.get()
			.uri("/orders/{number}/events", order.number())
			.accept(MediaType.TEXT_EVENT_STREAM)
			.cookies((jar) -> browser.cookies().forEach(jar::add));
		if (lastEventId != null) {
			request = request.header("Last-Event-ID", Long.toString(lastEventId));
		}
		return request.exchange()
			.expectStatus()
			.isOk()
			.expectHeader()
			.valueEquals("X-Accel-Buffering", "no")
			.returnResult(EVENT)
			.getResponseBody()
			.filter((event) -> event.data() != null);
	}

	private long lastEventId(OrderView order) {
		Long id = this.db.sql("select max(id) from order_event where order_id = :id")
			.bind("id", order.id())
			.map((row) -> row.get(0, Long.class))
			.one()
			.block(Duration.ofSeconds(10));
		return (id != null) ? id : 0;
	}

}
