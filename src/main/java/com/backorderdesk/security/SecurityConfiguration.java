package com.backorderdesk.security;

import java.net.URI;
import java.time.Clock;

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
import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.web.server.SecurityWebFilterChain;
import org.springframework.security.web.server.authentication.AuthenticationWebFilter;
import org.springframework.security.web.server.authentication.RedirectServerAuthenticationSuccessHandler;
import org.springframework.security.web.server.authentication.ServerAuthenticationEntryPointFailureHandler;
import org.springframework.security.web.server.authentication.logout.RedirectServerLogoutSuccessHandler;
import org.springframework.security.web.server.context.NoOpServerSecurityContextRepository;
import org.springframework.security.web.server.csrf.CsrfWebFilter;
import org.springframework.security.web.server.csrf.XorServerCsrfTokenRequestAttributeHandler;
import org.springframework.security.web.server.firewall.ServerWebExchangeFirewall;
import org.springframework.security.web.server.firewall.StrictServerWebExchangeFirewall;
import org.springframework.security.web.server.header.ReferrerPolicyServerHttpHeadersWriter.ReferrerPolicy;
import org.springframework.security.web.server.header.XFrameOptionsServerHttpHeadersWriter.Mode;
import org.springframework.security.web.server.savedrequest.WebSessionServerRequestCache;
import org.springframework.security.web.server.util.matcher.AndServerWebExchangeMatcher;
import org.springframework.security.web.server.util.matcher.NegatedServerWebExchangeMatcher;
import org.springframework.security.web.server.util.matcher.ServerWebExchangeMatchers;

/**
 * Three filter chains: the stateless API, authenticated by bearer key; the staff portal,
 * behind a form login with roles; and the customer portal, where access is granted per
 * order (see {@link OrderAccess}). Both portals use sessions and CSRF protection.
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
	StaffAuthenticationManager staffAuthenticationManager(StaffAccounts accounts, PasswordEncoder passwords,
			StaffSettings settings, Clock clock) {
		return new StaffAuthenticationManager(accounts, passwords, settings, clock);
	}

	@Bean
	@Order(2)
	SecurityWebFilterChain staffSecurity(ServerHttpSecurity http, StaffAuthenticationManager staffLogins) {
		WebSessionServerRequestCache requestCache = new WebSessionServerRequestCache();
		RedirectServerAuthenticationSuccessHandler success = new RedirectServerAuthenticationSuccessHandler("/staff");
		success.setRequestCache(requestCache);
		RedirectServerLogoutSuccessHandler loggedOut = new RedirectServerLogoutSuccessHandler();
		loggedOut.setLogoutSuccessUrl(URI.create("/staff/login?logout"));
		http.securityMatcher(ServerWebExchangeMatchers.pathMatchers("/staff", "/staff/**"))
			.authorizeExchange((exchanges) -> exchanges.pathMatchers("/staff/login")
				.permitAll()
				.pathMatchers("/staff/restocks", "/staff/restocks/**")
				.hasRole(StaffRole.PLANNER.name())
				.pathMatchers("/staff/orders", "/staff/orders/**", "/staff/substitutions", "/staff/substitutions/**",
						"/staff/outbox", "/staff/outbox/**")
				.hasRole(StaffRole.REP.name())
				.pathMatchers("/staff/admin", "/staff/admin/**")
				.hasRole(StaffRole.ADMIN.name())
				.anyExchange()
				.hasAnyRole(StaffRole.REP.name(), StaffRole.PLANNER.name(), StaffRole.ADMIN.name()))
			.formLogin((login) -> login.loginPage("/staff/login")
				.authenticationManager(staffLogins)
				.authenticationSuccessHandler(success)
				.authenticationFailureHandler(StaffSecurity::loginFailed))
			.logout((logout) -> logout.logoutUrl("/staff/logout").logoutSuccessHandler(loggedOut))
			.exceptionHandling((exceptions) -> exceptions.accessDeniedHandler(StaffSecurity::accessDenied))
			.requestCache((cache) -> cache.requestCache(requestCache))
			// file uploads (the restock CSV import) carry the token as a form part
			.csrf((csrf) -> csrf.csrfTokenRequestHandler(multipartCsrfTokens()))
			.httpBasic(ServerHttpSecurity.HttpBasicSpec::disable);
		return portalHeaders(http).build();
	}

	@Bean
	@Order(3)
	SecurityWebFilterChain webSecurity(ServerHttpSecurity http) {
		http.authorizeExchange((exchanges) -> exchanges
			.pathMatchers("/", "/lookup", "/o/*", "/orders/*", "/orders/*/events", "/orders/*/offers/*/accept",
					"/orders/*/offers/*/decline", "/orders/*/lines/*/cancel", "/orders/*/preferences", "/products",
					"/products/*", "/products/*/notify", "/css/**", "/js/**", "/webjars/**", "/favicon.ico",
					"/actuator/health/**", "/actuator/health", "/error")
			.permitAll()
			// e-mail: answers to delay notices, unsubscribing, and the embedded mode's
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
			.requestCache(ServerHttpSecurity.RequestCacheSpec::disable)
			.httpBasic(ServerHttpSecurity.HttpBasicSpec::disable)
			.formLogin(ServerHttpSecurity.FormLoginSpec::disable);
		return portalHeaders(http).build();
	}

	/**
	 * The default CSRF token handling (BREACH-safe tokens), also reading the token from
	 * {@code multipart/form-data} forms.
	 */
	private static XorServerCsrfTokenRequestAttributeHandler multipartCsrfTokens() {
		XorServerCsrfTokenRequestAttributeHandler tokens = new XorServerCsrfTokenRequestAttributeHandler();
		tokens.setTokenFromMultipartDataEnabled(true);
		return tokens;
	}

	private static ServerHttpSecurity portalHeaders(ServerHttpSecurity http) {
		return http
			.headers((headers) -> headers.contentSecurityPolicy((csp) -> csp.policyDirectives(CONTENT_SECURITY_POLICY))
				.referrerPolicy((referrer) -> referrer.policy(ReferrerPolicy.SAME_ORIGIN))
				.frameOptions((frames) -> frames.mode(Mode.DENY))
				.permissionsPolicy((permissions) -> permissions.policy("camera=(), microphone=(), geolocation=()")));
	}

}
