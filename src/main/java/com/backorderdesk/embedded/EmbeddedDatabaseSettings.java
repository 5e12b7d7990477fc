package com.backorderdesk.embedded;

import java.util.Map;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings of the embedded PostgreSQL, used when no {@code spring.r2dbc.url} is set.
 *
 * @param enabled whether to run the embedded PostgreSQL when no database is configured
 * @param dataDir the data folder, kept across restarts; relative to the working directory
 * @param port the port on 127.0.0.1, or 0 to pick a free one at every start
 * @param smtpPort the port of the embedded SMTP server on 127.0.0.1, or 0 to pick a free
 * one at every start
 * @param serverSettings further PostgreSQL server settings, name to value, given to the
 * server at every start ({@code -c name=value}; e.g.
 * {@code backorder.embedded.server-settings.track_commit_timestamp=on}, which the
 * benchmarks use to time pages from the commit); none when not set
 */
@ConfigurationProperties("backorder.embedded")
record EmbeddedDatabaseSettings(@DefaultValue("true") boolean enabled, @DefaultValue("data/postgres") String dataDir,
		@DefaultValue("0") int port, @DefaultValue("0") int smtpPort, @Nullable Map<String, String> serverSettings) {

	static final String PREFIX = "backorder.embedded";

	EmbeddedDatabaseSettings {
		serverSettings = (serverSettings != null) ? Map.copyOf(serverSettings) : Map.of();
	}

}
