package com.backorderdesk;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.util.concurrent.atomic.AtomicBoolean;

import io.r2dbc.spi.Connection;
import io.r2dbc.spi.ConnectionFactory;
import io.r2dbc.spi.ConnectionFactoryMetadata;
import io.r2dbc.spi.R2dbcNonTransientResourceException;
import io.r2dbc.spi.Statement;
import org.reactivestreams.Publisher;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.springframework.boot.r2dbc.ConnectionFactoryDecorator;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;

/**
 * Lets a test take the database away from one application instance, as an outage would,
 * without touching the PostgreSQL every other test shares: while broken, the instance's
 * pool gets no new connection, and the connections it holds fail every statement and
 * report themselves invalid.
 */
@TestConfiguration(proxyBeanMethods = false)
public class BreakableDatabase {

	private final AtomicBoolean broken = new AtomicBoolean();

	/** Refuses the database from now on. */
	public void breakIt() {
		this.broken.set(true);
	}

	/** Gives the database back. */
	public void heal() {
		this.broken.set(false);
	}

	@Bean
	ConnectionFactoryDecorator breakableConnections() {
		return this::wrap;
	}

	private R2dbcNonTransientResourceException refused() {
		return new R2dbcNonTransientResourceException("Connection refused (the test broke the database)", "08006");
	}

	private ConnectionFactory wrap(ConnectionFactory factory) {
		return new ConnectionFactory() {
			@Override
			public Publisher<? extends Connection> create() {
				return Mono.defer(() -> BreakableDatabase.this.broken.get() ? Mono.error(refused())
						: Mono.from(factory.create()).map((connection) -> proxy(Connection.class, connection)));
			}

			@Override
			public ConnectionFactoryMetadata getMetadata() {
				return factory.getMetadata();
			}
		};
	}

	@SuppressWarnings("unchecked")
	private <T> T proxy(Class<T> type, T target) {
		InvocationHandler handler = (proxy, method, args) -> invoke(type, target, proxy, method, args);
		return (T) Proxy.newProxyInstance(type.getClassLoader(), new Class<?>[] { type }, handler);
	}

	private Object invoke(Class<?> type, Object target, Object proxy, Method method, Object[] args) throws Throwable {
		boolean isBroken = this.broken.get();
		if (isBroken && method.getName().equals("validate")) {
			return Mono.just(false);
		}
		if (isBroken && Publisher.class.isAssignableFrom(method.getReturnType()) && !method.getName().equals("close")) {
			return Flux.error(refused());
		}
		Object result;
		try {
			result = method.invoke(target, args);
		}
		catch (InvocationTargetException ex) {
			throw ex.getCause();
		}
		if (result instanceof Statement statement && type == Connection.class) {
			return proxy(Statement.class, statement);
		}
		if (result == target) {
			return proxy;
		}
		return result;
	}

}
