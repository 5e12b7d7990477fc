package com.backorderdesk.timeline;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicIntegerFieldUpdater;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongFieldUpdater;
import java.util.regex.Pattern;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;
import org.reactivestreams.Publisher;
import org.reactivestreams.Subscriber;
import org.reactivestreams.Subscription;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Operators;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;

import org.springframework.context.SmartLifecycle;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DataBufferFactory;
import org.springframework.http.MediaType;
import org.springframework.http.server.reactive.ServerHttpResponse;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;

/**
 * Live order pages: every stream of one order, page kind and locale on this instance
 * shares one feed, whose fragments are rendered once per change and sent to all of them.
 *
 * <p>
 * A feed holds the page's fragments as last rendered, never a queue of events: the
 * fragments describe the order as it is, so a stream that cannot keep up skips to the
 * newest rendering and loses nothing. Each stream remembers only which rendering it last
 * sent, and is sent the fragments that changed since (all of them for a browser that
 * comes back after missing changes; nothing for one that has seen the newest event). The
 * event id sent with them is one every rendered change up to is reflected in, so a
 * browser reconnecting with it ({@code Last-Event-ID}) is sent what changed after. When
 * the id moves on but no fragment changed (the page was read after an event was committed
 * and before this instance published it), the stream is sent the new id with empty data,
 * so that the browser's reconnect does not ask for the same fragments again.
 *
 * <p>
 * When the {@link OrderEventHub} publishes a batch of events, the feeds of those orders
 * are rendered again together: each page kind reads its orders with set-based queries, in
 * chunks spread over every event loop of the server. Forms in fragments carry
 * {@link #CSRF_PLACEHOLDER}, which each stream's own token replaces as it is sent, so one
 * rendering serves every customer. Frames are encoded once and sent to each stream
 * without copying. Heartbeats for all streams come from one timer; a rendering nobody
 * needs any more is dropped after a while (its digests stay, to tell what changed).
 *
 * <p>
 * A customer's stream holds the link revision its access was granted at. When staff
 * revoke the order's links, the committed {@link AccessRevoked} event reaches every
 * instance, and each ends the order's streams granted at an older revision; the browser's
 * reconnect is then refused as its page would be. That holds for access opened by a
 * lookup too, whose grant carries the revision of its time: revoking ends every access
 * opened before, and the customer looks the order up again. Streams opened at the new
 * revision, and staff streams, go on.
 */
@Component
public class LivePages implements SmartLifecycle {

	/**
	 * What forms in live fragments carry as their CSRF token; random per start, so no
	 * rendered text can contain it by accident or design.
	 */
	public static final String CSRF_PLACEHOLDER = "csrf" + HexFormat.of().formatHex(randomBytes());

	/** Orders read and rendered together at most. */
	static final int CHUNK = 200;

	private static final Duration RETRY = Duration.ofSeconds(1);

	/**
	 * Link revision of a stream that revoking the order's links does not end, such as a
	 * staff page's.
	 */
	public static final int ANY_LINK_REVISION = Integer.MAX_VALUE;

	/**
	 * How long a revocation is remembered for streams whose access was checked before it
	 * was committed and that join their feed after it was published here.
	 */
	private static final long KEEP_REVOKED_NANOS = Duration.ofMinutes(10).toNanos();

	/** How long a rendering's text is kept for streams that have not sent it yet. */
	private static final long KEEP_RENDERED_NANOS = Duration.ofSeconds(30).toNanos();

	private static final Pattern LINE_BREAK = Pattern.compile("\r\n|\r|\n");

	private static final Pattern PLACEHOLDER = Pattern.compile(Pattern.quote(CSRF_PLACEHOLDER));

	private static final byte[] OPEN = ":open\n\n".getBytes(StandardCharsets.US_ASCII);

	private static final byte[] HEARTBEAT = ":heartbeat\n\n".getBytes(StandardCharsets.US_ASCII);

	private static final Log logger = LogFactory.getLog(LivePages.class);

	private final OrderEventHub hub;

	private final EventLoops loops;

