package com.backorderdesk.embedded;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.icegreen.greenmail.util.GreenMail;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.bootstrap.ConfigurableBootstrapContext;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.ApplicationListener;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.event.ContextClosedEvent;
import org.springframework.context.support.GenericApplicationContext;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.PropertyResolver;
import org.springframework.util.StringUtils;

/**
 * Picks the running mode. Without {@code spring.r2dbc.url} (and unless
 * {@code backorder.embedded.enabled=false}) Backorder Desk runs in embedded mode: it
 * starts an {@link EmbeddedPostgres}, points R2DBC and Flyway at it, and defaults to the
 * demo set-up, and an embedded SMTP server catches every e-mail unless
 * {@code spring.mail.host} names another. With {@code spring.r2dbc.url} it runs in
 * production mode and starts nothing; Flyway then uses the same database unless told
 * otherwise.
 */
class EmbeddedModeEnvironmentPostProcessor implements EnvironmentPostProcessor {

	static final String DATABASE = "backorder";

	static final String USERNAME = "backorder";

	static final String PASSWORD = "backorder";

	static final String CONNECTION_SOURCE = "backorderEmbeddedDatabase";

	static final String DEFAULTS_SOURCE = "backorderModeDefaults";

	static final String SMTP_SOURCE = "backorderEmbeddedSmtp";

	// r2dbc[s]:[pool:]postgres[ql]://[user[:password]@]host[:port][,...]/db[?options]
	private static final Pattern POSTGRES_R2DBC_URL = Pattern
		.compile("r2dbc(s?):(?:pool:)?postgres(?:ql)?://(?:([^@/?]*)@)?([^?]*)(?:\\?(.*))?");

	// Options that r2dbc-postgresql and the JDBC driver spell differently
	private static final Map<String, String> JDBC_OPTION_NAMES = Map.of("sslMode", "sslmode", "schema",
			"currentSchema");

	private static final Logger logger = LoggerFactory.getLogger(EmbeddedModeEnvironmentPostProcessor.class);

	private final ConfigurableBootstrapContext bootstrapContext;

	EmbeddedModeEnvironmentPostProcessor(ConfigurableBootstrapContext bootstrapContext) {
		this.bootstrapContext = bootstrapContext;
	}

