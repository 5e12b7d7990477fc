package com.backorderdesk.customer;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.LongAdder;
import java.util.regex.Pattern;

import com.github.benmanes.caffeine.cache.AsyncCache;
import com.github.benmanes.caffeine.cache.Caffeine;
import org.jspecify.annotations.Nullable;
import org.thymeleaf.context.WebExpressionContext;
import org.thymeleaf.spring6.ISpringWebFluxTemplateEngine;
import org.thymeleaf.spring6.context.webflux.SpringWebFluxThymeleafRequestContext;
import org.thymeleaf.spring6.expression.ThymeleafEvaluationContext;
import org.thymeleaf.spring6.naming.SpringContextVariableNames;
import org.thymeleaf.spring6.web.webflux.SpringWebFluxWebApplication;
import reactor.core.publisher.Mono;

import com.backorderdesk.orders.OrderService;
import com.backorderdesk.orders.OrderStamp;
import com.backorderdesk.security.OrderAccess;
import com.backorderdesk.timeline.EventLoops;
import com.backorderdesk.timeline.LivePages;
import org.springframework.context.ApplicationContext;
import org.springframework.core.ReactiveAdapterRegistry;
import org.springframework.core.convert.ConversionService;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DataBufferFactory;
import org.springframework.http.HttpCookie;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.server.reactive.ServerHttpResponse;
import org.springframework.security.web.reactive.result.view.CsrfRequestDataValueProcessor;
import org.springframework.security.web.server.csrf.CsrfToken;
import org.springframework.stereotype.Component;
import org.springframework.web.reactive.result.view.RequestContext;
import org.springframework.web.reactive.result.view.RequestDataValueProcessor;
import org.springframework.web.server.ServerWebExchange;

/**
 * The order page, rendered once per order, locale and newest event, and written to each
 * request with that browser's own CSRF token.
 *
 * <p>
 * An order page changes only when the order gets an event or one of its products changes
 * (a name, a price), so the rendered page is kept (a bounded cache) under the id of the
 * order's newest event, as read before the order itself, and its products' last change,
 * and a request costs one small query (the order's stamp, which also checks access) and a
 * copy of the page. The page is rendered with a placeholder where forms carry the CSRF
 * token, which each response replaces with its own masked token. A page that says
 * something about one request only (a notice after a form, a choice picked out by an
 * e-mail's link) is rendered for that request alone.
 *
 * <p>
 * Responses are private: shared caches keep none, and a browser revalidates each time
 * ({@code ETag} of the order's newest event, the locale and the browser's access cookie,
 * which the CSRF token derives from, so a {@code 304} never keeps a stale token).
 */
@Component
class RenderedOrderPages {

	private static final String TEMPLATE = "customer/order";

	private static final MediaType HTML = new MediaType(MediaType.TEXT_HTML, StandardCharsets.UTF_8);

	private static final String CACHE_CONTROL = "private, no-cache";

	private static final String VARY = HttpHeaders.COOKIE + ", " + HttpHeaders.ACCEPT_LANGUAGE;

	private static final Pattern PLACEHOLDER = Pattern.compile(Pattern.quote(LivePages.CSRF_PLACEHOLDER));

	/**
	 * Distinguishes this instance's pages, so a new build never answers 304 to an old
	 * page.
	 */
	private static final String GENERATION = Long.toHexString(new SecureRandom().nextLong());

	private static final RequestDataValueProcessor PLACEHOLDER_FIELDS = new PlaceholderFields();

	private final OrderService orders;

	private final OrderPage page;

	private final ISpringWebFluxTemplateEngine templates;

	private final ApplicationContext context;

	private final EventLoops loops;

	private final SpringWebFluxWebApplication application = SpringWebFluxWebApplication
		.buildApplication(ReactiveAdapterRegistry.getSharedInstance());

	private final LongAdder renders = new LongAdder();

	private final AsyncCache<Key, Rendered> cache = Caffeine.newBuilder()
		.maximumWeight(64L * 1024 * 1024)
		.<Key, Rendered>weigher((key, rendered) -> rendered.size())
		.expireAfterAccess(Duration.ofMinutes(10))
		.buildAsync();