	private final ConcurrentMap<Long, List<Feed>> byOrder = new ConcurrentHashMap<>();

	private final Set<Feed> dirty = ConcurrentHashMap.newKeySet();

	/** The newest revocation published here of each order, for a while. */
	private final ConcurrentMap<Long, Revocation> revoked = new ConcurrentHashMap<>();

	private final AtomicBoolean rendering = new AtomicBoolean();

	private final AtomicBoolean awaitingStart = new AtomicBoolean();

	private final AtomicLong renders = new AtomicLong();

	private final AtomicLong loads = new AtomicLong();

	private volatile @Nullable Disposable ticking;

	LivePages(OrderEventHub hub, EventLoops loops) {
		this.hub = hub;
		this.loops = loops;
		hub.listen(new OrderEventHub.Listener() {

			@Override
			public void published(List<OrderEvent> events) {
				changed(events);
			}

			@Override
			public void closed() {
				closeAll();
			}

		});
	}

	/**
	 * Streams an order's page fragments as server-sent events: a comment at once, so the
	 * response's headers go out when the stream opens; then the fragments that changed
	 * with each committed change; a heartbeat comment every {@link SseSupport#HEARTBEAT}.
	 * The caller has checked access. The stream holds only its place in the order's
	 * shared feed until the browser goes or the application stops.
	 * @param exchange the exchange whose response becomes the stream
	 * @param page the kind of page
	 * @param orderId the order
	 * @param locale the locale to render in
	 * @param afterId the newest event the browser has seen ({@code Last-Event-ID}, or the
	 * id the page was rendered at), or -1 when it does not say
	 * @param lastEventId the order's newest event as the caller read it: a browser that
	 * has not seen it is sent every fragment
	 * @param csrfToken this browser's CSRF token for the forms in the fragments, or
	 * {@code null} when they have none
	 * @param linkRevision the order's link revision the browser's access was granted at,
	 * as the caller checked it: the stream ends when the order's links are revoked past
	 * it ({@link AccessRevoked}); {@link #ANY_LINK_REVISION} for a stream that revoking
	 * does not end
	 * @return completion, when the stream ends: the browser went, the application stops,
	 * or the access was revoked
	 */
	public Mono<Void> stream(ServerWebExchange exchange, LivePage<?> page, long orderId, Locale locale, long afterId,
			long lastEventId, @Nullable String csrfToken, int linkRevision) {
		return stream(exchange.getResponse(), page, orderId, locale, afterId, lastEventId, csrfToken, linkRevision);
	}

	/**
	 * Streams an order's page fragments into a response, as
	 * {@link #stream(ServerWebExchange, LivePage, long, Locale, long, long, String, int)}
	 * does, for a route that holds no exchange: the stream keeps the response and nothing
	 * of the request. Sets the response's content type and the headers that keep proxies
	 * from buffering it ({@code X-Accel-Buffering: no}, {@code Cache-Control: no-cache}).
	 * @param response the response that becomes the stream
	 * @param page the kind of page
	 * @param orderId the order
	 * @param locale the locale to render in
	 * @param afterId the newest event the browser has seen, or -1 when it does not say
	 * @param lastEventId the order's newest event as the caller read it
	 * @param csrfToken this browser's CSRF token, or {@code null} when it has none
	 * @param linkRevision the order's link revision the browser's access was granted at,
	 * or {@link #ANY_LINK_REVISION}
	 * @return completion, when the stream ends
	 */
	public Mono<Void> stream(ServerHttpResponse response, LivePage<?> page, long orderId, Locale locale, long afterId,
			long lastEventId, @Nullable String csrfToken, int linkRevision) {
		streamHeaders(response);
		long seen = (afterId < 0) ? lastEventId : afterId;
		byte[] token = (csrfToken != null) ? csrfToken.getBytes(StandardCharsets.UTF_8) : new byte[0];
		return response.writeAndFlushWith(new Stream(new FeedKey(page, orderId, locale), seen, seen < lastEventId,
				token, linkRevision, response.bufferFactory()));
	}

