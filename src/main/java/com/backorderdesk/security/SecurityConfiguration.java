package com.backorderdesk.security;

import reactor.core.publisher.Mono;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.config.annotation.web.reactive.EnableWebFluxSecurity;
import org.springframework.security.config.web.server.SecurityWebFiltersOrder;
import org.springframework.security.config.web.server.ServerHttpSecurity;
import org.springframework.security.web.server.SecurityWebFilterChain;
import org.springframework.security.web.server.authentication.AuthenticationWebFilter;
import org.springframework.security.web.server.authentication.ServerAuthenticationEntryPointFailureHandler;
import org.springframework.security.web.server.context.NoOpServerSecurityContextRepository;
import org.springframework.security.web.server.header.ReferrerPolicyServerHttpHeadersWriter.ReferrerPolicy;
import org.springframework.security.web.server.header.XFrameOptionsServerHttpHeadersWriter.Mode;
import org.springframework.security.web.server.csrf.CsrfWebFilter;
import org.springframework.security.web.server.util.matcher.AndServerWebExchangeMatcher;
import org.springframework.security.web.server.util.matcher.NegatedServerWebExchangeMatcher;
import org.springframework.security.web.server.util.matcher.ServerWebExchangeMatchers;

/**
 * Two filter chains: the stateless API, authenticated by bearer key, and the
 * browser-facing portals, with sessions and CSRF protection.
 */
@Configuration(proxyBeanMethods = false)
@EnableWebFluxSecurity
class SecurityConfiguration {

	private static final String BEARER = "Bearer ";

	/** Our own scripts, styles and endpoints only: no inline script, no third party. */
	private static final String CONTENT_SECURITY_POLICY = "default-src 'self'; script-src 'self'; style-src 'self'; "
			+ "img-src 'self' data:; connect-src 'self'; font-src 'self'; object-src 'none'; base-uri 'none'; "
			+ "form-action 'self'; frame-ancestors 'none'";

	@Bean
	@Order(1)
	SecurityWebFilterChain apiSecurity(ServerHttpSecurity http, ApiSettings settings) {
		ProblemAuthenticationEntryPoint entryPoint = new ProblemAuthenticationEntryPoint();
		AuthenticationWebFilter apiKeys = new AuthenticationWebFilter(new ApiKeyAuthenticationManager(settings));
		apiKeys.setServerAuthenticationConverter((exchange) -> {
			String header = exchange.getRequest().getHeaders().getFirst(HttpHeaders.AUTHORIZATION);
			if (header == null || !header.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
				return Mono.empty();
			}
			String key = header.substring(BEARER.length()).strip();
			return Mono.just(UsernamePasswordAuthenticationToken.unauthenticated("integration", key));
		});
		apiKeys.setAuthenticationFailureHandler(new ServerAuthenticationEntryPointFailureHandler(entryPoint));
		apiKeys.setSecurityContextRepository(NoOpServerSecurityContextRepository.getInstance());
		return http.securityMatcher(ServerWebExchangeMatchers.pathMatchers("/api/**"))
			.authorizeExchange((exchanges) -> exchanges.anyExchange().hasAuthority(ApiKeyAuthenticationManager.ROLE))
			.addFilterAt(apiKeys, SecurityWebFiltersOrder.AUTHENTICATION)
			.exceptionHandling((exceptions) -> exceptions.authenticationEntryPoint(entryPoint))
			.securityContextRepository(NoOpServerSecurityContextRepository.getInstance())
			.csrf(ServerHttpSecurity.CsrfSpec::disable)
			.httpBasic(ServerHttpSecurity.HttpBasicSpec::disable)
			.formLogin(ServerHttpSecurity.FormLoginSpec::disable)
			.logout(ServerHttpSecurity.LogoutSpec::disable)
			.requestCache(ServerHttpSecurity.RequestCacheSpec::disable)
			.build();
	}

	@Bean
	ProblemExchangeRejectedHandler problemExchangeRejectedHandler() {
		return new ProblemExchangeRejectedHandler();
	}

	@Bean
	@Order(2)
	SecurityWebFilterChain webSecurity(ServerHttpSecurity http) {
		return http
			.authorizeExchange((exchanges) -> exchanges
				.pathMatchers("/", "/lookup", "/o/*", "/orders/*", "/orders/*/events", "/orders/*/offers/*/accept",
						"/orders/*/offers/*/decline", "/orders/*/lines/*/cancel", "/orders/*/preferences", "/products",
						"/products/*", "/products/*/notify", "/css/**", "/js/**", "/webjars/**", "/favicon.ico",
						"/actuator/health/**", "/actuator/health", "/error")
				.permitAll()
				// e-mail: answers to delay notices, unsubscribing, and the embedded
				// mode's
				// mailbox (which exists only there)
				.pathMatchers("/orders/*/lines/*/wait", "/unsubscribe/*", "/dev/mailbox", "/dev/mailbox/**")
				.permitAll()
				.anyExchange()
				.denyAll())
			// Customers have no login: order pages check access per order (OrderAccess).
			// One-click unsubscribe (RFC 8058) comes from mail clients without a session:
			// its signed token is the protection, and it can only turn e-mail off.
			.csrf((csrf) -> csrf
				.requireCsrfProtectionMatcher(new AndServerWebExchangeMatcher(CsrfWebFilter.DEFAULT_CSRF_MATCHER,
						new NegatedServerWebExchangeMatcher(
								ServerWebExchangeMatchers.pathMatchers(HttpMethod.POST, "/unsubscribe/*")))))
			.headers((headers) -> headers.contentSecurityPolicy((csp) -> csp.policyDirectives(CONTENT_SECURITY_POLICY))
				.referrerPolicy((referrer) -> referrer.policy(ReferrerPolicy.SAME_ORIGIN))
				.frameOptions((frames) -> frames.mode(Mode.DENY))
				.permissionsPolicy((permissions) -> permissions.policy("camera=(), microphone=(), geolocation=()")))
			.requestCache(ServerHttpSecurity.RequestCacheSpec::disable)
			.httpBasic(ServerHttpSecurity.HttpBasicSpec::disable)
			.formLogin(ServerHttpSecurity.FormLoginSpec::disable)
			.build();
	}

}
