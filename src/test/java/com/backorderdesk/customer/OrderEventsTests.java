package com.backorderdesk.customer;

import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.Locale;
import java.util.function.BooleanSupplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

import com.backorderdesk.orders.LineWording;
import io.r2dbc.spi.Connection;
import io.r2dbc.spi.ConnectionFactory;
import io.r2dbc.spi.Result;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;
import reactor.test.StepVerifier;

import com.backorderdesk.Browser;
import com.backorderdesk.orders.OrderView;
import com.backorderdesk.security.CustomerLinks;
import com.backorderdesk.timeline.LivePages;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.context.annotation.Import;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.codec.ServerSentEvent;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.test.web.reactive.server.FluxExchangeResult;
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

	@Autowired
	private CustomerLinks links;

	@Autowired
	private LivePages live;

	@Autowired
	private ConnectionFactory connections;

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
		Waiting waiting = waiting("Wool Rug");
		long restock = waiting.restock();
		OrderView order = waiting.order();
		Browser browser = waiting.browser();
		long seen = lastEventId(order);
		// earlier and earlier: two changes, and no delay notice
		this.fixtures.moveRestock(restock, today.plusDays(14));
		this.fixtures.moveRestock(restock, today.plusDays(7));
		long newest = lastEventId(order);
		String now = this.dates.date(today.plusDays(11), Locale.ENGLISH);
		// the order's shared feed may still be delivering the first change when the
		// browser reconnects: that one may come first, then the page as it is now, and
		// no fragment again. Its id is the newest event this instance has published: on a
		// busy machine the notification of the last move may not have arrived yet, and
		// when it does the page is the same, so only that id follows
		StepVerifier.create(stream(browser, order, seen))
			.thenConsumeWhile((event) -> !event.data().contains(now))
			.assertNext((event) -> {
				assertThat(Long.parseLong(event.id())).isGreaterThan(seen).isLessThanOrEqualTo(newest);
				assertThat(event.data()).contains("id=\"order-summary\"", "id=\"order-offers\"",
						"id=\"line-" + order.lines().get(0).id() + "\"", "id=\"order-timeline\"", now);
			})
			.expectNoEvent(Duration.ofSeconds(1))
			.thenCancel()
			.verify(Duration.ofSeconds(20));
	}

	@Test
	void whenBrowserHasSeenTheNewestEventThenReconnectingSendsNothingUntilTheNextChange() {
		LocalDate today = this.dates.today();
		Waiting waiting = waiting("Door Mat");
		long restock = waiting.restock();
		OrderView order = waiting.order();
		Browser browser = waiting.browser();
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
	void whenThePageAlreadyShowsAnEventThisInstanceHasNotPublishedThenItsIdFollowsAlone() {
		LocalDate today = this.dates.today();
		Waiting lamp = waiting("Brass Lamp");
		OrderView order = lamp.order();
		long placed = lastEventId(order);
		// this instance has published the order's events so far
		StepVerifier.create(stream(lamp.browser(), order, placed - 1))
			.assertNext((event) -> assertThat(Long.parseLong(event.id())).isEqualTo(placed))
			.thenCancel()
			.verify(Duration.ofSeconds(30));
		await(() -> this.live.openStreams(order.id()) == 0);
		Connection writer = holdEventIds();
		try {
			// earlier: no delay notice comes after
			this.fixtures.moveRestock(lamp.restock(), today.plusDays(14));
			long moved = lastEventId(order);
			String window = this.dates.date(today.plusDays(18), Locale.ENGLISH);
			// the page is read with the move, at the id this instance has published
			StepVerifier.create(frames(lamp.browser(), order, placed - 1)).assertNext((event) -> {
				assertThat(Long.parseLong(event.id())).isGreaterThanOrEqualTo(placed).isLessThan(moved);
				assertThat(event.data()).contains(window);
			}).then(() -> Mono.from(writer.rollbackTransaction()).subscribe()).assertNext((event) -> {
				assertThat(Long.parseLong(event.id())).isEqualTo(moved);
				assertThat(event.event()).isEqualTo("order");
				assertThat(event.data()).isNullOrEmpty();
			}).thenCancel().verify(Duration.ofSeconds(30));
		}
		finally {
			Mono.from(writer.close()).block(Duration.ofSeconds(10));
		}
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

	@Test
	void whenStreamIsServedBeforeTheFilterChainThenItHasTheHeadersTheChainGivesAndAFormTokenThatIsAccepted() {
		LocalDate today = this.dates.today();
		String chair = this.fixtures.product("Rocking Chair", 0);
		long restock = this.fixtures.restock(chair, 5, today.plusDays(7));
		OrderView order = this.fixtures.order(EMAIL, chair, 1);
		Browser browser = lookedUp(order);
		// a browser's EventSource asks for text/event-stream: served before the chain;
		// any other Accept goes through it to the controller
		HttpHeaders direct = headers(browser, order, MediaType.TEXT_EVENT_STREAM);
		HttpHeaders chained = headers(browser, order, MediaType.ALL);
		for (String name : List.of(HttpHeaders.CONTENT_TYPE, HttpHeaders.CACHE_CONTROL, "X-Accel-Buffering",
				"X-Content-Type-Options", "X-Frame-Options", "Content-Security-Policy", "Referrer-Policy",
				"Permissions-Policy")) {
			assertThat(direct.get(name)).as(name).isNotEmpty().isEqualTo(chained.get(name));
		}
		// the stream's Cache-Control is kept, so nothing of the pages' no-store set is
		// added
		for (String name : List.of(HttpHeaders.PRAGMA, HttpHeaders.EXPIRES)) {
			assertThat(direct.get(name)).as(name).isEqualTo(chained.get(name));
		}
		// a delay notice puts a form in the line: it carries this browser's token
		long lineId = order.lines().get(0).id();
		String[] token = new String[1];
		StepVerifier.create(stream(browser, order, null))
			.then(() -> this.fixtures.moveRestock(restock, today.plusDays(60)))
			.thenConsumeWhile((event) -> !event.data().contains("/lines/" + lineId + "/wait"), (event) -> {
			})
			.consumeNextWith((event) -> {
				Matcher csrf = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"").matcher(event.data());
				assertThat(csrf.find()).isTrue();
				token[0] = csrf.group(1);
			})
			.thenCancel()
			.verify(Duration.ofSeconds(20));
		assertThat(token[0]).isNotEqualTo(LivePages.CSRF_PLACEHOLDER);
		// another browser with access to the same order cannot post with it
		Browser other = lookedUp(order);
		assertThat(other.postWithoutCsrf("/orders/" + order.number() + "/lines/" + lineId + "/wait", "_csrf", token[0])
			.status()).isEqualTo(HttpStatus.FORBIDDEN);
		assertThat(
				browser.postWithoutCsrf("/orders/" + order.number() + "/lines/" + lineId + "/wait", "_csrf", token[0])
					.status())
			.isEqualTo(HttpStatus.SEE_OTHER);
	}

	@Test
	void whenTheFirewallRefusesAStreamsHeaderThenItIsRefusedAsOnTheChainsWay() {
		String clock = this.fixtures.product("Wall Clock", 2);
		OrderView order = this.fixtures.order(EMAIL, clock, 1);
		Browser browser = lookedUp(order);
		// a C1 control character: the chain's firewall refuses it where the header is
		// read
		for (MediaType accept : List.of(MediaType.TEXT_EVENT_STREAM, MediaType.ALL)) {
			this.http.get()
				.uri("/orders/{number}/events", order.number())
				.accept(accept)
				.header("Last-Event-ID", "1\u00852")
				.cookies((jar) -> browser.cookies().forEach(jar::add))
				.exchange()
				.expectStatus()
				.isBadRequest()
				.expectHeader()
				.valueEquals("X-Content-Type-Options", "nosniff");
		}
	}

	@Test
	void whenAStreamsAcceptHeaderCannotBeReadThenTheAnswerIsNotAcceptableNotAServerError() {
		String mirror = this.fixtures.product("Hall Mirror", 2);
		OrderView order = this.fixtures.order(EMAIL, mirror, 1);
		Browser browser = lookedUp(order);
		for (String accept : List.of("text/event-stream, ///", "text/event-stream;charset=\"")) {
			this.http.get()
				.uri("/orders/{number}/events", order.number())
				.header(HttpHeaders.ACCEPT, accept)
				.cookies((jar) -> browser.cookies().forEach(jar::add))
				.exchange()
				.expectStatus()
				.isEqualTo(HttpStatus.NOT_ACCEPTABLE);
		}
	}

	@Test
	void whenTheCustomersLinksAreRevokedThenTheStreamIsForbidden() {
		String vase = this.fixtures.product("Glass Vase", 0);
		OrderView order = this.fixtures.order(EMAIL, vase, 1);
		Browser browser = lookedUp(order);
		headers(browser, order, MediaType.TEXT_EVENT_STREAM);
		this.links.revokeAll(order.id(), "test").block(Duration.ofSeconds(10));
		assertStreamForbidden(browser, order);
	}

	@Test
	void whenStaffRevokeTheLinksThenAnOpenStreamEndsWithNothingMoreAndItsReconnectIsRefused() {
		LocalDate today = this.dates.today();
		String bench = this.fixtures.product("Oak Bench", 0);
		long restock = this.fixtures.restock(bench, 5, today.plusDays(7));
		OrderView order = this.fixtures.order(EMAIL, bench, 1);
		Browser lookedUp = lookedUp(order);
		Browser linked = linked(order);
		Browser rep = rep();
		rep.get("/staff/orders/" + order.number());
		// both streams are open (their headers came) before the links are revoked
		Flux<ServerSentEvent<String>> byLookup = lookedUp.events("/orders/{number}/events", order.number());
		Flux<ServerSentEvent<String>> byLink = linked.events("/orders/{number}/events", order.number());
		StepVerifier lookupEnds = StepVerifier.create(byLookup).expectComplete().verifyLater();
		StepVerifier linkEnds = StepVerifier.create(byLink).expectComplete().verifyLater();
		revokeLinks(rep, order);
		// a later change reaches neither: they have ended, with no frame after the
		// revocation
		this.fixtures.moveRestock(restock, today.plusDays(30));
		lookupEnds.verify(Duration.ofSeconds(20));
		linkEnds.verify(Duration.ofSeconds(20));
		assertStreamForbidden(lookedUp, order);
		assertStreamForbidden(linked, order);
	}

	@Test
	void whenAccessIsGrantedAgainAfterTheLinksWereRevokedThenItsStreamsOutliveLaterChanges() {
		LocalDate today = this.dates.today();
		String stool = this.fixtures.product("Bar Stool", 0);
		long restock = this.fixtures.restock(stool, 5, today.plusDays(7));
		OrderView order = this.fixtures.order(EMAIL, stool, 1);
		Browser rep = rep();
		rep.get("/staff/orders/" + order.number());
		// a stream of the old access ends: the revocation was published on this instance
		Flux<ServerSentEvent<String>> old = lookedUp(order).events("/orders/{number}/events", order.number());
		StepVerifier oldEnds = StepVerifier.create(old).expectComplete().verifyLater();
		revokeLinks(rep, order);
		oldEnds.verify(Duration.ofSeconds(20));
		// a fresh lookup and a new link open streams that the next change reaches
		for (Browser browser : List.of(lookedUp(order), linked(order))) {
			StepVerifier.create(browser.events("/orders/{number}/events", order.number()))
				.then(() -> this.fixtures.moveRestock(restock, today.plusDays(7 + ++this.moves)))
				.assertNext((event) -> assertThat(event.data()).contains("id=\"order-timeline\"",
						"Earlier links to this order stopped working"))
				.thenCancel()
				.verify(Duration.ofSeconds(20));
		}
	}

	private int moves;

	/** A browser given access by a link signed now. */
	private Browser linked(OrderView order) {
		Browser browser = PortalFixtures.browser(this.http);
		String link = this.links.linkFor(order.id(), CustomerLinks.VIEW).block(Duration.ofSeconds(10));
		assertThat(browser.get(link).status()).isEqualTo(HttpStatus.SEE_OTHER);
		return browser;
	}

	/** The demo rep, logged in. */
	private Browser rep() {
		Browser rep = PortalFixtures.browser(this.http);
		assertThat(rep.logIn("rep", "rep").location()).endsWith("/staff");
		return rep;
	}

	/** The headers of a stream that opened, which is then closed. */
	private HttpHeaders headers(Browser browser, OrderView order, MediaType accept) {
		FluxExchangeResult<ServerSentEvent<String>> result = this.http.get()
			.uri("/orders/{number}/events", order.number())
			.accept(accept)
			.cookies((jar) -> browser.cookies().forEach(jar::add))
			.exchange()
			.expectStatus()
			.isOk()
			.returnResult(EVENT);
		StepVerifier.create(result.getResponseBody()).expectNextCount(1).thenCancel().verify(Duration.ofSeconds(20));
		return result.getResponseHeaders();
	}

	private Browser lookedUp(OrderView order) {
		Browser browser = PortalFixtures.browser(this.http);
		assertThat(browser.lookUp(order.number(), EMAIL).status()).isEqualTo(HttpStatus.SEE_OTHER);
		return browser;
	}

	/**
	 * An order of one unit of a new product, waiting for a restock three weeks out, and
	 * its customer's browser, which has looked it up.
	 */
	private Waiting waiting(String product) {
		String sku = this.fixtures.product(product, 0);
		long restock = this.fixtures.restock(sku, 5, this.dates.today().plusDays(21));
		OrderView order = this.fixtures.order(EMAIL, sku, 1);
		return new Waiting(restock, order, lookedUp(order));
	}

	private record Waiting(long restock, OrderView order, Browser browser) {
	}

	/** Opening the order's stream with the browser's cookies is refused. */
	private void assertStreamForbidden(Browser browser, OrderView order) {
		this.http.get()
			.uri("/orders/{number}/events", order.number())
			.accept(MediaType.TEXT_EVENT_STREAM)
			.cookies((jar) -> browser.cookies().forEach(jar::add))
			.exchange()
			.expectStatus()
			.isForbidden();
	}

	/** The rep revokes the order's links from its staff page, as staff do. */
	private static void revokeLinks(Browser rep, OrderView order) {
		assertThat(rep.post("/staff/orders/" + order.number() + "/revoke-links").location()).contains("revoked=1");
	}

	/** The stream's frames that carry fragments. */
	private Flux<ServerSentEvent<String>> stream(Browser browser, OrderView order, Long lastEventId) {
		return frames(browser, order, lastEventId).filter((event) -> event.data() != null && !event.data().isEmpty());
	}

	/** The stream's frames that carry an event id, with fragments or without. */
	private Flux<ServerSentEvent<String>> frames(Browser browser, OrderView order, Long lastEventId) {
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
			.filter((event) -> event.id() != null);
	}

	/**
	 * Opens a transaction that takes the next event id and holds it: this instance
	 * publishes no later event until the transaction ends, as when a notification is on
	 * its way.
	 */
	private Connection holdEventIds() {
		Connection connection = Mono.from(this.connections.create()).block(Duration.ofSeconds(10));
		assertThat(connection).isNotNull();
		Mono.from(connection.beginTransaction()).block(Duration.ofSeconds(10));
		Flux.from(connection.createStatement("lock table order_event in row exclusive mode").execute())
			.flatMap(Result::getRowsUpdated)
			.blockLast(Duration.ofSeconds(10));
		Flux.from(connection.createStatement("select nextval(pg_get_serial_sequence('order_event', 'id'))").execute())
			.flatMap((result) -> result.map((row, meta) -> row.get(0, Long.class)))
			.blockLast(Duration.ofSeconds(10));
		return connection;
	}

	private static void await(BooleanSupplier condition) {
		long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
		while (!condition.getAsBoolean()) {
			assertThat(System.nanoTime()).as("waited 30 s").isLessThan(deadline);
			try {
				Thread.sleep(10);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				throw new AssertionError(ex);
			}
		}
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
