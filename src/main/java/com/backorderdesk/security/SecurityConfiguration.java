package com.backorderdesk.security;

import java.time.Duration;
import java.util.List;

import reactor.core.publisher.Mono;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.config.annotation.web.reactive.EnableWebFluxSecurity;
import org.springframework.security.config.observation.SecurityObservationSettings;
import org.springframework.security.config.web.server.SecurityWebFiltersOrder;
import org.springframework.security.config.web.server.ServerHttpSecurity;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.web.server.SecurityWebFilterChain;
import org.springframework.security.web.server.authentication.AuthenticationWebFilter;
import org.springframework.security.web.server.authentication.RedirectServerAuthenticationEntryPoint;
import org.springframework.security.web.server.authentication.ServerAuthenticationEntryPointFailureHandler;
import org.springframework.security.web.server.authentication.logout.DelegatingServerLogoutHandler;
import org.springframework.security.web.server.authentication.logout.RedirectServerLogoutSuccessHandler;
import org.springframework.security.web.server.authentication.logout.SecurityContextServerLogoutHandler;
import org.springframework.security.web.server.authentication.logout.WebSessionServerLogoutHandler;
import org.springframework.security.web.server.context.NoOpServerSecurityContextRepository;
import org.springframework.security.web.server.csrf.CsrfWebFilter;
import org.springframework.security.web.server.savedrequest.ServerRequestCache;
import org.springframework.security.web.server.csrf.XorServerCsrfTokenRequestAttributeHandler;
import org.springframework.security.web.server.firewall.ServerWebExchangeFirewall;
import org.springframework.security.web.server.firewall.StrictServerWebExchangeFirewall;
import org.springframework.security.web.server.header.ReferrerPolicyServerHttpHeadersWriter.ReferrerPolicy;
import org.springframework.security.web.server.header.XFrameOptionsServerHttpHeadersWriter.Mode;
import org.springframework.security.web.server.savedrequest.WebSessionServerRequestCache;
import org.springframework.security.web.server.util.matcher.AndServerWebExchangeMatcher;
import org.springframework.security.web.server.util.matcher.NegatedServerWebExchangeMatcher;
import org.springframework.security.web.server.util.matcher.ServerWebExchangeMatcher;
import org.springframework.security.web.server.util.matcher.ServerWebExchangeMatchers;
import org.springframework.web.cors.CorsConfiguration;
import org.springframework.web.cors.reactive.UrlBasedCorsConfigurationSource;

/**
 * Four filter chains: health probes, with nothing to check; the stateless API,
 * authenticated by bearer key; the staff portal, behind a form login with roles and a
 * session in PostgreSQL; and the customer portal, where access is granted per order in a
 * signed cookie (see {@link OrderAccess}). Static assets never reach these chains (they
 * are served before them).
 *
 * <p>
 * Nothing here needs the instance that served the previous request: sessions, CSRF tokens
 * ({@link SignedCsrfTokens}), order access and login throttling all live in PostgreSQL or
 * in signed cookies. Anonymous requests neither look up nor create a session.
 */
@Configuration(proxyBeanMethods = false)
@EnableWebFluxSecurity
class SecurityConfiguration {

	private static final String BEARER = "Bearer ";

	/**
	 * What anyone may read under {@code /api/}: the API's description (Swagger UI itself
	 * is served before this chain), and the storefront's availability.
	 */
	static final String[] PUBLIC_API = { "/api/docs", "/api/docs/**", "/api/swagger-ui/**", "/api/openapi.json",
			"/api/openapi.json/**", "/api/v1/availability" };

	/**
	 * No observation around each security filter: a request's metrics are recorded once,
	 * at the edge, by the HTTP server observation.
	 */
	@Bean
	SecurityObservationSettings securityObservationSettings() {
		return SecurityObservationSettings.noObservations();
	}

	@Bean
	@Order(0)
	SecurityWebFilterChain probeSecurity(ServerHttpSecurity http) {
		return http.securityMatcher(ServerWebExchangeMatchers.pathMatchers("/actuator/health", "/actuator/health/**"))
			.securityContextRepository(NoOpServerSecurityContextRepository.getInstance())
			.headers(ServerHttpSecurity.HeaderSpec::disable)
			.csrf(ServerHttpSecurity.CsrfSpec::disable)
			.requestCache(ServerHttpSecurity.RequestCacheSpec::disable)
			.anonymous(ServerHttpSecurity.AnonymousSpec::disable)
			.httpBasic(ServerHttpSecurity.HttpBasicSpec::disable)
			.formLogin(ServerHttpSecurity.FormLoginSpec::disable)
			.logout(ServerHttpSecurity.LogoutSpec::disable)
			.build();
	}

