package com.backorderdesk.timeline;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.LongStream;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.reactivestreams.Publisher;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.test.StepVerifier;

import org.springframework.beans.factory.support.DefaultListableBeanFactory;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.http.client.ReactorResourceFactory;
import org.springframework.http.server.reactive.ServerHttpResponse;
import org.springframework.http.server.reactive.ServerHttpResponseDecorator;
import org.springframework.mock.http.server.reactive.MockServerHttpRequest;
import org.springframework.mock.web.server.MockServerWebExchange;
import org.springframework.web.server.ServerWebExchange;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Live pages without a server: one fake page whose fragments the test sets, streams on
 * mock exchanges, events published to the hub by hand.
 */
class LivePagesTests {

	private static final Duration TIMEOUT = Duration.ofSeconds(5);

	private final OrderEventHub hub = new OrderEventHub();

	private final FakePage page = new FakePage();

	private final LivePages live = new LivePages(this.hub,
			new EventLoops(new DefaultListableBeanFactory().getBeanProvider(ReactorResourceFactory.class)));

	private long nextEventId;

	@BeforeEach
	void start() {
		this.hub.start(0);
	}

	@Test
	void whenFiftyStreamsFollowOneOrderThenEachChangeIsRenderedOnceAndReachesThemAll() {
		this.page.set(1, "<p id=\"a\">1</p>", "<p id=\"b\">1</p>");
		List<Flux<String>> streams = IntStream.range(0, 50).mapToObj((i) -> open(1, 0, 0, "token")).toList();
		List<StepVerifier> verifiers = streams.stream()
			.map((frames) -> StepVerifier.create(frames.filter((frame) -> frame.startsWith("id:")).take(2))
				.expectNextMatches((frame) -> frame.startsWith("id:1\n") && frame.contains("data:<p id=\"a\">1</p>"))
				.expectNextMatches((frame) -> frame.startsWith("id:2\n") && frame.contains("<p id=\"b\">2</p>"))
				.expectComplete()
				.verifyLater())
			.toList();
		awaitStreams(50);
		publish(1);
		awaitRenders(1);
		this.page.set(1, "<p id=\"a\">1</p>", "<p id=\"b\">2</p>");
		publish(1);
		verifiers.forEach((verifier) -> verifier.verify(TIMEOUT));
		assertThat(this.live.renders()).isEqualTo(2);
		awaitStreams(0);
		assertThat(this.live.openFeeds()).isZero();
	}

	@Test
	void whenOnlyOneFragmentChangesThenAStreamIsSentThatOneAfterTheFirstUpdate() {
		this.page.set(1, "<p id=\"a\">1</p>", "<p id=\"b\">1</p>");
		StepVerifier.create(open(1, 0, 0, "token").filter((frame) -> frame.startsWith("id:")).take(4)).then(() -> {
			awaitStreams(1);
			publish(1);
		}).expectNext("id:1\nevent:fake\ndata:<p id=\"a\">1</p>\ndata:<p id=\"b\">1</p>\n\n").then(() -> {
			this.page.set(1, "<p id=\"a\">1</p>", "<p id=\"b\">\n2\n</p>");
			publish(1);
		}).expectNext("id:2\nevent:fake\ndata:<p id=\"b\">\ndata:2\ndata:</p>\n\n").then(() -> {
			// nothing the page shows changed: only the newer id, which the browser keeps
			publish(1);
		}).expectNext("id:3\nevent:fake\ndata:\n\n").then(() -> {
			this.page.set(1, "<p id=\"a\">3</p>", "<p id=\"b\">\n2\n</p>");
			publish(1);
		}).expectNext("id:4\nevent:fake\ndata:<p id=\"a\">3</p>\n\n").expectComplete().verify(TIMEOUT);
	}