	@Override
	public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
		// Decided once the context is prepared: initializers and test set-up may still
		// add a database of their own, and then no embedded server must start
		this.bootstrapContext.addCloseListener((event) -> configure(event.getApplicationContext()));
	}

	void configure(ConfigurableApplicationContext context) {
		ConfigurableEnvironment environment = context.getEnvironment();
		String r2dbcUrl = environment.getProperty("spring.r2dbc.url");
		if (StringUtils.hasText(r2dbcUrl)) {
			addDefaults(environment, productionDefaults(environment, r2dbcUrl));
			return;
		}
		EmbeddedDatabaseSettings settings = Binder.get(environment)
			.bindOrCreate(EmbeddedDatabaseSettings.PREFIX, EmbeddedDatabaseSettings.class);
		if (settings.enabled()) {
			startEmbedded(context, settings);
		}
	}

	private void startEmbedded(ConfigurableApplicationContext context, EmbeddedDatabaseSettings settings) {
		SharedEmbeddedPostgres.Lease lease = SharedEmbeddedPostgres
			.acquire(new EmbeddedPostgres.Settings(Path.of(settings.dataDir()), settings.port(), DATABASE, USERNAME,
					PASSWORD, Objects.requireNonNull(settings.serverSettings())));
		EmbeddedPostgres postgres = lease.postgres();
		// First, so that a stray spring.r2dbc.username cannot miss our server
		context.getEnvironment()
			.getPropertySources()
			.addFirst(new MapPropertySource(CONNECTION_SOURCE, embeddedConnection(postgres.port())));
		addDefaults(context.getEnvironment(), embeddedDefaults());
		stopWithContext(context, lease);
		if (!StringUtils.hasText(context.getEnvironment().getProperty("spring.mail.host"))) {
			startSmtp(context, settings.smtpPort());
		}
		logger.info("Embedded PostgreSQL on 127.0.0.1:{} with data in {}; set spring.r2dbc.url to use another database",
				postgres.port(), postgres.dataDirectory());
	}

	/**
	 * Starts an SMTP server that keeps every e-mail in memory for the dev mailbox, and
	 * points Spring's mail sender at it.
	 */
	private static void startSmtp(ConfigurableApplicationContext context, int port) {
		GreenMail smtp = EmbeddedSmtp.start(port);
		context.getEnvironment()
			.getPropertySources()
			.addFirst(new MapPropertySource(SMTP_SOURCE, embeddedSmtp(smtp.getSmtp().getPort())));
		if (context instanceof GenericApplicationContext generic) {
			generic.registerBean("embeddedSmtp", GreenMail.class, () -> smtp, (definition) -> {
				definition.setDestroyMethodName("stop");
				definition.setLazyInit(false);
			});
		}
		logger.info("Embedded SMTP server on 127.0.0.1:{}; read its e-mail at /dev/mailbox", smtp.getSmtp().getPort());
	}

	static Map<String, Object> embeddedSmtp(int port) {
		Map<String, Object> properties = new LinkedHashMap<>();
		properties.put("spring.mail.host", "127.0.0.1");
		properties.put("spring.mail.port", port);
		properties.put("backorder.dev-mailbox.enabled", "true");
		return properties;
	}

	/**
	 * Stops the server when the context closes. As the first bean registered it is
	 * destroyed last, after the connection pools that still use the server.
	 */
	private static void stopWithContext(ConfigurableApplicationContext context, SharedEmbeddedPostgres.Lease lease) {
		if (context instanceof GenericApplicationContext generic) {
			generic.registerBean("embeddedPostgres", SharedEmbeddedPostgres.Lease.class, () -> lease, (definition) -> {
				definition.setDestroyMethodName("close");
				definition.setLazyInit(false);
			});
		}
		else {
			context.addApplicationListener((ApplicationListener<ContextClosedEvent>) (event) -> {
				if (event.getApplicationContext() == context) {
					lease.close();
				}
			});
		}
	}

	/**
	 * Adds properties that apply only where nothing else sets them.
	 */
	private static void addDefaults(ConfigurableEnvironment environment, Map<String, Object> defaults) {
		environment.getPropertySources().addLast(new MapPropertySource(DEFAULTS_SOURCE, defaults));
	}

	static Map<String, Object> embeddedConnection(int port) {
		String address = "//127.0.0.1:" + port + "/" + DATABASE;
		Map<String, Object> properties = new LinkedHashMap<>();
		properties.put("spring.r2dbc.url", "r2dbc:postgresql:" + address);
		properties.put("spring.r2dbc.username", USERNAME);
		properties.put("spring.r2dbc.password", PASSWORD);
		properties.put("spring.flyway.url", "jdbc:postgresql:" + address);
		properties.put("spring.flyway.user", USERNAME);
		properties.put("spring.flyway.password", PASSWORD);
		return properties;
	}

	static Map<String, Object> embeddedDefaults() {
		Map<String, Object> properties = new LinkedHashMap<>();
		// Demo accounts and an API key everyone knows: keep them off the network
		properties.put("server.address", "127.0.0.1");
		properties.put("backorder.mode", "embedded");
		properties.put("backorder.api.keys", "demo:demo-api-key");
		properties.put("backorder.demo-data.enabled", "true");
		properties.put("backorder.staff.demo-accounts", "true");
		return properties;
	}

	static Map<String, Object> productionDefaults(PropertyResolver environment, String r2dbcUrl) {
		Map<String, Object> properties = new LinkedHashMap<>();
		properties.put("backorder.mode", "production");
		if (!StringUtils.hasText(environment.getProperty("spring.flyway.url"))) {
			properties.putAll(flywayConnection(r2dbcUrl, environment.getProperty("spring.r2dbc.username"),
					environment.getProperty("spring.r2dbc.password")));
		}
		return properties;
	}

	/**
	 * Flyway's JDBC connection to the database an R2DBC URL names: Flyway migrates over
	 * JDBC, and nobody should have to configure the same database twice.
	 * @param r2dbcUrl the R2DBC URL
	 * @param username the R2DBC user name, if set
	 * @param password the R2DBC password, if set
	 * @return the {@code spring.flyway.*} properties, empty if the URL is not for
	 * PostgreSQL
	 */
	static Map<String, Object> flywayConnection(String r2dbcUrl, @Nullable String username, @Nullable String password) {
		Matcher matcher = POSTGRES_R2DBC_URL.matcher(r2dbcUrl.trim());
		if (!matcher.matches()) {
			return Map.of();
		}
		StringBuilder url = new StringBuilder("jdbc:postgresql://").append(matcher.group(3));
		StringBuilder options = new StringBuilder();
		if (matcher.group(4) != null) {
			for (String option : matcher.group(4).split("&")) {
				String name = option.contains("=") ? option.substring(0, option.indexOf('=')) : option;
				options.append(options.isEmpty() ? "" : "&")
					.append(JDBC_OPTION_NAMES.getOrDefault(name, name))
					.append(option.substring(name.length()));
			}
		}
		if (!matcher.group(1).isEmpty() && !options.toString().contains("sslmode=")) {
			options.append(options.isEmpty() ? "" : "&").append("sslmode=require");
		}
		if (!options.isEmpty()) {
			url.append('?').append(options);
		}
		Map<String, Object> properties = new LinkedHashMap<>();
		properties.put("spring.flyway.url", url.toString());
		// The JDBC driver takes no user info in the URL: pass it as properties
		String[] userInfo = (matcher.group(2) != null) ? matcher.group(2).split(":", 2) : new String[0];
		String user = (username != null) ? username : (userInfo.length > 0) ? decode(userInfo[0]) : null;
		String secret = (password != null) ? password : (userInfo.length > 1) ? decode(userInfo[1]) : null;
		if (user != null) {
			properties.put("spring.flyway.user", user);
		}
		if (secret != null) {
			properties.put("spring.flyway.password", secret);
		}
		return properties;
	}

	private static String decode(String value) {
		// Percent-decoding only: a '+' in a URL's user info is a plus, not a space
		return URLDecoder.decode(value.replace("+", "%2B"), StandardCharsets.UTF_8);
	}

}
