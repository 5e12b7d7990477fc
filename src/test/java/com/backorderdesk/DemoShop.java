package com.backorderdesk;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Backorder Desk as a first start in embedded mode leaves it, with the demo shop loaded,
 * running on a database of its own in the test PostgreSQL so nothing it does touches
 * other tests. Close it to stop the application and drop the database.
 */
public final class DemoShop implements AutoCloseable {

	/** The API key the demo shop accepts. */
	public static final String API_KEY = "demo-api-key";

	private final String database;

	private final ConfigurableApplicationContext app;

	private DemoShop(String database, ConfigurableApplicationContext app) {
		this.database = database;
		this.app = app;
	}

	/**
	 * Creates a database and starts the application on it with the demo data.
	 * @return the running demo shop
	 */
	public static DemoShop start() {
		TestDatabase test = TestDatabase.get();
		String database = "demo_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
		execute(test, "create database " + database);
		Map<String, Object> properties = new LinkedHashMap<>(test.applicationProperties());
		properties.put("spring.r2dbc.url", test.r2dbcUrl().replaceFirst("/[^/?]+(\\?|$)", "/" + database + "$1"));
		properties.put("spring.flyway.url", test.jdbcUrl().replaceFirst("/[^/?]+(\\?|$)", "/" + database + "$1"));
		properties.put("backorder.demo-data.enabled", "true");
		properties.put("backorder.api.keys", API_KEY);
		properties.put("server.port", "0");
		// as arguments, so they win over the test configuration files
		String[] args = properties.entrySet()
			.stream()
			.map((entry) -> "--" + entry.getKey() + "=" + entry.getValue())
			.toArray(String[]::new);
		return new DemoShop(database, new SpringApplicationBuilder(BackorderDeskApplication.class).run(args));
	}

	/**
	 * The running application.
	 * @return its context
	 */
	public ConfigurableApplicationContext app() {
		return this.app;
	}

	/**
	 * The application's address.
	 * @return {@code http://127.0.0.1:<port>}
	 */
	public String baseUrl() {
		return "http://127.0.0.1:" + this.app.getEnvironment().getRequiredProperty("local.server.port");
	}

	@Override
	public void close() {
		this.app.close();
		execute(TestDatabase.get(), "drop database if exists " + this.database + " with (force)");
	}

	private static void execute(TestDatabase database, String sql) {
		try (Connection connection = DriverManager.getConnection(database.jdbcUrl(), database.username(),
				database.password()); Statement statement = connection.createStatement()) {
			statement.execute(sql);
		}
		catch (SQLException ex) {
			throw new IllegalStateException("Could not run '" + sql + "' on the test database", ex);
		}
	}

}
