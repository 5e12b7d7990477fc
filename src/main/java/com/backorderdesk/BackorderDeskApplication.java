package com.backorderdesk;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/**
 * Backorder Desk: honest delivery windows, live updates and real choices for items a shop
 * sold before it had them.
 */
@SpringBootApplication
@ConfigurationPropertiesScan
public class BackorderDeskApplication {

	public static void main(String[] args) {
		SpringApplication.run(BackorderDeskApplication.class, args);
	}

}
