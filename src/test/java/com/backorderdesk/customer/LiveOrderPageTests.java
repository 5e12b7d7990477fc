package com.backorderdesk.customer;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import reactor.core.Disposable;
import reactor.core.Disposables;
import reactor.core.publisher.Flux;
import reactor.test.StepVerifier;

import com.backorderdesk.Browser;
import com.backorderdesk.orders.LineWording;
import com.backorderdesk.orders.OrderView;
import com.backorderdesk.substitution.NewOffer;
import com.backorderdesk.substitution.OfferView;
import com.backorderdesk.substitution.SubstitutionService;
import com.backorderdesk.timeline.LivePages;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.context.annotation.Import;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.codec.ServerSentEvent;
import org.springframework.test.web.reactive.server.WebTestClient;
import org.springframework.web.reactive.function.BodyInserters;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Live order pages on a running server: every stream of an order shares one rendering per
 * change, is sent what changed with its own CSRF token, and leaves nothing behind when it
 * ends.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@AutoConfigureWebTestClient(timeout = "30s")
@Import(PortalFixtures.class)
class LiveOrderPageTests {

	private static final String EMAIL = "grace@example.com";

	private static final Duration TIMEOUT = Duration.ofSeconds(20);

	private static final ParameterizedTypeReference<ServerSentEvent<String>> EVENT = new ParameterizedTypeReference<>() {
	};