	@Test
	void whenFormsAreRenderedThenEachStreamGetsItsOwnTokenInPlaceOfThePlaceholder() {
		this.page.set(1, "<input name=\"_csrf\" value=\"" + LivePages.CSRF_PLACEHOLDER + "\">",
				"<a>" + LivePages.CSRF_PLACEHOLDER + "</a>");
		Function<String, StepVerifier> expecting = (token) -> StepVerifier
			.create(open(1, 0, 0, token).filter((frame) -> frame.startsWith("id:")).take(1))
			.expectNextMatches((frame) -> frame.contains("value=\"" + token + "\"")
					&& frame.contains("<a>" + token + "</a>") && !frame.contains(LivePages.CSRF_PLACEHOLDER))
			.expectComplete()
			.verifyLater();
		StepVerifier ada = expecting.apply("token-of-ada");
		StepVerifier bob = expecting.apply("token-of-bob");
		awaitStreams(2);
		publish(1);
		ada.verify(TIMEOUT);
		bob.verify(TIMEOUT);
		assertThat(this.live.renders()).isEqualTo(1);
	}

	@Test
	void whenAStreamReadsNothingForAWhileThenItIsSentTheNewestRenderingOnlyWithNothingQueued() {
		this.page.set(1, "<p id=\"a\">0</p>");
		AtomicReference<Flux<DataBuffer>> body = new AtomicReference<>();
		this.live.stream(exchange(body), this.page, 1, Locale.ENGLISH, 0, 0, null, LivePages.ANY_LINK_REVISION)
			.subscribe();
		StepVerifier.create(body.get().map(LivePagesTests::text), 1).expectNext(":open\n\n").then(() -> {
			awaitStreams(1);
			for (int i = 1; i <= 5; i++) {
				this.page.set(1, "<p id=\"a\">" + i + "</p>");
				publish(1);
				awaitRenders(i);
			}
		})
			.thenRequest(2)
			.expectNext("id:5\nevent:fake\ndata:<p id=\"a\">5</p>\n\n")
			.expectNoEvent(Duration.ofMillis(200))
			.thenCancel()
			.verify(TIMEOUT);
		awaitStreams(0);
	}

	@Test
	void whenABrowserMissedChangesThenItGetsEveryFragmentAtOnceAndOneUpToDateGetsNothing() {
		this.page.set(1, "<p id=\"a\">late</p>");
		this.nextEventId = 7;
		this.hub.publish(List.of(event(7, 2)));
		StepVerifier behind = StepVerifier.create(open(1, 3, 7, null).filter((frame) -> frame.startsWith("id:")))
			.expectNext("id:7\nevent:fake\ndata:<p id=\"a\">late</p>\n\n")
			.thenCancel()
			.verifyLater();
		StepVerifier current = StepVerifier.create(open(1, 7, 7, null).filter((frame) -> frame.startsWith("id:")))
			.expectSubscription()
			.expectNoEvent(Duration.ofMillis(300))
			.thenCancel()
			.verifyLater();
		behind.verify(TIMEOUT);
		current.verify(TIMEOUT);
		assertThat(this.live.renders()).isEqualTo(1);
	}

	@Test
	void whenOneBatchChangesManyFollowedOrdersThenTheyAreReadTogether() {
		List<StepVerifier> verifiers = new ArrayList<>();
		for (long order = 1; order <= 30; order++) {
			this.page.set(order, "<p id=\"o\">" + order + "</p>");
			verifiers.add(StepVerifier.create(open(order, 0, 0, null).filter((frame) -> frame.startsWith("id:")))
				.expectNextCount(1)
				.thenCancel()
				.verifyLater());
		}
		awaitStreams(30);
		this.hub.publish(LongStream.rangeClosed(1, 30).mapToObj((order) -> event(++this.nextEventId, order)).toList());
		verifiers.forEach((verifier) -> verifier.verify(TIMEOUT));
		assertThat(this.live.renders()).isEqualTo(30);
		assertThat(this.page.loads.get()).isEqualTo(1);
		awaitStreams(0);
	}

	@Test
	void whenEveryStreamEndsThenNoFeedIsLeft() {
		List<StepVerifier> verifiers = new ArrayList<>();
		for (int i = 0; i < 200; i++) {
			verifiers
				.add(StepVerifier.create(open(i % 7, 0, 0, null)).expectNext(":open\n\n").thenCancel().verifyLater());
		}
		verifiers.forEach((verifier) -> verifier.verify(TIMEOUT));
		awaitStreams(0);
		assertThat(this.live.openFeeds()).isZero();
	}

