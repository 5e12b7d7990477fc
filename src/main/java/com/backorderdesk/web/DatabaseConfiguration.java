package com.backorderdesk.web;

import io.r2dbc.postgresql.PostgresqlConnectionFactoryProvider;
import io.r2dbc.spi.ConnectionFactoryOptions;

import org.springframework.boot.r2dbc.ConnectionFactoryDecorator;
import org.springframework.boot.r2dbc.autoconfigure.ConnectionFactoryOptionsBuilderCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Bounds on waiting for PostgreSQL ({@link DatabaseSettings}), so that every request, job
 * and stream that needs it ends within a bounded time while it does not answer, and works
 * again when it does. The pool's own bounds are in {@code application.yml}
 * ({@code spring.r2dbc.pool.*}).
 */
@Configuration(proxyBeanMethods = false)
class DatabaseConfiguration {

	/**
	 * The TCP connect timeout and PostgreSQL's {@code statement_timeout}, sent with the
	 * start-up message (no extra round trip), for the pool's connections and the order
	 * event listener's, unless the URL or {@code spring.r2dbc.properties} says otherwise.
	 */
	@Bean
	ConnectionFactoryOptionsBuilderCustomizer answerTimeouts(DatabaseSettings settings) {
		return (options) -> {
			ConnectionFactoryOptions given = options.build();
			if (!given.hasOption(ConnectionFactoryOptions.CONNECT_TIMEOUT)) {
				options.option(ConnectionFactoryOptions.CONNECT_TIMEOUT, settings.answerTimeout());
			}
			if (!given.hasOption(PostgresqlConnectionFactoryProvider.STATEMENT_TIMEOUT)
					&& !given.hasOption(ConnectionFactoryOptions.STATEMENT_TIMEOUT)) {
				options.option(PostgresqlConnectionFactoryProvider.STATEMENT_TIMEOUT, settings.answerTimeout());
			}
		};
	}

	/** A deadline on every call of the pool's connections ({@link DatabaseAnswers}). */
	@Bean
	ConnectionFactoryDecorator answeredConnections(DatabaseSettings settings) {
		return (factory) -> new DatabaseAnswers(factory, settings.answerTimeout());
	}

}
