package com.backorderdesk;

import java.time.Duration;
import java.util.Map;
import java.util.stream.Stream;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.http.client.ReactorResourceFactory;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * A whole application instance started by a test, on the test database and SMTP server,
 * for tests of several instances, restarts and outages. Each has event loops of its own,
 * so stopping one leaves the others serving, and a {@link BreakableDatabase} to take its
 * database away.
 */
public final class AppInstance implements AutoCloseable {

	private final ConfigurableApplicationContext context;

	private AppInstance(ConfigurableApplicationContext context) {
		this.context = context;
	}

	/**
	 * Starts an instance.
	 * @param arguments further command-line arguments, such as {@code --server.port=8123}
	 * @return the running instance
	 */
	public static AppInstance start(String... arguments) {
		Map<String, Object> database = TestDatabase.get().applicationProperties();
		Map<String, Object> mail = TestMail.get().applicationProperties();
		String[] args = Stream
			.of(Stream.concat(database.entrySet().stream(), mail.entrySet().stream())
				.map((entry) -> "--" + entry.getKey() + "=" + entry.getValue()), Stream.of("--server.port=0"),
					Stream.of(arguments))
			.flatMap((stream) -> stream)
			.toArray(String[]::new);
		return new AppInstance(new SpringApplicationBuilder(BackorderDeskApplication.class, OwnNettyResources.class,
				BreakableDatabase.class)
			.run(args));
	}

	/** What takes this instance's database away. */
	public BreakableDatabase database() {
		return this.context.getBean(BreakableDatabase.class);
	}

	public ConfigurableApplicationContext context() {
		return this.context;
	}

	public int port() {
		return ((WebServerApplicationContext) this.context).getWebServer().getPort();
	}

	/** A client of this instance. */
	public WebTestClient client() {
		return WebTestClient.bindToServer()
			.baseUrl("http://localhost:" + port())
			.responseTimeout(Duration.ofSeconds(30))
			.build();
	}

	@Override
	public void close() {
		this.context.close();
	}

	/**
	 * Event loops of each instance's own: instances in one JVM share Reactor Netty's
	 * global ones by default, and closing one would stop the others' servers.
	 */
	@TestConfiguration(proxyBeanMethods = false)
	static class OwnNettyResources {

		@Bean
		ReactorResourceFactory reactorResourceFactory() {
			ReactorResourceFactory resources = new ReactorResourceFactory();
			resources.setUseGlobalResources(false);
			return resources;
		}

	}

}