	private static final Pattern TOKEN = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"");

	@Autowired
	private WebTestClient http;

	@Autowired
	private PortalFixtures fixtures;

	@Autowired
	private LineWording dates;

	@Autowired
	private LivePages live;

	@Autowired
	private SubstitutionService substitutions;

	@Test
	void whenFiftyBrowsersFollowOneOrderThenEachChangeIsRenderedOnceAndReachesThemAll() throws Exception {
		LocalDate today = this.dates.today();
		String sofa = this.fixtures.product("Chesterfield Sofa", 0);
		long restock = this.fixtures.restock(sofa, 5, today.plusDays(21));
		OrderView order = this.fixtures.order(EMAIL, sofa, 1);
		Browser browser = lookedUp(order);
		Queue<ServerSentEvent<String>> received = new ConcurrentLinkedQueue<>();
		CountDownLatch opened = new CountDownLatch(50);
		Disposable.Composite streams = Disposables.composite();
		for (int i = 0; i < 50; i++) {
			streams.add(follow(browser, order, opened, received));
		}
		try {
			assertThat(opened.await(TIMEOUT.toSeconds(), TimeUnit.SECONDS)).isTrue();
			long renders = this.live.renders();
			this.fixtures.moveRestock(restock, today.plusDays(14));
			await(() -> received.size() >= 50, "50 updates");
			assertThat(this.live.renders() - renders).as("renderings of the one change").isEqualTo(1);
			assertThat(received).hasSize(50)
				.allSatisfy(
						(event) -> assertThat(event.data()).contains("id=\"line-" + order.lines().get(0).id() + "\"",
								this.dates.date(today.plusDays(18), java.util.Locale.ENGLISH)));
			assertThat(received.stream().map(ServerSentEvent::id).distinct()).hasSize(1);
		}
		finally {
			streams.dispose();
		}
	}

	@Test
	void whenTheOrderChangesAgainThenAStreamIsSentOnlyTheFragmentsThatChanged() {
		LocalDate today = this.dates.today();
		String lamp = this.fixtures.product("Arc Lamp", 0);
		long restock = this.fixtures.restock(lamp, 5, today.plusDays(21));
		OrderView order = this.fixtures.order(EMAIL, lamp, 1);
		Browser browser = lookedUp(order);
		StepVerifier.create(stream(browser, order).filter(LiveOrderPageTests::hasFragments))
			.then(() -> this.fixtures.moveRestock(restock, today.plusDays(14)))
			.assertNext((event) -> assertThat(event.data()).contains("id=\"order-summary\"", "id=\"order-offers\"",
					"id=\"line-", "id=\"order-timeline\""))
			.then(() -> this.fixtures.moveRestock(restock, today.plusDays(10)))
			.assertNext((event) -> assertThat(event.data())
				.contains("id=\"order-summary\"", "id=\"line-", "id=\"order-timeline\"")
				.doesNotContain("id=\"order-offers\""))
			.thenCancel()
			.verify(TIMEOUT);
	}

	@Test
	void whenTwoCustomersFollowOneOrderThenEachStreamCarriesItsOwnWorkingCsrfToken() throws Exception {
		LocalDate today = this.dates.today();
		String retro = this.fixtures.product("Retro Radio", 0);
		String classic = this.fixtures.product("Classic Radio", 5);
		long restock = this.fixtures.restock(retro, 5, today.plusDays(21));
		OrderView order = this.fixtures.order(EMAIL, retro, 1);
		OfferView offer = this.substitutions
			.offer(new NewOffer(order.number(), order.lines().get(0).id(), classic, 1, "",
					Instant.now().plus(Duration.ofDays(7))), "rep")
			.block(TIMEOUT);
		Browser ada = lookedUp(order);
		Browser bob = lookedUp(order);
		Queue<ServerSentEvent<String>> toAda = new ConcurrentLinkedQueue<>();
		Queue<ServerSentEvent<String>> toBob = new ConcurrentLinkedQueue<>();
		CountDownLatch opened = new CountDownLatch(2);
		Disposable.Composite streams = Disposables.composite(follow(ada, order, opened, toAda),
				follow(bob, order, opened, toBob));
		try {
			assertThat(opened.await(TIMEOUT.toSeconds(), TimeUnit.SECONDS)).isTrue();
			// a slip of over a month asks the customer (the FTC rule): the line gets its
			// "keep waiting" form, the fragment's form with a token
			this.fixtures.moveRestock(restock, today.plusDays(60));
			await(() -> !toAda.isEmpty() && !toBob.isEmpty(), "an update to each");
			String adasToken = token(toAda.peek().data());
			String bobsToken = token(toBob.peek().data());
			assertThat(adasToken).isNotEqualTo(bobsToken).doesNotContain(LivePages.CSRF_PLACEHOLDER);
			String decline = "/orders/" + order.number() + "/offers/" + offer.id() + "/decline";
			assertThat(post(ada, decline, bobsToken)).as("Bob's token in Ada's browser")
				.isEqualTo(HttpStatus.FORBIDDEN);
			assertThat(post(ada, decline, adasToken)).isEqualTo(HttpStatus.SEE_OTHER);
		}
		finally {
			streams.dispose();
		}
	}

	@Test
	void whenEveryBrowserGoesThenNoStreamOrFeedIsLeft() throws Exception {
		// counted on this test's own orders: streams of earlier tests in the same context
		// may still be ending while this one starts
		List<OrderView> orders = new ArrayList<>();
		for (int i = 0; i < 4; i++) {
			orders.add(this.fixtures.order(EMAIL, this.fixtures.product("Stool " + i, 1), 1));
		}
		CountDownLatch opened = new CountDownLatch(100);
		Disposable.Composite streams = Disposables.composite();
		for (OrderView order : orders) {
			Browser browser = lookedUp(order);
			for (int i = 0; i < 25; i++) {
				streams.add(follow(browser, order, opened, new ConcurrentLinkedQueue<>()));
			}
		}
		assertThat(opened.await(TIMEOUT.toSeconds(), TimeUnit.SECONDS)).isTrue();
		assertThat(orders).allSatisfy((order) -> {
			assertThat(this.live.openStreams(order.id())).isEqualTo(25);
			assertThat(this.live.openFeeds(order.id())).isEqualTo(1);
		});
		streams.dispose();
		await(() -> orders.stream()
			.allMatch((order) -> this.live.openStreams(order.id()) == 0 && this.live.openFeeds(order.id()) == 0),
				"every stream to end");
	}

	private Browser lookedUp(OrderView order) {
		Browser browser = PortalFixtures.browser(this.http);
		assertThat(browser.lookUp(order.number(), EMAIL).status()).isEqualTo(HttpStatus.SEE_OTHER);
		return browser;
	}

	/**
	 * Whether a frame carries fragments: not a comment, nor a frame that only moves the
	 * id on.
	 */
	private static boolean hasFragments(ServerSentEvent<String> event) {
		return event.data() != null && !event.data().isEmpty();
	}

	private Flux<ServerSentEvent<String>> stream(Browser browser, OrderView order) {
		return this.http.get()
			.uri("/orders/{number}/events", order.number())
			.accept(MediaType.TEXT_EVENT_STREAM)
			.header("X-Forwarded-For", browser.address())
			.cookies((jar) -> browser.cookies().forEach(jar::add))
			.exchange()
			.expectStatus()
			.isOk()
			.returnResult(EVENT)
			.getResponseBody();
	}

	/** Opens a stream that counts down when it opens and collects its updates. */
	private Disposable follow(Browser browser, OrderView order, CountDownLatch opened,
			Queue<ServerSentEvent<String>> received) {
		return stream(browser, order).subscribe((event) -> {
			if ("open".equals(event.comment())) {
				opened.countDown();
			}
			if (hasFragments(event)) {
				received.add(event);
			}
		});
	}

	private HttpStatus post(Browser browser, String uri, String token) {
		return HttpStatus.valueOf(this.http.post()
			.uri(uri)
			.header("X-Forwarded-For", browser.address())
			.cookies((jar) -> browser.cookies().forEach(jar::add))
			.body(BodyInserters.fromFormData("_csrf", token))
			.exchange()
			.returnResult(String.class)
			.getStatus()
			.value());
	}

	private static String token(String html) {
		Matcher matcher = TOKEN.matcher(html);
		assertThat(matcher.find()).as("a form with a token in " + html).isTrue();
		return matcher.group(1);
	}

	private static void await(BooleanSupplier condition, String what) {
		long deadline = System.nanoTime() + TIMEOUT.toNanos();
		while (!condition.getAsBoolean()) {
			assertThat(System.nanoTime()).as("waiting for " + what).isLessThan(deadline);
			try {
				Thread.sleep(20);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				throw new AssertionError(ex);
			}
		}
	}

}
