package com.backorderdesk.security;

import java.time.Clock;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import reactor.core.publisher.Mono;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.scheduling.annotation.EnableScheduling;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.session.web.server.session.SpringSessionWebSessionStore;
import org.springframework.web.server.session.CookieWebSessionIdResolver;
import org.springframework.web.server.session.DefaultWebSessionManager;
import org.springframework.web.server.session.WebSessionManager;

/**
 * Web sessions are staff sessions, kept in PostgreSQL ({@link StaffSessions}) and named
 * by a cookie that only {@code /staff} pages receive: customers and the API never have a
 * session, so their requests never look one up.
 */
@Configuration(proxyBeanMethods = false)
@EnableScheduling
class SessionConfiguration {

	/** The staff session cookie. */
	static final String COOKIE = "STAFF_SESSION";

	/** The only path the session cookie is sent to. */
	static final String PATH = "/staff";

	private static final Log logger = LogFactory.getLog(SessionConfiguration.class);

	@Bean
	StaffSessions staffSessions(DatabaseClient db, JsonMapper json, SessionSettings settings, Clock clock) {
		return new StaffSessions(db, new SessionAttributes(json), settings, clock);
	}

	/**
	 * Named as WebFlux looks it up. The cookie is HttpOnly, SameSite=Lax, and Secure when
	 * the request came over HTTPS (as the trusted proxy reports it).
	 */
	@Bean
	WebSessionManager webSessionManager(StaffSessions sessions, Clock clock) {
		SpringSessionWebSessionStore<StaffSession> store = new SpringSessionWebSessionStore<>(sessions);
		store.setClock(clock);
		CookieWebSessionIdResolver cookies = new CookieWebSessionIdResolver();
		cookies.setCookieName(COOKIE);
		cookies.addCookieInitializer((cookie) -> cookie.path(PATH));
		DefaultWebSessionManager manager = new DefaultWebSessionManager();
		manager.setSessionStore(store);
		manager.setSessionIdResolver(cookies);
		return manager;
	}

	@Bean
	SessionSweeper sessionSweeper(StaffSessions sessions, LoginThrottle throttle) {
		return new SessionSweeper(sessions, throttle);
	}

	/**
	 * Deletes expired sessions and forgotten login failures on every instance; instances
	 * sweeping at the same moment skip each other's rows.
	 */
	static final class SessionSweeper {

		private final StaffSessions sessions;

		private final LoginThrottle throttle;

		SessionSweeper(StaffSessions sessions, LoginThrottle throttle) {
			this.sessions = sessions;
			this.throttle = throttle;
		}

		@Scheduled(initialDelayString = "${backorder.sessions.sweep-interval:5m}",
				fixedDelayString = "${backorder.sessions.sweep-interval:5m}")
		Mono<Void> sweep() {
			return this.sessions.sweep()
				.expand((deleted) -> (deleted >= StaffSessions.SWEEP_BATCH) ? this.sessions.sweep() : Mono.empty())
				.then(this.throttle.sweep())
				.onErrorResume((ex) -> {
					// the database may be away: the next sweep catches up
					logger.warn("Could not sweep expired sessions: " + ex.getMessage());
					return Mono.empty();
				});
		}

	}

}
