package com.backorderdesk.security;

import java.time.Duration;
import java.util.Optional;

import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;

/**
 * Ends a member of staff's live stream ({@code /staff/.../events}) once its session has
 * ended. Disabling an account, resetting its password or changing its roles ends its
 * sessions on every instance (their rows are deleted, {@link StaffAccounts}), and the
 * security chain refuses their next request; a stream is one request that lasts for
 * hours, so it asks every {@link #CHECK} whether its session still stands
 * ({@link StaffSessions#findById}: there, not expired, its account enabled) and ends when
 * not. The page's script then finds its reconnect sent to the login page and says that
 * live updates stopped. A check that fails (the database away) keeps the stream.
 *
 * <p>
 * Runs after the security chain, which has loaded the session; streams of requests
 * without a staff session (refused by the chain) are not watched.
 */
@Component
class StaffStreamSessions implements WebFilter {

	/** How often an open staff stream checks its session. */
	static final Duration CHECK = Duration.ofSeconds(2);

	private final StaffSessions sessions;

	StaffStreamSessions(StaffSessions sessions) {
		this.sessions = sessions;
	}

	@Override
	public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
		String path = exchange.getRequest().getPath().pathWithinApplication().value();
		if (!path.startsWith(SessionConfiguration.PATH + "/") || !path.endsWith("/events")) {
			return chain.filter(exchange);
		}
		return exchange.getSession()
			.filter((session) -> SessionAttributes.staff(session.getAttributes()) != null)
			.map((session) -> Optional.of(session.getId()))
			.defaultIfEmpty(Optional.empty())
			.flatMap((id) -> id.isPresent() ? chain.filter(exchange).takeUntilOther(ended(id.get()))
					: chain.filter(exchange));
	}

	/** Signals once the session is found ended. */
	private Mono<Long> ended(String id) {
		return Flux.interval(CHECK)
			.concatMap((tick) -> this.sessions.findById(id).hasElement().onErrorReturn(true), 0)
			.filter((open) -> !open)
			.next()
			.map((ended) -> 0L);
	}

}
