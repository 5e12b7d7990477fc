package com.backorderdesk.security;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;

/**
 * Ends a member of staff's live stream ({@code /staff/.../events}) once its session has
 * ended. Disabling an account, resetting its password or changing its roles ends its
 * sessions on every instance (their rows are deleted, {@link StaffAccounts}), and the
 * security chain refuses their next request; a stream is one request that lasts for
 * hours, so this instance asks every {@link #CHECK} which of its open streams' sessions
 * still stand ({@link StaffSessions#standing}: one statement for all of them, however
 * many streams are open) and ends the streams of those that do not. The page's script
 * then finds its reconnect sent to the login page and says that live updates stopped. A
 * check that fails (the database away) keeps every stream.
 *
 * <p>
 * Runs after the security chain, which has loaded the session; streams of requests
 * without a staff session (refused by the chain) are not watched. The check runs only
 * while a staff stream is open on this instance.
 */
@Component
class StaffStreamSessions implements WebFilter, DisposableBean {

	/** How often open staff streams check their sessions. */
	static final Duration CHECK = Duration.ofSeconds(2);

	private final StaffSessions sessions;

	/** Open streams by session id; each stream's signal ends it. */
	private final Map<String, Set<Sinks.Empty<Void>>> watched = new ConcurrentHashMap<>();

	private final Disposable checks;

	StaffStreamSessions(StaffSessions sessions) {
		this.sessions = sessions;
		this.checks = Flux.interval(CHECK)
			.onBackpressureDrop()
			.concatMap((tick) -> check().onErrorResume((ex) -> Mono.empty()), 0)
			.subscribe();
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
			.flatMap((id) -> id.isPresent() ? watch(id.get(), chain.filter(exchange)) : chain.filter(exchange));
	}

	/** The stream, ended when its session is found ended; forgotten when it ends. */
	private Mono<Void> watch(String id, Mono<Void> stream) {
		return Mono.defer(() -> {
			Sinks.Empty<Void> ended = Sinks.empty();
			this.watched.computeIfAbsent(id, (key) -> ConcurrentHashMap.newKeySet()).add(ended);
			return stream.takeUntilOther(ended.asMono().then(Mono.just(0L)))
				.doFinally((signal) -> this.watched.computeIfPresent(id, (key, streams) -> {
					streams.remove(ended);
					return streams.isEmpty() ? null : streams;
				}));
		});
	}

	/**
	 * One look at the sessions of every open stream; ends those whose session is gone.
	 */
	private Mono<Void> check() {
		if (this.watched.isEmpty()) {
			return Mono.empty();
		}
		Set<String> asked = Set.copyOf(this.watched.keySet());
		return this.sessions.standing(asked).doOnNext((standing) -> {
			for (String id : asked) {
				if (!standing.contains(id)) {
					Set<Sinks.Empty<Void>> streams = this.watched.remove(id);
					if (streams != null) {
						streams.forEach(Sinks.Empty::tryEmitEmpty);
					}
				}
			}
		}).then();
	}

	@Override
	public void destroy() {
		this.checks.dispose();
	}

}