	RenderedOrderPages(OrderService orders, OrderPage page, ISpringWebFluxTemplateEngine templates,
			ApplicationContext context, EventLoops loops) {
		this.orders = orders;
		this.page = page;
		this.templates = templates;
		this.context = context;
		this.loops = loops;
	}

	/**
	 * Writes the order page.
	 * @param exchange the exchange, whose browser may see the order
	 * @param number the order number
	 * @param stamp the order's stamp, read before anything else of the order
	 * @param notice a notice to show ({@code notice.cancelled}), or {@code null}
	 * @param focus a choice to pick out ({@code accept-offer-12}), or {@code null}
	 * @return {@code true} once written; empty without writing when the order is gone
	 */
	Mono<Boolean> write(ServerWebExchange exchange, String number, OrderStamp stamp, @Nullable String notice,
			@Nullable String focus) {
		Locale requested = exchange.getLocaleContext().getLocale();
		Locale locale = (requested != null) ? requested : Locale.ENGLISH;
		Mono<Rendered> rendered;
		String etag = null;
		if (notice == null && focus == null) {
			Key key = new Key(stamp.id(), locale, stamp.lastEventId(), stamp.productsChanged());
			rendered = Mono.fromFuture(
					() -> this.cache.get(key,
							(absent, executor) -> render(exchange, number, stamp, locale, null, null).toFuture()),
					true);
			etag = etag(exchange, key);
		}
		else {
			rendered = render(exchange, number, stamp, locale, notice, focus);
		}
		String tag = etag;
		return rendered.publishOn(this.loops.of(exchange))
			.zipWith(token(exchange))
			.flatMap((ready) -> respond(exchange, ready.getT1(), ready.getT2(), locale, tag).thenReturn(true));
	}

	private Mono<Void> respond(ServerWebExchange exchange, Rendered rendered, String token, Locale locale,
			@Nullable String etag) {
		ServerHttpResponse response = exchange.getResponse();
		HttpHeaders headers = response.getHeaders();
		headers.set(HttpHeaders.CACHE_CONTROL, CACHE_CONTROL);
		headers.set(HttpHeaders.VARY, VARY);
		headers.setContentLanguage(locale);
		if (etag != null && exchange.checkNotModified(etag)) {
			return response.setComplete();
		}
		headers.setContentType(HTML);
		return response.writeWith(Mono.just(rendered.buffer(response.bufferFactory(), token)));
	}

	private static Mono<String> token(ServerWebExchange exchange) {
		Mono<CsrfToken> csrf = exchange.getAttributeOrDefault(CsrfToken.class.getName(), Mono.<CsrfToken>empty());
		return csrf.map(CsrfToken::getToken).defaultIfEmpty("");
	}

	private Mono<Rendered> render(ServerWebExchange exchange, String number, OrderStamp stamp, Locale locale,
			@Nullable String notice, @Nullable String focus) {
		return this.orders.find(number)
			.filter((order) -> order.id() == stamp.id())
			.flatMap((order) -> this.page.build(order, locale))
			.publishOn(this.loops.of(exchange))
			.map((view) -> render(exchange, view, stamp.lastEventId(), locale, notice, focus));
	}

	/** How many times a page was rendered since start, for tests. */
	long renders() {
		return this.renders.sum();
	}

	private Rendered render(ServerWebExchange exchange, OrderPageView view, long lastEventId, Locale locale,
			@Nullable String notice, @Nullable String focus) {
		this.renders.increment();
		Map<String, Object> model = new HashMap<>();
		model.put("order", view);
		// the live stream continues after the event read before the order, never after
		// one read with the timeline that the lines may not show yet
		model.put("lastEventId", Math.min(lastEventId, view.lastEventId()));
		if (notice != null) {
			model.put("notice", notice);
		}
		if (focus != null) {
			model.put("focus", focus);
		}
		model.put(CsrfRequestDataValueProcessor.DEFAULT_CSRF_ATTR_NAME, LiveOrderPage.PLACEHOLDER);
		// what Thymeleaf's reactive view puts in the model for Spring's dialect
		RequestContext request = new RequestContext(exchange, model, this.context, PLACEHOLDER_FIELDS);
		model.put(SpringContextVariableNames.SPRING_REQUEST_CONTEXT, request);
		model.put(SpringContextVariableNames.THYMELEAF_REQUEST_CONTEXT,
				new SpringWebFluxThymeleafRequestContext(request, exchange));
		model.put(ThymeleafEvaluationContext.THYMELEAF_EVALUATION_CONTEXT_CONTEXT_VARIABLE_NAME,
				new ThymeleafEvaluationContext(this.context, conversions()));
		WebExpressionContext context = new WebExpressionContext(this.templates.getConfiguration(),
				this.application.buildExchange(exchange, locale, HTML, StandardCharsets.UTF_8), locale, model);
		return Rendered.of(this.templates.process(TEMPLATE, context));
	}