	/**
	 * Sets a stream's own headers on its response: the content type, and those that keep
	 * proxies from buffering it and caches from keeping it. {@code stream} sets them too;
	 * a route that writes other headers that keep those already set calls this first.
	 * @param response the response that becomes the stream
	 */
	public static void streamHeaders(ServerHttpResponse response) {
		response.getHeaders().setContentType(MediaType.TEXT_EVENT_STREAM);
		EventStreamResponses.unbuffered(response.getHeaders());
	}

	/**
	 * How many feeds are open: one per order, page and locale that a stream follows.
	 * @return the count, 0 once every stream has ended
	 */
	public int openFeeds() {
		return this.byOrder.values().stream().mapToInt(List::size).sum();
	}

	/**
	 * How many streams are open.
	 * @return the count, 0 once every browser has gone
	 */
	public int openStreams() {
		return this.byOrder.values().stream().flatMap(List::stream).mapToInt((feed) -> feed.streams.size()).sum();
	}

	/**
	 * How many streams follow one order, whatever their page kind and locale.
	 * @param orderId the order
	 * @return the count, 0 once every browser on that order has gone
	 */
	public int openStreams(long orderId) {
		return this.byOrder.getOrDefault(orderId, List.of()).stream().mapToInt((feed) -> feed.streams.size()).sum();
	}

	/**
	 * How many feeds one order has open: one per page kind and locale that a stream
	 * follows.
	 * @param orderId the order
	 * @return the count, 0 once every stream on that order has ended
	 */
	public int openFeeds(long orderId) {
		return this.byOrder.getOrDefault(orderId, List.of()).size();
	}

	/**
	 * How many times one order's fragments were rendered since start, whatever the number
	 * of streams that were sent them.
	 * @return the count
	 */
	public long renders() {
		return this.renders.get();
	}

	/**
	 * How many times pages were read for rendering since start, each read covering up to
	 * {@value #CHUNK} orders.
	 * @return the count
	 */
	public long loads() {
		return this.loads.get();
	}

	private void changed(List<OrderEvent> events) {
		for (OrderEvent event : events) {
			if (event.event() instanceof AccessRevoked revocation) {
				revoke(event.orderId(), revocation.linkRevision());
			}
			List<Feed> feeds = this.byOrder.get(event.orderId());
			if (feeds != null) {
				this.dirty.addAll(feeds);
			}
		}
		render();
	}

	/**
	 * Ends the order's streams whose access was granted at an older link revision, and
	 * remembers the revocation for streams joining just after.
	 */
	private void revoke(long orderId, int linkRevision) {
		this.revoked.merge(orderId, new Revocation(linkRevision, System.nanoTime()),
				(known, now) -> (now.linkRevision() >= known.linkRevision()) ? now : known);
		for (Feed feed : this.byOrder.getOrDefault(orderId, List.of())) {
			for (Stream stream : feed.streams) {
				if (stream.linkRevision < linkRevision) {
					stream.complete();
				}
			}
		}
	}

	/**
	 * Whether a stream's access was revoked by a revocation published before it joined
	 * its feed (its access was checked before the revocation was committed).
	 */
	private boolean revokedBefore(Stream stream) {
		Revocation revocation = this.revoked.get(stream.key.orderId());
		return revocation != null && stream.linkRevision < revocation.linkRevision();
	}

	private void closeAll() {
		this.byOrder.values().forEach((feeds) -> feeds.forEach((feed) -> feed.streams.forEach(Stream::complete)));
	}

	private Feed join(Stream stream) {
		FeedKey key = stream.key;
		Feed[] joined = new Feed[1];
		this.byOrder.compute(key.orderId(), (orderId, feeds) -> {
			List<Feed> open = (feeds != null) ? feeds : List.of();
			Feed feed = open.stream().filter((candidate) -> candidate.key.equals(key)).findFirst().orElse(null);
			if (feed == null) {
				feed = new Feed(key);
				List<Feed> more = new ArrayList<>(open);
				more.add(feed);
				open = List.copyOf(more);
			}
			feed.streams.add(stream);
			joined[0] = feed;
			return open;
		});
		return joined[0];
	}

