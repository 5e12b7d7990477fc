package com.backorderdesk;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;

import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;
import reactor.test.StepVerifier;

import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.flyway.autoconfigure.FlywayAutoConfiguration;
import org.springframework.boot.r2dbc.autoconfigure.R2dbcAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.ApplicationContext;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.r2dbc.core.DatabaseClient;

import static org.assertj.core.api.Assertions.assertThat;

@SpringBootTest(classes = TestDatabaseTests.DatabaseOnly.class, webEnvironment = SpringBootTest.WebEnvironment.NONE)
class TestDatabaseTests {

	private final ApplicationContext context;

	TestDatabaseTests(ApplicationContext context) {
		this.context = context;
	}

	@Test
	void whenASpringTestRunsThenR2dbcAndFlywayUseTheTestDatabaseAndNothingEmbeddedStarts() throws SQLException {
		Environment environment = this.context.getEnvironment();
		assertThat(environment.getProperty("spring.r2dbc.url")).isEqualTo(TestDatabase.get().r2dbcUrl());
		assertThat(environment.getProperty("spring.flyway.url")).isEqualTo(TestDatabase.get().jdbcUrl());
		assertThat(environment.getProperty("backorder.demo-data.enabled")).isEqualTo("false");
		assertThat(environment.getProperty("backorder.mode")).isEqualTo("production");
		assertThat(this.context.containsBean("embeddedPostgres")).isFalse();
		try (Connection flyway = this.context.getBean(Flyway.class)
			.getConfiguration()
			.getDataSource()
			.getConnection()) {
			assertThat(flyway.getMetaData().getURL()).isEqualTo(TestDatabase.get().jdbcUrl());
		}
		StepVerifier
			.create(this.context.getBean(DatabaseClient.class)
				.sql("SELECT current_database()")
				.map((row) -> row.get(0, String.class))
				.one())
			.expectNext("backorder")
			.expectComplete()
			.verify(Duration.ofSeconds(10));
	}

	@Configuration(proxyBeanMethods = false)
	@ImportAutoConfiguration({ R2dbcAutoConfiguration.class, FlywayAutoConfiguration.class })
	static class DatabaseOnly {

	}

}
