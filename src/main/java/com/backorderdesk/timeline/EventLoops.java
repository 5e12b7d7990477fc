package com.backorderdesk.timeline;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;

import io.netty.channel.EventLoopGroup;
import io.netty.util.concurrent.EventExecutor;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;
import reactor.netty.Connection;
import reactor.netty.resources.LoopResources;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.http.client.ReactorResourceFactory;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.http.server.reactive.ServerHttpRequestDecorator;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;

/**
 * The web server's event loops as Reactor schedulers, so that CPU work (rendering pages
 * and fragments) runs on every loop the server has, not on the few threads the database
 * driver answers on.
 *
 * <p>
 * Rendering is CPU work that never blocks, which is what event loops are for; spreading
 * it over all of them uses every core, and work for one request done on that request's
 * own loop writes its response without a hand-over to another thread.
 */
@Component
public class EventLoops {

	private final ObjectProvider<ReactorResourceFactory> resources;

	private final Map<Executor, Scheduler> schedulers = new ConcurrentHashMap<>();

	EventLoops(ObjectProvider<ReactorResourceFactory> resources) {
		this.resources = resources;
	}

	/**
	 * The loop a request arrived on.
	 * @param exchange the exchange
	 * @return a scheduler for its connection's event loop, or the parallel scheduler when
	 * the request did not come through Reactor Netty (a mock server in tests)
	 */
	public Scheduler of(ServerWebExchange exchange) {
		ServerHttpRequest request = exchange.getRequest();
		Object nativeRequest = ServerHttpRequestDecorator.getNativeRequest(request);
		if (nativeRequest instanceof Connection connection) {
			return scheduler(connection.channel().eventLoop());
		}
		return Schedulers.parallel();
	}

	/**
	 * Every event loop of the server.
	 * @return one scheduler per loop; the parallel scheduler alone when the server's
	 * loops are not known or are shutting down
	 */
	List<Scheduler> all() {
		ReactorResourceFactory factory = this.resources.getIfAvailable();
		if (factory == null) {
			return List.of(Schedulers.parallel());
		}
		EventLoopGroup group = factory.getLoopResources().onServer(LoopResources.DEFAULT_NATIVE);
		if (group.isShuttingDown()) {
			return List.of(Schedulers.parallel());
		}
		List<Scheduler> all = new ArrayList<>();
		for (EventExecutor loop : group) {
			all.add(scheduler(loop));
		}
		return all.isEmpty() ? List.of(Schedulers.parallel()) : all;
	}

	private Scheduler scheduler(Executor loop) {
		return this.schedulers.computeIfAbsent(loop, Schedulers::fromExecutor);
	}

}