	private void leave(Feed feed, Stream stream) {
		this.byOrder.computeIfPresent(feed.key.orderId(), (orderId, feeds) -> {
			feed.streams.remove(stream);
			if (!feed.streams.isEmpty()) {
				return feeds;
			}
			feed.closed = true;
			List<Feed> rest = feeds.stream().filter((other) -> other != feed).toList();
			return rest.isEmpty() ? null : rest;
		});
	}

	private void renderLater(Feed feed) {
		this.dirty.add(feed);
		render();
	}

	/**
	 * Renders every feed marked since the last pass; one pass at a time, so a feed is
	 * never rendered twice at once, and changes that arrive during a pass make one more.
	 */
	private void render() {
		if (this.dirty.isEmpty() || !this.rendering.compareAndSet(false, true)) {
			return;
		}
		if (!this.hub.isStarted()) {
			this.rendering.set(false);
			if (this.awaitingStart.compareAndSet(false, true)) {
				this.hub.started().subscribe(null, null, this::render);
			}
			return;
		}
		Map<GroupKey, List<Feed>> groups = new LinkedHashMap<>();
		for (Iterator<Feed> marked = this.dirty.iterator(); marked.hasNext();) {
			Feed feed = marked.next();
			marked.remove();
			if (!feed.closed) {
				groups.computeIfAbsent(new GroupKey(feed.key.page(), feed.key.locale()), (group) -> new ArrayList<>())
					.add(feed);
			}
		}
		long published = this.hub.published();
		List<Scheduler> schedulers = this.loops.all();
		List<List<Chunk>> perLoop = new ArrayList<>();
		schedulers.forEach((scheduler) -> perLoop.add(new ArrayList<>()));
		int next = 0;
		for (Map.Entry<GroupKey, List<Feed>> group : groups.entrySet()) {
			List<Feed> feeds = group.getValue();
			for (int from = 0; from < feeds.size(); from += CHUNK) {
				perLoop.get(next++ % schedulers.size())
					.add(new Chunk(group.getKey(), feeds.subList(from, Math.min(feeds.size(), from + CHUNK))));
			}
		}
		Flux.range(0, schedulers.size())
			.flatMap((loop) -> Flux.fromIterable(perLoop.get(loop))
				.concatMap((chunk) -> render(chunk, published, schedulers.get(loop))), schedulers.size())
			.doFinally((signal) -> {
				this.rendering.set(false);
				render();
			})
			.subscribe();
	}

	private Mono<Void> render(Chunk chunk, long published, Scheduler loop) {
		return render(chunk.group().page(), chunk, published, loop);
	}

	private <T> Mono<Void> render(LivePage<T> page, Chunk chunk, long published, Scheduler loop) {
		Locale locale = chunk.group().locale();
		Set<Long> orderIds = new LinkedHashSet<>();
		chunk.feeds().forEach((feed) -> orderIds.add(feed.key.orderId()));
		return Mono.defer(() -> {
			this.loads.incrementAndGet();
			return page.load(orderIds, locale);
		}).publishOn(loop).doOnNext((views) -> {
			for (Feed feed : chunk.feeds()) {
				T view = views.get(feed.key.orderId());
				if (view != null && !feed.closed) {
					render(page, feed, view, locale, published);
				}
			}
		}).then().onErrorResume((ex) -> {
			// the database is away: the feeds stay as they are until it is back
			logger.warn("Could not read " + orderIds.size() + " orders for live pages, trying again in " + RETRY + ": "
					+ ex.getMessage());
			Mono.delay(RETRY).subscribe((tick) -> {
				chunk.feeds().stream().filter((feed) -> !feed.closed).forEach(this.dirty::add);
				render();
			});
			return Mono.empty();
		});
	}

