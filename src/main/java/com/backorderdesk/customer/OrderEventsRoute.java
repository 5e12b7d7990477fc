package com.backorderdesk.customer;

import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;

import com.backorderdesk.orders.LineWording;
import com.backorderdesk.security.CustomerStreams;
import com.backorderdesk.timeline.LivePages;
import com.backorderdesk.timeline.SseSupport;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.codec.ServerCodecConfigurer;
import org.springframework.http.server.reactive.HttpHandler;
import org.springframework.http.server.reactive.HttpHandlerDecoratorFactory;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.http.server.reactive.ServerHttpResponse;
import org.springframework.security.web.server.firewall.ServerWebExchangeFirewall;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.adapter.DefaultServerWebExchange;
import org.springframework.web.server.adapter.ForwardedHeaderTransformer;
import org.springframework.web.server.i18n.LocaleContextResolver;
import org.springframework.web.server.session.WebSessionManager;

/**
 * Serves a browser's live order stream ({@code GET /orders/{number}/events}, as its
 * {@code EventSource} asks for it) before the web filters and the handler mapping: a
 * response body that streams for hours keeps every operator it was returned through, so
 * served through the security filter chain, the request's observation and the controller
 * an idle stream held three times the heap of the stream itself. Here it holds the
 * response and its place in the order's shared feed ({@link LivePages}).
 *
 * <p>
 * The checks are those of the page, from the same places: access by the signed
 * {@code ORDER_ACCESS} cookie against the order's link revision
 * ({@link OrderController#granted}, so a revoked link is refused; a stream open when the
 * links are revoked is ended by {@link LivePages}), this browser's CSRF token and the
 * portal's security headers ({@link CustomerStreams}), forwarded headers only from
 * trusted proxies (the application's {@link ForwardedHeaderTransformer}), the security
 * chain's firewall ({@link ServerWebExchangeFirewall}) over the path and the headers
 * read. A request this route does not serve as a stream goes the usual way, through the
 * filter chain to {@link OrderEventsController}: one whose path, query or {@code Accept}
 * header is not what a live page sends, one the firewall refuses (a 400 there), one
 * without access (a 403 there), one whose check failed (a database outage: a 503 there).
 * Streams are not in the {@code http.server.requests} metrics, which time requests that
 * end.
 */
@Component
class OrderEventsRoute implements HttpHandlerDecoratorFactory {

	/** The order numbers a stream is served for here; any other goes the usual way. */
	private static final Pattern PATH = Pattern.compile("/orders/([A-Za-z0-9_-]{1,64})/events");

	/** What the page's script sends: the id the page was rendered at, or nothing. */
	private static final Pattern QUERY = Pattern.compile("lastEventId=([0-9]{1,18})");

	private static final String LAST_EVENT_ID = "Last-Event-ID";

	/** The exchange of an access check has no session: customers have none. */
	private static final WebSessionManager NO_SESSION = (exchange) -> Mono
		.error(() -> new IllegalStateException("A live order stream has no session"));

	private final OrderController orders;

	private final LivePages live;

	private final LiveOrderPage page;

	private final CustomerStreams security;

	private final ForwardedHeaderTransformer proxies;

	private final ServerCodecConfigurer codecs;

	private final LocaleContextResolver locales;

	private final ServerWebExchangeFirewall firewall;

	OrderEventsRoute(OrderController orders, LivePages live, LiveOrderPage page, CustomerStreams security,
			ForwardedHeaderTransformer proxies, ServerCodecConfigurer codecs, LocaleContextResolver locales,
			ServerWebExchangeFirewall firewall) {
		this.orders = orders;
		this.live = live;
		this.page = page;
		this.security = security;
		this.proxies = proxies;
		this.codecs = codecs;
		this.locales = locales;
		this.firewall = firewall;
	}

	@Override
	public HttpHandler apply(HttpHandler chain) {
		return (request, response) -> {
			Matcher path = streamPath(request);
			return (path != null) ? stream(path.group(1), request, response, chain) : chain.handle(request, response);
		};
	}

	/** The path's match when the request is a live page's stream, else {@code null}. */
	private static @Nullable Matcher streamPath(ServerHttpRequest request) {
		if (request.getMethod() != HttpMethod.GET || !SseSupport.asksForEventStream(request.getHeaders())) {
			return null;
		}
		Matcher path = PATH.matcher(request.getURI().getRawPath());
		String query = request.getURI().getRawQuery();
		return (path.matches() && (query == null || query.isEmpty() || QUERY.matcher(query).matches())) ? path : null;
	}

	private Mono<Void> stream(String number, ServerHttpRequest request, ServerHttpResponse response,
			HttpHandler chain) {
		ServerWebExchange exchange;
		try {
			exchange = new DefaultServerWebExchange(this.proxies.apply(request), response, NO_SESSION, this.codecs,
					this.locales);
		}
		catch (RuntimeException ex) {
			// forwarded headers it cannot read: the usual way answers them
			return chain.handle(request, response);
		}
		String query = request.getURI().getRawQuery();
		String parameter = (query != null && !query.isEmpty()) ? query.substring(query.indexOf('=') + 1) : null;
		// the chain's firewall, and the headers read through it as the chain reads
		// them: a request it refuses (a control character in a header) goes the usual
		// way, to its 400
		return this.firewall.getFirewalledExchange(exchange).flatMap((checking) -> {
			HttpHeaders headers = checking.getRequest().getHeaders();
			headers.get(HttpHeaders.ACCEPT);
			long afterId = SseSupport.afterId(headers.getFirst(LAST_EVENT_ID), parameter);
			return this.orders.granted(number, checking)
				.zipWith(this.security.csrfToken(checking).map(Optional::of).defaultIfEmpty(Optional.empty()))
				.map((granted) -> {
					// the stream's own headers first, which the portal's then keep, as
					// on the chain's way
					LivePages.streamHeaders(response);
					this.security.writeHeaders(checking);
					// the order's language, once access made it the request's
					return new Checked(granted.getT1().id(), granted.getT1().lastEventId(),
							LineWording.orEnglish(checking.getLocaleContext().getLocale()), afterId,
							granted.getT2().orElse(null), granted.getT1().linkRevision());
				});
		})
			.map(Optional::of)
			.defaultIfEmpty(Optional.empty())
			.onErrorReturn(Optional.empty())
			// the stream keeps nothing of how access was checked
			.onTerminateDetach()
			.flatMap((checked) -> checked.isPresent() ? this.live.stream(response, this.page, checked.get().orderId(),
					checked.get().locale(), checked.get().afterId(), checked.get().lastEventId(),
					checked.get().csrfToken(), checked.get().linkRevision()) : chain.handle(request, response));
	}

	private record Checked(long orderId, long lastEventId, Locale locale, long afterId, @Nullable String csrfToken,
			int linkRevision) {
	}

}
