package com.backorderdesk.web;

import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import reactor.core.publisher.Mono;

import com.backorderdesk.timeline.SseSupport;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.webflux.error.ErrorWebExceptionHandler;
import org.springframework.core.codec.DecodingException;
import org.springframework.core.io.buffer.DataBufferLimitException;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.codec.HttpMessageWriter;
import org.springframework.http.codec.ServerCodecConfigurer;
import org.springframework.http.server.reactive.ServerHttpResponse;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.web.server.context.WebSessionServerSecurityContextRepository;
import org.springframework.security.web.server.csrf.CsrfException;
import org.springframework.stereotype.Component;
import org.springframework.web.ErrorResponse;
import org.springframework.web.reactive.function.server.ServerResponse;
import org.springframework.web.reactive.result.view.ViewResolver;
import org.springframework.web.server.ServerWebExchange;

/**
 * The error pages people see: every failure outside the API (which answers RFC 9457
 * problem details, {@code api.ApiErrorHandler}) becomes a page in its portal's layout
 * that says what happened in words and offers a way on: the order lookup for customers,
 * the staff home for staff. One template per portal ({@code error/page},
 * {@code staff/error}) words 400, 403, 404, 410, 429, 500 and 503 (the "back in a moment"
 * of a database outage, {@link DatabaseUnavailable}). The page is HTML whatever the
 * request accepts, except for an event stream, whose script retries and gets a bare
 * status. Replaces Spring Boot's handler (its whitelabel page and JSON body).
 */
@Component
@Order(-1)
class ErrorPages implements ErrorWebExceptionHandler {

	private static final Log logger = LogFactory.getLog(ErrorPages.class);

	/** The statuses with words of their own; any other is worded as its family's. */
	private static final Set<Integer> WORDED = Set.of(400, 403, 404, 410, 429, 500, 503);

	private final List<HttpMessageWriter<?>> writers;

	private final ObjectProvider<ViewResolver> viewResolvers;

	ErrorPages(ServerCodecConfigurer codecs, ObjectProvider<ViewResolver> viewResolvers) {
		this.writers = codecs.getWriters();
		this.viewResolvers = viewResolvers;
	}

	@Override
	public Mono<Void> handle(ServerWebExchange exchange, Throwable ex) {
		ServerHttpResponse response = exchange.getResponse();
		if (response.isCommitted()) {
			return Mono.error(ex);
		}
		HttpStatusCode status = status(ex);
		String path = exchange.getRequest().getPath().pathWithinApplication().value();
		if (status.is5xxServerError() && status.value() != HttpStatus.SERVICE_UNAVAILABLE.value()) {
			logger.error("Answered " + status.value() + " to " + exchange.getRequest().getMethod() + " " + path, ex);
		}
		else if (logger.isDebugEnabled()) {
			logger.debug("Answered " + status.value() + " to " + path + ": " + ex.getMessage());
		}
		if (ex instanceof ErrorResponse error) {
			// Allow for a 405, Accept-Post for a 415: what the client needs to do better
			error.getHeaders().forEach((name, values) -> response.getHeaders().put(name, values));
		}
		if (SseSupport.asksForEventStream(exchange.getRequest().getHeaders())) {
			response.setStatusCode(status);
			response.getHeaders().setContentType(MediaType.TEXT_PLAIN);
			byte[] body = (status.value() + "\n").getBytes(StandardCharsets.UTF_8);
			return response.writeWith(Mono.just(response.bufferFactory().wrap(body)));
		}
		// the staff layout reads the staff session, which lives in the database: during
		// an
		// outage the staff get the plain "back in a moment" page
		boolean staff = (path.equals("/staff") || path.startsWith("/staff/"))
				&& status.value() != HttpStatus.SERVICE_UNAVAILABLE.value();
		Map<String, Object> model = new HashMap<>();
		model.put("status", status.value());
		model.put("kind", kind(status));
		// a form's CSRF token was missing or stale: say so, rather than "not open to you"
		model.put("formExpired", ex.getCause() instanceof CsrfException);
		response.getHeaders().remove(HttpHeaders.CONTENT_LENGTH);
		return (staff ? signedIn(exchange).doOnNext((member) -> model.put("staff", member)).then() : Mono.<Void>empty())
			.then(Mono.defer(() -> ServerResponse.status(status)
				.contentType(MediaType.TEXT_HTML)
				.render(staff ? "staff/error" : "error/page", model)))
			.flatMap((page) -> page.writeTo(exchange, new Context()));
	}

	/**
	 * The member of staff signed in to the request's session, for the staff menu on the
	 * error page (an error page is rendered outside the security chain, so its context is
	 * read from the session it stored); empty when nobody is, or the session cannot be
	 * read.
	 */
	private static Mono<Object> signedIn(ServerWebExchange exchange) {
		return exchange.getSession()
			.mapNotNull((session) -> session.<SecurityContext>getAttribute(
					WebSessionServerSecurityContextRepository.DEFAULT_SPRING_SECURITY_CONTEXT_ATTR_NAME))
			.mapNotNull(SecurityContext::getAuthentication)
			.mapNotNull(Authentication::getPrincipal)
			.onErrorResume((ex) -> Mono.empty());
	}

	private static HttpStatusCode status(Throwable ex) {
		if (ex instanceof ErrorResponse error) {
			return error.getStatusCode();
		}
		if (ex instanceof DecodingException) {
			// a body that says it is a form or multipart but is not (no boundary, cut
			// short): the CSRF filter and the form readers meet it before any controller
			// could turn it into a 400
			return HttpStatus.BAD_REQUEST;
		}
		if (ex instanceof DataBufferLimitException) {
			// a form body larger than the form reader buffers (256 KB, WebFlux's
			// maxInMemorySize), met by the CSRF filter or the lookup before any
			// controller: the API answers the same 413 for a JSON body
			return HttpStatus.CONTENT_TOO_LARGE;
		}
		return HttpStatus.INTERNAL_SERVER_ERROR;
	}

	/** Which words the page says: the status's own, or its family's. */
	static String kind(HttpStatusCode status) {
		if (WORDED.contains(status.value())) {
			return Integer.toString(status.value());
		}
		return status.is4xxClientError() ? "400" : "500";
	}

	private final class Context implements ServerResponse.Context {

		@Override
		public List<HttpMessageWriter<?>> messageWriters() {
			return ErrorPages.this.writers;
		}

		@Override
		public List<ViewResolver> viewResolvers() {
			return ErrorPages.this.viewResolvers.orderedStream().toList();
		}

	}

}
