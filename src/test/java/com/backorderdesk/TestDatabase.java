package com.backorderdesk;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.backorderdesk.embedded.EmbeddedPostgres;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.postgresql.PostgreSQLContainer;

/**
 * The PostgreSQL every test in this JVM uses: a Testcontainers container where Docker
 * runs, otherwise an {@link EmbeddedPostgres} on a throw-away data folder under
 * {@code target}. Started on first use, shared by all Spring test contexts (see
 * {@link TestDatabaseContextCustomizerFactory}) and by tests that run several application
 * instances on one database, and gone when the JVM exits.
 */
public final class TestDatabase {

	private static final String DATABASE = "backorder";

	private static final String USERNAME = "backorder";

	private static final String PASSWORD = "backorder";

	// Durability buys nothing for a database that dies with the JVM; connections are many
	// because every cached Spring test context keeps its own pool
	private static final Map<String, String> SERVER_SETTINGS = Map.of("fsync", "off", "synchronous_commit", "off",
			"full_page_writes", "off", "max_connections", "300");

	private static final Logger logger = LoggerFactory.getLogger(TestDatabase.class);

	private static @Nullable TestDatabase instance;

	private final String address;

	private final String description;

	private TestDatabase(String host, int port, String description) {
		this.address = "//" + host + ":" + port + "/" + DATABASE;
		this.description = description;
	}

	/**
	 * The database, started on first use.
	 * @return the database
	 */
	public static synchronized TestDatabase get() {
		if (instance == null) {
			instance = DockerClientFactory.instance().isDockerAvailable() ? startContainer() : startEmbedded();
			logger.info("Tests use {}", instance);
		}
		return instance;
	}

	public String r2dbcUrl() {
		return "r2dbc:postgresql:" + this.address;
	}

	public String jdbcUrl() {
		return "jdbc:postgresql:" + this.address;
	}

	public String username() {
		return USERNAME;
	}

	public String password() {
		return PASSWORD;
	}

	/**
	 * Properties that point an application at this database, with the demo data off so
	 * tests start from an empty schema.
	 * @return the properties
	 */
	public Map<String, Object> applicationProperties() {
		Map<String, Object> properties = new LinkedHashMap<>();
		properties.put("spring.r2dbc.url", r2dbcUrl());
		properties.put("spring.r2dbc.username", username());
		properties.put("spring.r2dbc.password", password());
		properties.put("spring.flyway.url", jdbcUrl());
		properties.put("spring.flyway.user", username());
		properties.put("spring.flyway.password", password());
		properties.put("backorder.demo-data.enabled", "false");
		return properties;
	}

	@Override
	public String toString() {
		return "TestDatabase[" + this.description + ", " + jdbcUrl() + "]";
	}

	private static TestDatabase startContainer() {
		PostgreSQLContainer container = new PostgreSQLContainer("postgres:17-alpine").withDatabaseName(DATABASE)
			.withUsername(USERNAME)
			.withPassword(PASSWORD);
		List<String> command = new ArrayList<>(List.of("postgres"));
		SERVER_SETTINGS.forEach((name, value) -> command.addAll(List.of("-c", name + "=" + value)));
		container.withCommand(command.toArray(String[]::new));
		// Testcontainers' reaper removes the container when the JVM exits
		container.start();
		return new TestDatabase(container.getHost(), container.getMappedPort(PostgreSQLContainer.POSTGRESQL_PORT),
				"container " + container.getDockerImageName());
	}

	private static TestDatabase startEmbedded() {
		Path target = Path.of("target").toAbsolutePath();
		deleteLeftovers(target);
		Path folder = target.resolve("test-postgres-" + UUID.randomUUID().toString().substring(0, 8));
		EmbeddedPostgres postgres = EmbeddedPostgres
			.start(new EmbeddedPostgres.Settings(folder, 0, DATABASE, USERNAME, PASSWORD, SERVER_SETTINGS));
		Runtime.getRuntime().addShutdownHook(new Thread(() -> {
			postgres.close();
			EmbeddedPostgres.deleteIfUnused(folder);
		}, "test-database-cleanup"));
		return new TestDatabase("127.0.0.1", postgres.port(), "embedded PostgreSQL in " + folder);
	}

	/**
	 * Deletes data folders of earlier runs that were killed before they could clean up,
	 * sparing those of test runs still going.
	 */
	private static void deleteLeftovers(Path target) {
		if (!Files.isDirectory(target)) {
			return;
		}
		try (DirectoryStream<Path> folders = Files.newDirectoryStream(target, "test-postgres-*")) {
			for (Path folder : folders) {
				EmbeddedPostgres.deleteIfUnused(folder);
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