	@Bean
	@Order(1)
	SecurityWebFilterChain apiSecurity(ServerHttpSecurity http, ApiSettings settings, StorefrontSettings storefront) {
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
		// storefront pages on the configured origins may read availability from the
		// browser
		CorsConfiguration availability = new CorsConfiguration();
		availability.setAllowedOriginPatterns(storefront.allowedOrigins());
		availability.setAllowedMethods(List.of("GET"));
		// any request header: the answer is public and no cookie is sent with it
		availability.setAllowedHeaders(List.of(CorsConfiguration.ALL));
		availability.setExposedHeaders(List.of(HttpHeaders.ETAG, HttpHeaders.RETRY_AFTER));
		availability.setMaxAge(Duration.ofHours(1));
		UrlBasedCorsConfigurationSource cors = new UrlBasedCorsConfigurationSource();
		cors.registerCorsConfiguration("/api/v1/availability", availability);
		return http.securityMatcher(ServerWebExchangeMatchers.pathMatchers("/api/**"))
			.cors((spec) -> spec.configurationSource(cors))
			.authorizeExchange((exchanges) -> exchanges.pathMatchers(HttpMethod.GET, PUBLIC_API)
				.permitAll()
				.pathMatchers(HttpMethod.OPTIONS, PUBLIC_API)
				.permitAll()
				.anyExchange()
				.hasAuthority(ApiKeyAuthenticationManager.ROLE))
			.addFilterAt(apiKeys, SecurityWebFiltersOrder.AUTHENTICATION)
			.exceptionHandling((exceptions) -> exceptions.authenticationEntryPoint(entryPoint))
			.securityContextRepository(NoOpServerSecurityContextRepository.getInstance())
			.headers(ServerHttpSecurity.HeaderSpec::disable)
			.addFilterAt(SecurityHeaders.api(), SecurityWebFiltersOrder.HTTP_HEADERS_WRITER)
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

	/**
	 * The default firewall, which also refuses query parameters holding control
	 * characters: no page or API call takes them, and PostgreSQL refuses a NUL in text,
	 * so a search for one would otherwise fail on the server's side.
	 */
	@Bean
	ServerWebExchangeFirewall firewall() {
		StrictServerWebExchangeFirewall firewall = new StrictServerWebExchangeFirewall();
		firewall.setAllowedParameterNames((name) -> StrictServerWebExchangeFirewall.ALLOWED_PARAMETER_NAMES.test(name)
				&& name.chars().noneMatch(Character::isISOControl));
		// a flag without a value (?error) has none
		firewall
			.setAllowedParameterValues((value) -> value == null || value.chars().noneMatch(Character::isISOControl));
		return firewall;
	}

	@Bean
	PasswordEncoder passwordEncoder() {
		return PasswordEncoderFactories.createDelegatingPasswordEncoder();
	}

	@Bean
	StaffAuthenticationManager staffAuthenticationManager(StaffAccounts accounts, LoginThrottle throttle,
			PasswordEncoder passwords, StaffSettings settings) {
		return new StaffAuthenticationManager(accounts, throttle, passwords, settings);
	}

	@Bean
	@Order(2)
	SecurityWebFilterChain staffSecurity(ServerHttpSecurity http, StaffLogin login, LinkSecret secret) {
		// where a page asked for before the login is remembered: a cookie, so that
		// visiting a staff page logged out creates no session
		ServerRequestCache requestCache = new SavedRequestCookie();
		RedirectServerAuthenticationEntryPoint toLogin = new RedirectServerAuthenticationEntryPoint(StaffLogin.PAGE);
		toLogin.setRequestCache(requestCache);
		RedirectServerLogoutSuccessHandler loggedOut = new RedirectServerLogoutSuccessHandler();
		loggedOut.setLogoutSuccessUrl(StaffLogin.page("logout"));
		http.securityMatcher(ServerWebExchangeMatchers.pathMatchers("/staff", "/staff/**"))
			.authorizeExchange((exchanges) -> exchanges.pathMatchers(StaffLogin.PAGE)
				.permitAll()
				.pathMatchers("/staff/restocks", "/staff/restocks/**", "/staff/promises", "/staff/promises/**")
				.hasRole(StaffRole.PLANNER.name())
				.pathMatchers("/staff/orders", "/staff/orders/**", "/staff/substitutions", "/staff/substitutions/**",
						"/staff/outbox", "/staff/outbox/**", "/staff/refunds", "/staff/refunds/**")
				.hasRole(StaffRole.REP.name())
				.pathMatchers("/staff/admin", "/staff/admin/**")
				.hasRole(StaffRole.ADMIN.name())
				.anyExchange()
				.hasAnyRole(StaffRole.REP.name(), StaffRole.PLANNER.name(), StaffRole.ADMIN.name()))
			.formLogin(ServerHttpSecurity.FormLoginSpec::disable)
			.addFilterAt(login.filter(requestCache), SecurityWebFiltersOrder.FORM_LOGIN)
			// the session goes at logout: nothing of it is left in the table
			.logout((logout) -> logout.logoutUrl("/staff/logout")
				.logoutHandler(new DelegatingServerLogoutHandler(new SecurityContextServerLogoutHandler(),
						new WebSessionServerLogoutHandler()))
				.logoutSuccessHandler(loggedOut))
			.exceptionHandling((exceptions) -> exceptions.authenticationEntryPoint(toLogin)
				.accessDeniedHandler(StaffSecurity::accessDenied))
			.requestCache((cache) -> cache.requestCache(requestCache))
			.csrf((csrf) -> csrf.csrfTokenRepository(SignedCsrfTokens.staff(secret))
				.csrfTokenRequestHandler(new SignedCsrfTokens.MaskedTokens())
				.accessDeniedHandler(StaffSecurity::accessDenied)
				.requireCsrfProtectionMatcher(withCookie(SessionConfiguration.COOKIE, StaffLogin.PAGE)))
			.addFilterBefore(new SameOriginForms(StaffLogin.PAGE), SecurityWebFiltersOrder.CSRF)
			.httpBasic(ServerHttpSecurity.HttpBasicSpec::disable);
		return portalHeaders(http).build();
	}

	@Bean
	@Order(3)
	SecurityWebFilterChain webSecurity(ServerHttpSecurity http, LinkSecret secret, OrderAccess access) {
		http.authorizeExchange((exchanges) -> exchanges
			.pathMatchers("/", "/lookup", "/o/*", "/orders/*", "/orders/*/events", "/orders/*/history",
					"/orders/*/offers/*/accept", "/orders/*/offers/*/decline", "/orders/*/lines/*/cancel",
					"/orders/*/preferences", "/products", "/products/*", "/products/*/notify",
					"/feeds/google-merchant.xml", "/css/**", "/js/**", "/favicon.ico", "/error")
			.permitAll()
			// e-mail: answers to delay notices, unsubscribing, and the embedded mode's
			// mailbox (which exists only there)
			.pathMatchers("/orders/*/lines/*/wait", "/unsubscribe/*", "/dev/mailbox", "/dev/mailbox/**")
			.permitAll()
			.anyExchange()
			.denyAll())
			// Customers have no login and no session: order pages check access per order
			// (OrderAccess, a signed cookie).
			.securityContextRepository(NoOpServerSecurityContextRepository.getInstance())
			// One-click unsubscribe (RFC 8058) comes from mail clients without a cookie:
			// its signed token is the protection, and it can only turn e-mail off. The
			// lookup form is checked by SameOriginForms; "tell me when it's back" acts on
			// nothing the browser holds.
			.csrf((csrf) -> csrf.csrfTokenRepository(SignedCsrfTokens.customers(secret, access))
				.csrfTokenRequestHandler(new SignedCsrfTokens.MaskedTokens())
				.accessDeniedHandler(StaffSecurity::accessDenied)
				.requireCsrfProtectionMatcher(
						withCookie(OrderAccess.COOKIE, "/unsubscribe/*", "/lookup", "/products/*/notify")))
			.addFilterBefore(new SameOriginForms("/lookup"), SecurityWebFiltersOrder.CSRF)
			// an address that no page has is a 404 page, not a login box (no
			// WWW-Authenticate: Basic outside the API)
			.exceptionHandling((exceptions) -> exceptions.authenticationEntryPoint(StaffSecurity::notFound)
				.accessDeniedHandler(StaffSecurity::accessDenied))
			.requestCache(ServerHttpSecurity.RequestCacheSpec::disable)
			.httpBasic(ServerHttpSecurity.HttpBasicSpec::disable)
			.formLogin(ServerHttpSecurity.FormLoginSpec::disable)
			.logout(ServerHttpSecurity.LogoutSpec::disable);
		return portalHeaders(http).build();
	}

	/**
	 * Unsafe methods need a CSRF token when the browser sends the cookie that gives it
	 * authority (a request without it can do nothing a forged one could abuse), except
	 * posts to these paths.
	 */
	private static AndServerWebExchangeMatcher withCookie(String cookie, String... paths) {
		return new AndServerWebExchangeMatcher(CsrfWebFilter.DEFAULT_CSRF_MATCHER,
				(exchange) -> (exchange.getRequest().getCookies().getFirst(cookie) != null)
						? ServerWebExchangeMatcher.MatchResult.match()
						: ServerWebExchangeMatcher.MatchResult.notMatch(),
				new NegatedServerWebExchangeMatcher(ServerWebExchangeMatchers.pathMatchers(HttpMethod.POST, paths)));
	}

	private static ServerHttpSecurity portalHeaders(ServerHttpSecurity http) {
		return http.headers(ServerHttpSecurity.HeaderSpec::disable)
			.addFilterAt(SecurityHeaders.portal(), SecurityWebFiltersOrder.HTTP_HEADERS_WRITER);
	}

}
