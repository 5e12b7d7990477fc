package com.backorderdesk.embedded;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.bootstrap.DefaultBootstrapContext;
import org.springframework.context.support.GenericApplicationContext;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.StandardEnvironment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;

class EmbeddedModeTests {

	@Test
	void whenR2dbcUrlIsSetThenNothingStartsAndFlywayUsesTheSameDatabase() {
		GenericApplicationContext context = prepare(
				Map.of("spring.r2dbc.url", "r2dbc:postgresql://db.example:6543/shop?sslMode=verify-full",
						"spring.r2dbc.username", "desk", "spring.r2dbc.password", "secret"));
		ConfigurableEnvironment environment = context.getEnvironment();
		assertThat(environment.getProperty("spring.flyway.url"))
			.isEqualTo("jdbc:postgresql://db.example:6543/shop?sslmode=verify-full");
		assertThat(environment.getProperty("spring.flyway.user")).isEqualTo("desk");
		assertThat(environment.getProperty("spring.flyway.password")).isEqualTo("secret");
		assertThat(environment.getProperty("backorder.mode")).isEqualTo("production");
		assertThat(environment.getProperty("server.address")).isNull();
		assertThat(environment.getProperty("backorder.demo-data.enabled")).isNull();
		assertThat(environment.getProperty("backorder.staff.demo-accounts")).isNull();
		assertThat(environment.getPropertySources().contains(EmbeddedModeEnvironmentPostProcessor.CONNECTION_SOURCE))
			.isFalse();
		assertThat(context.containsBeanDefinition("embeddedPostgres")).isFalse();
	}

	@Test
	void whenFlywayAndModeAreSetThenTheyAreKept() {
		ConfigurableEnvironment environment = prepare(
				Map.of("spring.r2dbc.url", "r2dbc:postgresql://db/shop", "spring.r2dbc.username", "desk",
						"spring.flyway.url", "jdbc:postgresql://admin-db/shop", "backorder.mode", "staging"))
			.getEnvironment();
		assertThat(environment.getProperty("spring.flyway.url")).isEqualTo("jdbc:postgresql://admin-db/shop");
		assertThat(environment.getProperty("spring.flyway.user")).isNull();
		assertThat(environment.getProperty("backorder.mode")).isEqualTo("staging");
	}

	@Test
	void whenEmbeddedModeIsDisabledThenNothingStartsOrChanges() {
		GenericApplicationContext context = prepare(Map.of("backorder.embedded.enabled", "false"));
		assertThat(context.getEnvironment().getProperty("spring.r2dbc.url")).isNull();
		assertThat(context.getEnvironment().getProperty("backorder.mode")).isNull();
		assertThat(context.containsBeanDefinition("embeddedPostgres")).isFalse();
	}

	@Test
	void whenDerivingFlywayFromR2dbcThenHostsDatabaseAndOptionsCarryOver() {
		assertThat(EmbeddedModeEnvironmentPostProcessor.flywayConnection("r2dbc:postgresql://h:5432/db?x=1", "u", "p"))
			.containsExactly(entry("spring.flyway.url", "jdbc:postgresql://h:5432/db?x=1"),
					entry("spring.flyway.user", "u"), entry("spring.flyway.password", "p"));
		assertThat(EmbeddedModeEnvironmentPostProcessor.flywayConnection("r2dbc:postgresql://h1:5432,h2:5433/db", null,
				null))
			.containsExactly(entry("spring.flyway.url", "jdbc:postgresql://h1:5432,h2:5433/db"));
		assertThat(EmbeddedModeEnvironmentPostProcessor
			.flywayConnection("r2dbc:pool:postgresql://desk:p%40ss+1@db/shop?schema=desk&maxSize=20", null, null))
			.containsExactly(entry("spring.flyway.url", "jdbc:postgresql://db/shop?currentSchema=desk&maxSize=20"),
					entry("spring.flyway.user", "desk"), entry("spring.flyway.password", "p@ss+1"));
		assertThat(EmbeddedModeEnvironmentPostProcessor.flywayConnection("r2dbcs:postgres://db/shop", "u", null))
			.containsExactly(entry("spring.flyway.url", "jdbc:postgresql://db/shop?sslmode=require"),
					entry("spring.flyway.user", "u"));
		assertThat(EmbeddedModeEnvironmentPostProcessor.flywayConnection("r2dbc:h2:mem:///shop", "u", "p")).isEmpty();
	}