	private @Nullable ConversionService conversions() {
		return this.context.containsBean("webFluxConversionService")
				? this.context.getBean("webFluxConversionService", ConversionService.class) : null;
	}

	/**
	 * A weak tag for one browser's view of one rendering: what the page shows (order,
	 * newest event, locale) and what its forms carry (the token derives from the access
	 * cookie).
	 */
	private static String etag(ServerWebExchange exchange, Key key) {
		HttpCookie cookie = exchange.getRequest().getCookies().getFirst(OrderAccess.COOKIE);
		String seed = GENERATION + '|' + key.orderId() + '|' + key.locale() + '|' + key.productsChanged() + '|'
				+ ((cookie != null) ? cookie.getValue() : "");
		try {
			byte[] digest = MessageDigest.getInstance("SHA-256").digest(seed.getBytes(StandardCharsets.UTF_8));
			return "W/\"" + key.lastEventId() + "-"
					+ Base64.getUrlEncoder().withoutPadding().encodeToString(digest).substring(0, 22) + "\"";
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private record Key(long orderId, Locale locale, long lastEventId, long productsChanged) {
	}

	/** A rendered page in UTF-8, in parts between which each response puts its token. */
	private record Rendered(List<byte[]> parts, int size) {

		static Rendered of(String html) {
			List<byte[]> parts = new ArrayList<>();
			int size = 0;
			for (String part : PLACEHOLDER.split(html, -1)) {
				byte[] bytes = part.getBytes(StandardCharsets.UTF_8);
				parts.add(bytes);
				size += bytes.length;
			}
			return new Rendered(List.copyOf(parts), size);
		}

		DataBuffer buffer(DataBufferFactory factory, String token) {
			byte[] tokenBytes = token.getBytes(StandardCharsets.UTF_8);
			DataBuffer buffer = factory.allocateBuffer(this.size + tokenBytes.length * (this.parts.size() - 1));
			for (int i = 0; i < this.parts.size(); i++) {
				if (i > 0) {
					buffer.write(tokenBytes);
				}
				buffer.write(this.parts.get(i));
			}
			return buffer;
		}

	}

	/**
	 * Gives {@code th:action} forms the placeholder token, as Spring Security's processor
	 * gives them the request's token: on every form but those sent with GET.
	 */
	private static final class PlaceholderFields implements RequestDataValueProcessor {

		private static final String NO_TOKEN = PlaceholderFields.class.getName() + ".NO_TOKEN";

		@Override
		public String processAction(ServerWebExchange exchange, String action, @Nullable String httpMethod) {
			if (httpMethod != null && httpMethod.equalsIgnoreCase("get")) {
				exchange.getAttributes().put(NO_TOKEN, Boolean.TRUE);
			}
			else {
				exchange.getAttributes().remove(NO_TOKEN);
			}
			return action;
		}

		@Override
		public String processFormFieldValue(ServerWebExchange exchange, @Nullable String name, String value,
				@Nullable String type) {
			return value;
		}

		@Override
		public Map<String, String> getExtraHiddenFields(ServerWebExchange exchange) {
			if (exchange.getAttributes().remove(NO_TOKEN) != null) {
				return Map.of();
			}
			return Map.of(LiveOrderPage.PLACEHOLDER.getParameterName(), LiveOrderPage.PLACEHOLDER.getToken());
		}

		@Override
		public String processUrl(ServerWebExchange exchange, String url) {
			return url;
		}

	}

}
