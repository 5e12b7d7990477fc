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
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.ApplicationListener;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.r2dbc.core.DatabaseClient;

/**
 * Demo data and the start-up message of the embedded mode.
 */
@Configuration(proxyBeanMethods = false)
class DemoDataConfiguration {

	private static final Log logger = LogFactory.getLog(DemoDataConfiguration.class);

	@Bean
	@ConditionalOnBooleanProperty("backorder.demo-data.enabled")
	ApplicationRunner demoDataLoader(DatabaseClient db, CatalogService catalog, SupplyChanges supply,
			InventoryService inventory, OrderService orders, SubstitutionService substitutions, Clock clock) {
		// runs on the main thread during start-up, before the application reports ready
		return (args) -> new DemoData(db, catalog, supply, inventory, orders, substitutions, clock).loadOnce()
			.block(Duration.ofMinutes(5));
	}

	@Bean
	@ConditionalOnBooleanProperty("backorder.demo-data.enabled")
	ApplicationListener<ApplicationReadyEvent> embeddedModeWelcome(ApiSettings api,
			@Value("${server.address:localhost}") String address) {
		return (event) -> {
			String port = event.getApplicationContext().getEnvironment().getProperty("local.server.port", "8080");
			String key = api.named().isEmpty() ? "(none configured)" : api.named().get(0).key();
			logger.info(String.join(System.lineSeparator(), "", "",
					"  Backorder Desk is running at http://" + address + ":" + port + "/",
					"  Demo order: " + DemoData.DEMO_ORDER + " for " + DemoData.DEMO_EMAIL,
					"  Staff:      http://" + address + ":" + port + "/staff   (planner/planner, rep/rep, admin/admin)",
					"  API key:    " + key + "   (curl -H 'Authorization: Bearer " + key + "' http://" + address + ":"
							+ port + "/api/v1/orders/" + DemoData.DEMO_ORDER + ")",
					""));
		};
	}

}
