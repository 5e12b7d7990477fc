package com.backorderdesk.timeline;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import reactor.core.publisher.Flux;
import reactor.test.StepVerifier;

import com.backorderdesk.BackorderDeskApplication;
import com.backorderdesk.TestDatabase;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.ApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.Environment;
import org.springframework.r2dbc.core.DatabaseClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Two application instances on one database: a change committed through one reaches the
 * other's followers, also when the other has just lost its listening connection.
 */
@SpringBootTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class TwoInstancesTests {

	@Autowired
	private ApplicationContext instanceA;

	@Autowired
	private Environment environmentA;

	@Autowired
	private DatabaseClient db;

	private ConfigurableApplicationContext instanceB;

	private Timelines timelines;

	@BeforeAll
	void startSecondInstance() {
		this.timelines = new Timelines(this.instanceA);
		// the database instance A was given, read back from A: B must not start one of
		// its own
		assertThat(this.environmentA.getProperty("spring.r2dbc.url")).isNotBlank();
		Stream<String> database = TestDatabase.get()
			.applicationProperties()
			.keySet()
			.stream()
			.map((name) -> "--" + name + "=" + this.environmentA.getRequiredProperty(name));
		// as arguments, so they win over application.yml (server.port 8080 would clash
		// with anything else listening there)
		this.instanceB = new SpringApplicationBuilder(BackorderDeskApplication.class)
			.run(Stream.concat(database, Stream.of("--server.port=0")).toArray(String[]::new));
	}

	@AfterAll
	void stopSecondInstance() {
		this.instanceB.close();
	}

	@Test
	void whenChangeIsCommittedOnOneInstanceThenFollowersOnTheOtherGetItBeforeThePollWould() {
		long orderId = this.timelines.newOrder();
		AtomicLong committed = new AtomicLong();
		AtomicLong received = new AtomicLong();
		StepVerifier.create(followOnB(orderId).doOnNext((event) -> received.set(System.nanoTime()))).then(() -> {
			this.timelines.commit(orderId, "ETA_CHANGED");
			// timed from the end of the commit: how long the commit itself takes on a
			// loaded box is not what is claimed
			committed.set(System.nanoTime());
		}).expectNextCount(1).thenCancel().verify(Timelines.TIMEOUT);
		// the notification, not the listener's poll every 3 s, brought it
		assertThat(Duration.ofNanos(received.get() - committed.get())).isLessThan(Duration.ofSeconds(2));
	}

	@Test
	void whenListeningConnectionIsKilledThenTheOtherInstanceReconnectsAndMissesNothing() {
		long orderId = this.timelines.newOrder();
		OrderEventListener listenerB = this.instanceB.getBean(OrderEventListener.class);
		List<Long> received = new CopyOnWriteArrayList<>();
		StepVerifier.create(followOnB(orderId).map(OrderEvent::id).doOnNext(received::add))
			.then(() -> this.timelines.commit(orderId, "BEFORE"))
			.expectNextCount(1)
			.then(() -> {
				assertThat(terminate(listenerB.backendPid())).isEqualTo(OrderEventListener.APPLICATION_NAME);
				this.timelines.commit(orderId, "WHILE_AWAY_1");
				this.timelines.commit(orderId, "WHILE_AWAY_2");
			})
			.expectNextCount(2)
			.then(() -> this.timelines.commit(orderId, "AFTER"))
			.expectNextCount(1)
			.expectNoEvent(Duration.ofMillis(300))
			.thenCancel()
			.verify(Timelines.TIMEOUT);
		assertThat(received).containsExactlyElementsOf(this.timelines.ids(orderId)).hasSize(4);
	}

	private Flux<OrderEvent> followOnB(long orderId) {
		return this.instanceB.getBean(OrderEventStream.class).follow(orderId, 0);
	}

	/** Ends a server process as an administrator would; returns its application name. */
	private String terminate(int pid) {
		return this.db.sql("""
				select application_name, pg_terminate_backend(pid) as terminated
				from pg_stat_activity where pid = :pid
				""")
			.bind("pid", pid)
			.map((row) -> Map.entry(row.get("application_name", String.class), row.get("terminated", Boolean.class)))
			.one()
			.filter(Map.Entry::getValue)
			.map(Map.Entry::getKey)
			.block(Timelines.TIMEOUT);
	}

}