	private <T> void render(LivePage<T> page, Feed feed, T view, Locale locale, long published) {
		List<String> fragments;
		try {
			fragments = page.render(view, locale);
		}
		catch (RuntimeException ex) {
			// a template that cannot render this order fails the same way when tried
			// again
			logger.error("Could not render the live page of order " + feed.key.orderId(), ex);
			return;
		}
		// counted before the streams are handed the frames, so a reader that has seen a
		// frame also sees its render counted
		this.renders.incrementAndGet();
		feed.update(page.eventName(), Math.min(page.lastEventId(view), published), fragments);
	}

	private void tick() {
		long now = System.nanoTime();
		this.revoked.values().removeIf((revocation) -> now - revocation.at() > KEEP_REVOKED_NANOS);
		for (List<Feed> feeds : this.byOrder.values()) {
			for (Feed feed : feeds) {
				Rendered rendered = feed.current;
				if (rendered != null && now - rendered.at > KEEP_RENDERED_NANOS) {
					rendered.forget();
				}
				feed.streams.forEach(Stream::heartbeat);
			}
		}
	}

	@Override
	public void start() {
		this.ticking = Flux.interval(SseSupport.HEARTBEAT, Schedulers.parallel())
			.subscribe((tick) -> tick(), (ex) -> logger.error("Live page heartbeats stopped", ex));
	}

	@Override
	public void stop() {
		Disposable ticks = this.ticking;
		this.ticking = null;
		if (ticks != null) {
			ticks.dispose();
		}
	}

	@Override
	public boolean isRunning() {
		return this.ticking != null;
	}

	/** Stays running when a test context is paused, as the event listener does. */
	@Override
	public boolean isPauseable() {
		return false;
	}

	private static byte[] randomBytes() {
		byte[] bytes = new byte[16];
		new SecureRandom().nextBytes(bytes);
		return bytes;
	}

	/**
	 * A fast 64-bit digest of a fragment, to tell whether it changed without keeping it.
	 */
	static long digest(String text) {
		long hash = 0xcbf29ce484222325L;
		for (int i = 0; i < text.length(); i++) {
			hash ^= text.charAt(i);
			hash *= 0x100000001b3L;
		}
		return hash ^ ((long) text.length() << 32) ^ text.hashCode();
	}

	private record FeedKey(LivePage<?> page, long orderId, Locale locale) {
	}

	private record GroupKey(LivePage<?> page, Locale locale) {
	}

	private record Chunk(GroupKey group, List<Feed> feeds) {
	}

	private record Revocation(int linkRevision, long at) {
	}

	/** The streams of one order, page and locale, and the fragments last rendered. */
	private final class Feed {

		private final FeedKey key;

		private final Set<Stream> streams = ConcurrentHashMap.newKeySet();

		private volatile @Nullable Rendered current;

		private volatile boolean closed;

		private Feed(FeedKey key) {
			this.key = key;
		}

		/** Only the render pass calls this, for one feed at a time. */
		private void update(String eventName, long lastEventId, List<String> fragments) {
			Rendered previous = this.current;
			long id = (previous != null) ? Math.max(previous.id, lastEventId) : lastEventId;
			Rendered rendered = new Rendered(eventName, id, (previous != null) ? previous.version + 1 : 0, fragments,
					previous);
			this.current = rendered;
			this.streams.forEach(Stream::drain);
		}

	}

	/**
	 * One rendering of a feed: its fragments as {@code data:} lines, their digests, and
	 * the frames made from them, encoded once.
	 */
	private static final class Rendered {

		private final String eventName;

		private final long id;

		private final int version;

		private final long[] digests;

		private final long at = System.nanoTime();

		/** The version {@link #delta} goes from, -1 for none. */
		private final int baseVersion;

		private volatile @Nullable List<String> dataLines;

		private volatile @Nullable Frame delta;

		private volatile @Nullable Frame full;

		private volatile byte @Nullable [] idOnly;

		private Rendered(String eventName, long id, int version, List<String> fragments, @Nullable Rendered previous) {
			this.eventName = eventName;
			this.id = id;
			this.version = version;
			List<String> lines = new ArrayList<>(fragments.size());
			this.digests = new long[fragments.size()];
			for (int i = 0; i < fragments.size(); i++) {
				String data = "data:" + LINE_BREAK.matcher(fragments.get(i)).replaceAll("\ndata:") + "\n";
				lines.add(data);
				this.digests[i] = digest(data);
			}
			this.dataLines = lines;
			this.baseVersion = (previous != null) ? previous.version : -1;
			this.delta = (previous != null) ? frame(previous) : null;
		}

