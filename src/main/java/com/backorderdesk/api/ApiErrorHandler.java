package com.backorderdesk.api;

import java.net.URI;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import reactor.core.publisher.Mono;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.server.reactive.ServerHttpResponse;
import org.springframework.stereotype.Component;
import org.springframework.web.ErrorResponse;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebExceptionHandler;

/**
 * Problem details for API errors that happen outside a controller (no route, wrong
 * method, unsupported media type before a handler is chosen), which {@link ApiProblems}
 * never sees. Runs before Spring Boot's error handler, whose body is not RFC 9457.
 */
@Component
@Order(-2)
class ApiErrorHandler implements WebExceptionHandler {

	private static final Log logger = LogFactory.getLog(ApiErrorHandler.class);

	private final JsonMapper json;

	ApiErrorHandler(JsonMapper json) {
		this.json = json;
	}

	@Override
	public Mono<Void> handle(ServerWebExchange exchange, Throwable ex) {
		ServerHttpResponse response = exchange.getResponse();
		if (!exchange.getRequest().getPath().value().startsWith("/api/") || response.isCommitted()) {
			return Mono.error(ex);
		}
		ProblemDetail problem;
		if (ex instanceof ErrorResponse error) {
			problem = error.getBody();
		}
		else {
			logger.error("Unexpected error on " + exchange.getRequest().getPath(), ex);
			problem = ProblemDetail.forStatusAndDetail(HttpStatus.INTERNAL_SERVER_ERROR,
					"Something went wrong on our side; nothing was changed");
		}
		problem.setInstance(URI.create(exchange.getRequest().getPath().value()));
		response.setStatusCode(HttpStatus.valueOf(problem.getStatus()));
		response.getHeaders().setContentType(MediaType.APPLICATION_PROBLEM_JSON);
		byte[] body = this.json.writeValueAsBytes(problem);
		return response.writeWith(Mono.just(response.bufferFactory().wrap(body)));
	}

}
