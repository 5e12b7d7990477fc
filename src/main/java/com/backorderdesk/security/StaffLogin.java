package com.backorderdesk.security;

import java.net.URI;

import reactor.core.publisher.Mono;

import org.springframework.http.HttpMethod;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.web.server.WebFilterExchange;
import org.springframework.security.web.server.authentication.AuthenticationWebFilter;
import org.springframework.security.web.server.authentication.RedirectServerAuthenticationSuccessHandler;
import org.springframework.security.web.server.context.WebSessionServerSecurityContextRepository;
import org.springframework.security.web.server.savedrequest.ServerRequestCache;
import org.springframework.security.web.server.util.matcher.ServerWebExchangeMatchers;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;

/**
 * The staff login form's POST: Spring Security's form login, told who tries from where
 * (the client address and the browser's trusted-device cookie) so that
 * {@link LoginThrottle} can slow guessers without slowing the real user.
 */
@Component
class StaffLogin {

	static final String PAGE = "/staff/login";

	private final StaffAuthenticationManager manager;

	private final TrustedDevices devices;

	StaffLogin(StaffAuthenticationManager manager, TrustedDevices devices) {
		this.manager = manager;
		this.devices = devices;
	}

	/**
	 * The filter that checks the login form.
	 * @param requestCache where the page asked for before the login is remembered
	 * @return the filter
	 */
	AuthenticationWebFilter filter(ServerRequestCache requestCache) {
		AuthenticationWebFilter filter = new AuthenticationWebFilter(this.manager);
		filter.setRequiresAuthenticationMatcher(ServerWebExchangeMatchers.pathMatchers(HttpMethod.POST, PAGE));
		filter.setServerAuthenticationConverter(this::attempt);
		// the session gets a new id at login, so an id planted before is worthless
		filter.setSecurityContextRepository(new WebSessionServerSecurityContextRepository());
		RedirectServerAuthenticationSuccessHandler redirect = new RedirectServerAuthenticationSuccessHandler("/staff");
		redirect.setRequestCache(requestCache);
		filter.setAuthenticationSuccessHandler((exchange, authentication) -> trust(exchange, authentication)
			.then(redirect.onAuthenticationSuccess(exchange, authentication)));
		filter.setAuthenticationFailureHandler(StaffSecurity::loginFailed);
		return filter;
	}

	private Mono<Authentication> attempt(ServerWebExchange exchange) {
		return exchange.getFormData().flatMap((form) -> {
			String username = (form.getFirst("username") != null) ? form.getFirst("username") : "";
			String password = (form.getFirst("password") != null) ? form.getFirst("password") : "";
			String client = ClientAddress.of(exchange);
			return this.devices.deviceOf(exchange, username)
				.map((device) -> LoginAttempt.of(username, client, device))
				.defaultIfEmpty(LoginAttempt.of(username, client, null))
				.map((attempt) -> {
					UsernamePasswordAuthenticationToken token = UsernamePasswordAuthenticationToken
						.unauthenticated(attempt.username(), password);
					token.setDetails(attempt);
					return token;
				});
		});
	}

	private Mono<Void> trust(WebFilterExchange exchange, Authentication authentication) {
		if (authentication.getDetails() instanceof LoginAttempt attempt) {
			return this.devices.trust(exchange.getExchange(), attempt);
		}
		return Mono.empty();
	}

	static URI page(String query) {
		return URI.create(PAGE + "?" + query);
	}

}
