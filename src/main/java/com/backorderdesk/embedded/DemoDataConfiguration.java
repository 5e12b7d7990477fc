package com.backorderdesk.embedded;

import java.time.Clock;
import java.time.Duration;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import com.backorderdesk.catalog.CatalogService;
import com.backorderdesk.inventory.InventoryService;
import com.backorderdesk.orders.OrderService;
import com.backorderdesk.orders.SupplyChanges;
import com.backorderdesk.security.ApiSettings;
import com.backorderdesk.substitution.SubstitutionService;
import reactor.core.publisher.Sinks;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.boot.web.server.context.WebServerGracefulShutdownLifecycle;
import org.springframework.context.ApplicationListener;
import org.springframework.context.SmartLifecycle;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.r2dbc.core.DatabaseClient;

/**
 * Demo data and the start-up message of the embedded mode.
 * <p>
 * A newcomer's first run should not say it has started before there is anything to see.
 * The demo shop is therefore loaded as a lifecycle step that runs before the web server
 * starts: until it is loaded nothing listens on the port (a browser gets "connection
 * refused", never an empty shop), Spring Boot's "Started ..." line has not been printed,
 * and the readiness probe, which turns UP only with {@link ApplicationReadyEvent}, is not
 * answering at all. The ready line with the addresses, demo order and accounts comes
 * last, once everything is up.
 */
@Configuration(proxyBeanMethods = false)
class DemoDataConfiguration {

	/** The first line of the message printed when the application is ready. */
	static final String READY = "Backorder Desk is ready at ";

	private static final Log logger = LogFactory.getLog(DemoDataConfiguration.class);

	@Bean
	@ConditionalOnBooleanProperty("backorder.demo-data.enabled")
	DemoDataLoader demoDataLoader(DatabaseClient db, CatalogService catalog, SupplyChanges supply,
			InventoryService inventory, OrderService orders, SubstitutionService substitutions, Clock clock) {
		return new DemoDataLoader(new DemoData(db, catalog, supply, inventory, orders, substitutions, clock));
	}

	@Bean
	@ConditionalOnBooleanProperty("backorder.demo-data.enabled")
	ApplicationListener<ApplicationReadyEvent> embeddedModeWelcome(DemoDataLoader loader, ApiSettings api,
			@Value("${server.address:localhost}") String address,
			@Value("${backorder.dev-mailbox.enabled:false}") boolean mailbox) {
		return (event) -> {
			if (loader.wasStopped()) {
				return;
			}
			String port = event.getApplicationContext().getEnvironment().getProperty("local.server.port", "8080");
			String key = api.named().isEmpty() ? "(none configured)" : api.named().get(0).key();
			logger.info(String.join(System.lineSeparator(), "", "",
					"  " + READY + "http://" + address + ":" + port + "/",
					"  Demo order: " + DemoData.DEMO_ORDER + " for " + DemoData.DEMO_EMAIL,
					"  Staff:      http://" + address + ":" + port + "/staff   (planner/planner, rep/rep, admin/admin)",
					"  API key:    " + key + "   (curl -H 'Authorization: Bearer " + key + "' http://" + address + ":"
							+ port + "/api/v1/orders/" + DemoData.DEMO_ORDER + ")",
					mailbox ? "  E-mail:     http://" + address + ":" + port
							+ "/dev/mailbox   (every e-mail the shop sent)"
							: "  E-mail:     sent through " + event.getApplicationContext()
								.getEnvironment()
								.getProperty("spring.mail.host", "(no mail server)"),
					"  Stop it with Ctrl-C.", ""));
		};
	}

	/**
	 * Loads the demo shop on the main thread while the context starts, one phase before
	 * the web server, so the server opens its port on a shop that is already there.
	 */
	static final class DemoDataLoader implements SmartLifecycle {

		private final DemoData data;

		private volatile boolean running;

		private volatile boolean stopped;

		DemoDataLoader(DemoData data) {
			this.data = data;
		}

		/**
		 * Loads the demo shop unless it is there. Ctrl-C while it loads stops the load at
		 * once: the context's own shutdown waits for the start to finish, and the Maven
		 * plugin kills an application that has not stopped 5 seconds after Ctrl-C.
		 */
		@Override
		public void start() {
			Sinks.One<Boolean> stopping = Sinks.one();
			Thread hook = new Thread(() -> stopping.tryEmitValue(true), "demo-data-stop");
			Runtime.getRuntime().addShutdownHook(hook);
			try {
				Boolean stopped = this.data.loadOnce()
					.map((loaded) -> false)
					.takeUntilOther(stopping.asMono())
					.defaultIfEmpty(true)
					.block(Duration.ofMinutes(5));
				this.stopped = Boolean.TRUE.equals(stopped);
				if (this.stopped) {
					logger.warn("Stopped while loading the demo shop, which is now incomplete; delete the data folder "
							+ "(backorder.embedded.data-dir, data/postgres by default) to load it again");
				}
			}
			finally {
				removeHook(hook);
			}
			this.running = true;
		}

		private static void removeHook(Thread hook) {
			try {
				Runtime.getRuntime().removeShutdownHook(hook);
			}
			catch (IllegalStateException ex) {
				// the JVM is stopping: the hook has run
			}
		}

		/**
		 * Whether Ctrl-C stopped the load: then the application is stopping, not ready.
		 */
		boolean wasStopped() {
			return this.stopped;
		}

		@Override
		public void stop() {
			this.running = false;
		}

		@Override
		public boolean isRunning() {
			return this.running;
		}

		@Override
		public int getPhase() {
			// the web server starts at SMART_LIFECYCLE_PHASE - 1024
			return WebServerGracefulShutdownLifecycle.SMART_LIFECYCLE_PHASE - 2048;
		}

	}

}