		/**
		 * The frame that brings a browser from a rendering it was sent to this one.
		 * @param sent what it was sent, or {@code null} for everything
		 * @return the frame, {@link Frame#NOTHING} when nothing changed, or {@code null}
		 * when the text is forgotten and must be rendered again
		 */
		@Nullable Frame frame(@Nullable Rendered sent) {
			if (sent != null && sent.version == this.baseVersion) {
				Frame known = this.delta;
				if (known != null) {
					return known;
				}
			}
			if (sent == null) {
				Frame known = this.full;
				if (known != null) {
					return known;
				}
			}
			List<String> lines = this.dataLines;
			if (lines == null) {
				return null;
			}
			StringBuilder text = new StringBuilder(256).append("id:")
				.append(this.id)
				.append("\nevent:")
				.append(this.eventName)
				.append('\n');
			boolean changed = false;
			for (int i = 0; i < lines.size(); i++) {
				if (sent == null || sent.digests.length != this.digests.length || sent.digests[i] != this.digests[i]) {
					text.append(lines.get(i));
					changed = true;
				}
			}
			if (!changed) {
				return Frame.NOTHING;
			}
			Frame frame = Frame.of(text.append('\n').toString());
			if (sent == null) {
				this.full = frame;
			}
			return frame;
		}

		/**
		 * The frame that tells a browser this rendering's id and nothing else, for one
		 * that has its fragments already: its event comes with empty data, which changes
		 * nothing on the page but reaches the page's script, which keeps the id to
		 * reconnect with (a frame without data would set only the EventSource's own last
		 * event id, which a new EventSource does not send).
		 * @return the frame's bytes, shared by every stream
		 */
		byte[] idOnly() {
			byte[] known = this.idOnly;
			if (known == null) {
				known = ("id:" + this.id + "\nevent:" + this.eventName + "\ndata:\n\n")
					.getBytes(StandardCharsets.UTF_8);
				this.idOnly = known;
			}
			return known;
		}

		private void forget() {
			this.dataLines = null;
			this.delta = null;
			this.full = null;
		}

	}

	/**
	 * An encoded frame, in parts between which a stream puts its CSRF token.
	 */
	private record Frame(byte[][] parts) {

		static final Frame NOTHING = new Frame(new byte[0][]);

		static Frame of(String text) {
			String[] parts = PLACEHOLDER.split(text, -1);
			byte[][] encoded = new byte[parts.length][];
			for (int i = 0; i < parts.length; i++) {
				encoded[i] = parts[i].getBytes(StandardCharsets.UTF_8);
			}
			return new Frame(encoded);
		}

		DataBuffer buffer(DataBufferFactory factory, byte[] token) {
			if (this.parts.length == 1) {
				return factory.wrap(this.parts[0]);
			}
			List<DataBuffer> buffers = new ArrayList<>(this.parts.length * 2 - 1);
			for (int i = 0; i < this.parts.length; i++) {
				if (i > 0) {
					buffers.add(factory.wrap(token));
				}
				buffers.add(factory.wrap(this.parts[i]));
			}
			return factory.join(buffers);
		}

	}

	/**
	 * One browser's stream: what it was last sent, and nothing else. Emits at most what
	 * is requested, and when it may emit, the newest rendering: there is no queue.
	 */
	private final class Stream implements Publisher<Publisher<DataBuffer>>, Subscription {

		private static final AtomicLongFieldUpdater<Stream> REQUESTED = AtomicLongFieldUpdater.newUpdater(Stream.class,
				"requested");

		private static final AtomicIntegerFieldUpdater<Stream> WIP = AtomicIntegerFieldUpdater.newUpdater(Stream.class,
				"wip");

		private final FeedKey key;

		private final long afterId;

		private final byte[] token;

