package com.backorderdesk.security;

import reactor.core.publisher.Mono;

import org.springframework.security.web.reactive.result.view.CsrfRequestDataValueProcessor;
import org.springframework.security.web.server.csrf.CsrfToken;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.server.ServerWebExchange;

/**
 * Puts the CSRF token where Thymeleaf's {@code th:action} finds it. WebFlux keeps the
 * token as a lazy {@code Mono}; resolving it before the view renders lets every form get
 * its hidden {@code _csrf} field without the template asking.
 */
@ControllerAdvice
class CsrfTokenAdvice {

	@ModelAttribute(CsrfRequestDataValueProcessor.DEFAULT_CSRF_ATTR_NAME)
	Mono<CsrfToken> csrfToken(ServerWebExchange exchange) {
		Mono<CsrfToken> token = exchange.getAttribute(CsrfToken.class.getName());
		if (token == null) {
			// the API chain has CSRF off: nothing to expose
			return Mono.empty();
		}
		return token.doOnNext((resolved) -> exchange.getAttributes()
			.put(CsrfRequestDataValueProcessor.DEFAULT_CSRF_ATTR_NAME, resolved));
	}

}
