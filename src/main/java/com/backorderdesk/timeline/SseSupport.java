package com.backorderdesk.timeline;

import java.time.Duration;
import java.util.function.Function;

import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.springframework.http.HttpHeaders;
import org.springframework.http.InvalidMediaTypeException;
import org.springframework.http.MediaType;
import org.springframework.http.codec.ServerSentEvent;
import org.springframework.util.Assert;

/**
 * Turns order events into a server-sent event stream for a controller to return.
 *
 * <p>
 * Each event carries its id, so a reconnecting browser sends it back as
 * {@code Last-Event-ID} and can be given {@link OrderEventStream#follow(long, long)} from
 * there. Heartbeat comments keep proxies and load balancers, which commonly drop a
 * connection after 30 to 60 idle seconds, from closing a quiet stream, and reveal a
 * client that has gone: the failed write cancels the stream, which releases its
 * subscription. {@link EventStreamResponses} keeps such responses out of caches, proxy
 * buffers and compression.
 */
public final class SseSupport {

	/** The default time between heartbeats. */
	public static final Duration HEARTBEAT = Duration.ofSeconds(15);

	private static final Duration MAX_HEARTBEAT = Duration.ofSeconds(20);

	private SseSupport() {
	}

	/**
	 * Streams events with a heartbeat every {@link #HEARTBEAT}.
	 * @param events the events, for example {@link OrderEventStream#follow(long, long)}
	 * @param render renders an event as the data to send (an HTML fragment)
	 * @return the stream
	 */
	public static Flux<ServerSentEvent<String>> stream(Flux<OrderEvent> events,
			Function<OrderEvent, Mono<String>> render) {
		return stream(events, render, HEARTBEAT);
	}

	/**
	 * Streams events: each one's id, its type as the event name and its rendered data, in
	 * order, with a heartbeat comment in between. The stream ends when the events end.
	 * @param events the events, for example {@link OrderEventStream#follow(long, long)}
	 * @param render renders an event as the data to send (an HTML fragment)
	 * @param heartbeat the time between heartbeats, at most 20 seconds
	 * @return the stream
	 */
	public static Flux<ServerSentEvent<String>> stream(Flux<OrderEvent> events,
			Function<OrderEvent, Mono<String>> render, Duration heartbeat) {
		Assert.isTrue(!heartbeat.isNegative() && !heartbeat.isZero() && heartbeat.compareTo(MAX_HEARTBEAT) <= 0,
				() -> "Heartbeat must be positive and at most " + MAX_HEARTBEAT + " but was " + heartbeat);
		Flux<ServerSentEvent<String>> rendered = events.concatMap((event) -> render.apply(event)
			.map((data) -> ServerSentEvent.builder(data).id(Long.toString(event.id())).event(event.type()).build()));
		Flux<ServerSentEvent<String>> heartbeats = Flux.interval(heartbeat, heartbeat)
			.map((tick) -> ServerSentEvent.<String>builder().comment("heartbeat").build());
		return rendered.publish((shared) -> Flux.merge(shared, heartbeats.takeUntilOther(shared.then())));
	}

	/**
	 * Sends a first comment at once, so the response's headers go out when the stream is
	 * opened rather than with its first event or heartbeat: a reconnecting page learns
	 * straight away that it is connected again.
	 * @param stream the stream, for example one from {@link #stream(Flux, Function)}
	 * @return the stream with an opening comment
	 */
	public static Flux<ServerSentEvent<String>> opened(Flux<ServerSentEvent<String>> stream) {
		return stream.startWith(ServerSentEvent.<String>builder().comment("open").build());
	}

	/**
	 * Whether a request asks for an event stream, as a browser's {@code EventSource}
	 * does: its {@code Accept} header lists {@code text/event-stream}, with or without
	 * parameters. A header that cannot be read asks for nothing (the request is then
	 * answered as any other, never with a server error).
	 * @param headers the request's headers
	 * @return {@code true} when the request asks for an event stream
	 */
	public static boolean asksForEventStream(HttpHeaders headers) {
		try {
			return headers.getAccept().stream().anyMatch(MediaType.TEXT_EVENT_STREAM::equalsTypeAndSubtype);
		}
		catch (InvalidMediaTypeException ex) {
			return false;
		}
	}

	/**
	 * The id after which to send an order's events: the browser's {@code Last-Event-ID}
	 * when it reconnects, else the id the page was rendered at (a query parameter on
	 * first connect).
	 * @param header the {@code Last-Event-ID} header, if any
	 * @param parameter the id the page was rendered at, if any
	 * @return the id, or -1 to start from now
	 */
	public static long afterId(@Nullable String header, @Nullable String parameter) {
		String value = (header != null && !header.isBlank()) ? header : parameter;
		if (value == null || value.isBlank()) {
			return -1;
		}
		try {
			return Math.max(0, Long.parseLong(value.strip()));
		}
		catch (NumberFormatException ex) {
			return -1;
		}
	}

}