		private final int linkRevision;

		private final DataBufferFactory buffers;

		private volatile @Nullable Subscriber<? super Publisher<DataBuffer>> actual;

		private volatile @Nullable Feed feed;

		private @Nullable Rendered sent;

		private boolean opening = true;

		private volatile boolean heartbeatDue;

		private volatile boolean done;

		private volatile boolean cancelled;

		private final boolean needsAll;

		/**
		 * The newest event id this browser has: the one it opened with, or sent since.
		 */
		private long sentId;

		private volatile long requested;

		private volatile int wip;

		private Stream(FeedKey key, long afterId, boolean needsAll, byte[] token, int linkRevision,
				DataBufferFactory buffers) {
			this.key = key;
			this.afterId = afterId;
			this.sentId = afterId;
			this.needsAll = needsAll;
			this.token = token;
			this.linkRevision = linkRevision;
			this.buffers = buffers;
		}

		@Override
		public void subscribe(Subscriber<? super Publisher<DataBuffer>> subscriber) {
			if (this.actual != null) {
				Operators.error(subscriber, new IllegalStateException("A live stream has one subscriber"));
				return;
			}
			this.actual = subscriber;
			subscriber.onSubscribe(this);
			Feed joined = join(this);
			this.feed = joined;
			if (this.cancelled) {
				leave(joined, this);
				return;
			}
			// joined before the check: a revocation published meanwhile either saw this
			// stream in its feed or is seen here
			if (LivePages.this.hub.isClosed() || revokedBefore(this)) {
				complete();
			}
			if (this.needsAll && joined.current == null) {
				renderLater(joined);
			}
			drain();
		}

		@Override
		public void request(long n) {
			if (Operators.validate(n)) {
				Operators.addCap(REQUESTED, this, n);
				drain();
			}
		}

		@Override
		public void cancel() {
			this.cancelled = true;
			Feed joined = this.feed;
			if (joined != null) {
				leave(joined, this);
			}
		}

		private void heartbeat() {
			this.heartbeatDue = true;
			drain();
		}

		private void complete() {
			this.done = true;
			drain();
		}

		private void drain() {
			if (WIP.getAndIncrement(this) != 0) {
				return;
			}
			int missed = 1;
			do {
				Subscriber<? super Publisher<DataBuffer>> subscriber = this.actual;
				Feed joined = this.feed;
				if (subscriber != null && joined != null && !this.cancelled) {
					if (this.done) {
						this.cancelled = true;
						leave(joined, this);
						subscriber.onComplete();
					}
					else {
						while (this.requested > 0 && !this.cancelled) {
							DataBuffer next = next(joined);
							if (next == null) {
								break;
							}
							REQUESTED.decrementAndGet(this);
							subscriber.onNext(Mono.just(next));
						}
					}
				}
				missed = WIP.addAndGet(this, -missed);
			}
			while (missed != 0);
		}

		private @Nullable DataBuffer next(Feed joined) {
			if (this.opening) {
				this.opening = false;
				return this.buffers.wrap(OPEN);
			}
			Rendered now = joined.current;
			// A browser is sent every fragment the first time, since its page may be
			// older
			// than a rendering it was never sent; then what changed since the last
			if (now != null && now != this.sent && (this.sent != null || now.id > this.afterId)) {
				Frame frame = now.frame(this.sent);
				if (frame == null) {
					renderLater(joined);
				}
				else {
					this.sent = now;
					this.heartbeatDue = false;
					boolean newer = now.id > this.sentId;
					this.sentId = Math.max(this.sentId, now.id);
					if (frame != Frame.NOTHING) {
						return frame.buffer(this.buffers, this.token);
					}
					if (newer) {
						// the page already shows this event (it was read before its
						// notification came): the browser is told the id alone, so that
						// its reconnect does not ask for the fragments again
						return this.buffers.wrap(now.idOnly());
					}
				}
			}
			if (this.heartbeatDue) {
				this.heartbeatDue = false;
				return this.buffers.wrap(HEARTBEAT);
			}
			return null;
		}

	}

}