	@Test
	void whenEmbeddedThenR2dbcAndFlywayPointAtTheServerAndDemoDefaultsApply() {
		assertThat(EmbeddedModeEnvironmentPostProcessor.embeddedConnection(54321)).containsExactly(
				entry("spring.r2dbc.url", "r2dbc:postgresql://127.0.0.1:54321/backorder"),
				entry("spring.r2dbc.username", "backorder"), entry("spring.r2dbc.password", "backorder"),
				entry("spring.flyway.url", "jdbc:postgresql://127.0.0.1:54321/backorder"),
				entry("spring.flyway.user", "backorder"), entry("spring.flyway.password", "backorder"));
		assertThat(EmbeddedModeEnvironmentPostProcessor.embeddedDefaults()).containsExactly(
				entry("server.address", "127.0.0.1"), entry("backorder.mode", "embedded"),
				entry("backorder.api.keys", "demo:demo-api-key"), entry("backorder.demo-data.enabled", "true"),
				entry("backorder.staff.demo-accounts", "true"));
	}

	@Test
	void whenNothingIsConfiguredThenAServerRunsUntilTheLastContextUsingItCloses() throws Exception {
		Path dataDir = Path.of("target", "embedded-mode-tests", UUID.randomUUID().toString()).toAbsolutePath();
		Map<String, Object> properties = Map.of("backorder.embedded.data-dir", dataDir.toString(), "backorder.api.keys",
				"own-key", "spring.r2dbc.username", "someone-else");
		GenericApplicationContext first = prepare(properties);
		GenericApplicationContext second = prepare(properties);
		try {
			first.refresh();
			second.refresh();
			ConfigurableEnvironment environment = first.getEnvironment();
			String jdbcUrl = environment.getProperty("spring.flyway.url");
			assertThat(jdbcUrl).startsWith("jdbc:postgresql://127.0.0.1:").endsWith("/backorder");
			assertThat(second.getEnvironment().getProperty("spring.flyway.url")).isEqualTo(jdbcUrl);
			assertThat(environment.getProperty("spring.r2dbc.username")).isEqualTo("backorder");
			assertThat(environment.getProperty("backorder.mode")).isEqualTo("embedded");
			assertThat(environment.getProperty("server.address")).isEqualTo("127.0.0.1");
			assertThat(environment.getProperty("backorder.api.keys")).isEqualTo("own-key");
			EmbeddedPostgres postgres = first.getBean(SharedEmbeddedPostgres.Lease.class).postgres();
			first.close();
			assertThat(postgres.isRunning()).isTrue();
			try (Connection connection = DriverManager.getConnection(jdbcUrl, "backorder", "backorder")) {
				assertThat(connection.isValid(5)).isTrue();
			}
			ProcessHandle postmaster = ProcessHandle.of(postgres.pid()).orElseThrow();
			second.close();
			assertThat(postgres.isRunning()).isFalse();
			assertThat(postmaster.isAlive()).isFalse();
		}
		finally {
			first.close();
			second.close();
			EmbeddedPostgres.deleteIfUnused(dataDir);
		}
	}

	@Test
	void whenServerSettingsAreGivenThenTheEmbeddedServerRunsWithThem() throws Exception {
		Path dataDir = Path.of("target", "embedded-mode-tests", UUID.randomUUID().toString()).toAbsolutePath();
		GenericApplicationContext context = prepare(Map.of("backorder.embedded.data-dir", dataDir.toString(),
				"backorder.embedded.server-settings.track_commit_timestamp", "on",
				"backorder.embedded.server-settings.work_mem", "5MB"));
		try {
			context.refresh();
			String jdbcUrl = context.getEnvironment().getProperty("spring.flyway.url");
			try (Connection connection = DriverManager.getConnection(jdbcUrl, "backorder", "backorder");
					Statement statement = connection.createStatement()) {
				assertThat(setting(statement, "track_commit_timestamp")).isEqualTo("on");
				assertThat(setting(statement, "work_mem")).isEqualTo("5MB");
			}
		}
		finally {
			context.close();
			EmbeddedPostgres.deleteIfUnused(dataDir);
		}
	}

	private static String setting(Statement statement, String name) throws Exception {
		try (ResultSet result = statement.executeQuery("show " + name)) {
			assertThat(result.next()).isTrue();
			return result.getString(1);
		}
	}

	/**
	 * Runs the post-processor the way Spring Boot does: on the environment first, then
	 * when the context has been prepared.
	 */
	private static GenericApplicationContext prepare(Map<String, Object> properties) {
		StandardEnvironment environment = new StandardEnvironment();
		environment.getPropertySources().addFirst(new MapPropertySource("test", new HashMap<>(properties)));
		DefaultBootstrapContext bootstrapContext = new DefaultBootstrapContext();
		new EmbeddedModeEnvironmentPostProcessor(bootstrapContext).postProcessEnvironment(environment,
				new SpringApplication());
		GenericApplicationContext context = new GenericApplicationContext();
		context.setEnvironment(environment);
		bootstrapContext.close(context);
		return context;
	}

}