	@Test
	void whenTheHubClosesThenEveryStreamEnds() {
		StepVerifier verifier = StepVerifier.create(open(1, 0, 0, null))
			.expectNext(":open\n\n")
			.expectComplete()
			.verifyLater();
		awaitStreams(1);
		this.hub.close();
		verifier.verify(TIMEOUT);
		assertThat(this.live.openFeeds()).isZero();
	}

	private Flux<String> open(long orderId, long afterId, long lastEventId, String token) {
		AtomicReference<Flux<DataBuffer>> body = new AtomicReference<>();
		ServerWebExchange exchange = exchange(body);
		return this.live
			.stream(exchange, this.page, orderId, Locale.ENGLISH, afterId, lastEventId, token,
					LivePages.ANY_LINK_REVISION)
			.thenMany(Flux.defer(() -> body.get().map(LivePagesTests::text)));
	}

	/**
	 * An exchange whose response hands over what is written, one frame for each frame
	 * requested, as a socket that writes as fast as it is read.
	 */
	private static ServerWebExchange exchange(AtomicReference<Flux<DataBuffer>> body) {
		MockServerWebExchange exchange = MockServerWebExchange.from(MockServerHttpRequest.get("/events"));
		ServerHttpResponse response = new ServerHttpResponseDecorator(exchange.getResponse()) {

			@Override
			public Mono<Void> writeAndFlushWith(Publisher<? extends Publisher<? extends DataBuffer>> frames) {
				body.set(Flux.from(frames).map(LivePagesTests::frame));
				return Mono.empty();
			}

		};
		return exchange.mutate().response(response).build();
	}

	/** A stream's frames are single buffers, ready when emitted. */
	@SuppressWarnings("unchecked")
	private static DataBuffer frame(Publisher<? extends DataBuffer> frame) {
		try {
			return ((Callable<DataBuffer>) frame).call();
		}
		catch (Exception ex) {
			throw new IllegalStateException(ex);
		}
	}

	private static String text(DataBuffer buffer) {
		return buffer.toString(StandardCharsets.UTF_8);
	}

	private void publish(long orderId) {
		this.hub.publish(List.of(event(++this.nextEventId, orderId)));
	}

	private void awaitStreams(int count) {
		await(() -> this.live.openStreams() == count, "streams: " + count);
	}

	private void awaitRenders(long count) {
		await(() -> this.live.renders() >= count, "renders: " + count);
	}

	private static void await(java.util.function.BooleanSupplier condition, String what) {
		long deadline = System.nanoTime() + TIMEOUT.toNanos();
		while (!condition.getAsBoolean()) {
			if (System.nanoTime() > deadline) {
				throw new AssertionError("Timed out waiting for " + what);
			}
			try {
				Thread.sleep(5);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				throw new AssertionError(ex);
			}
		}
	}

	private static OrderEvent event(long id, long orderId) {
		return new OrderEvent(id, orderId, "TEST_EVENT", new TestEvents.Noted("live"), Instant.EPOCH, "test");
	}

	/**
	 * A page whose fragments the test sets; its newest event is the highest published.
	 */
	private final class FakePage implements LivePage<List<String>> {

		private final Map<Long, List<String>> fragments = new ConcurrentHashMap<>();

		private final AtomicInteger loads = new AtomicInteger();

		void set(long orderId, String... fragments) {
			this.fragments.put(orderId, List.of(fragments));
		}

		@Override
		public String eventName() {
			return "fake";
		}

		@Override
		public Mono<Map<Long, List<String>>> load(Collection<Long> orderIds, Locale locale) {
			this.loads.incrementAndGet();
			return Mono.fromSupplier(() -> orderIds.stream()
				.filter(this.fragments::containsKey)
				.collect(Collectors.toMap((id) -> id, this.fragments::get)));
		}

		@Override
		public long lastEventId(List<String> view) {
			return LivePagesTests.this.nextEventId;
		}

		@Override
		public List<String> render(List<String> view, Locale locale) {
			return view;
		}

	}

}
