package com.backorderdesk.security;

import java.time.Duration;
import java.util.EnumSet;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import reactor.core.Disposable;
import reactor.test.StepVerifier;

import com.backorderdesk.AppInstance;
import com.backorderdesk.Browser;
import com.backorderdesk.TestShop;
import com.backorderdesk.orders.OrderView;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.ApplicationContext;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.codec.ServerSentEvent;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Two application instances on one database, as behind a load balancer: a staff login and
 * a customer's lookup made on one instance work on the other (pages, forms with their
 * CSRF tokens, live streams) and survive a restart; a disabled account is refused on both
 * at its next request, and revoked links end the access they opened.
 */
@SpringBootTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SharedSessionsTests {

	private static final Duration TIMEOUT = Duration.ofSeconds(30);

	private static final String PASSWORD = "correct horse battery";

	@Autowired
	private ApplicationContext context;

	@Autowired
	private StaffAccounts accounts;

	private AppInstance instanceA;

	private AppInstance instanceB;

	@BeforeAll
	void startTwoInstances() {
		this.instanceA = AppInstance.start();
		this.instanceB = AppInstance.start();
	}

	@AfterAll
	void stopThem() {
		this.instanceA.close();
		this.instanceB.close();
	}

	@Test
	void whenStaffAndACustomerStartOnOneInstanceThenTheOtherAndARestartedOneServeThemUntilAccessEnds() {
		TestShop shop = new TestShop(this.context);
		OrderView order = shop.order("SHARED", shop.product("SHARED", 1000, 5), 1);
		String number = order.number();
		String rep = "rep-" + UUID.randomUUID().toString().substring(0, 8);
		this.accounts.create(rep, "Shared Rep", EnumSet.of(StaffRole.REP), PASSWORD).block(TIMEOUT);

		// logged in and looked up on A
		Browser staffOnA = Browser.of(this.instanceA.client());
		assertThat(staffOnA.logIn(rep, PASSWORD).location()).endsWith("/staff");
		assertThat(staffOnA.get("/staff/orders/" + number).status()).isEqualTo(HttpStatus.OK);
		Browser customerOnA = Browser.of(this.instanceA.client());
		assertThat(customerOnA.lookUp(number, "test@example.com").location()).isEqualTo("/orders/" + number);
		assertThat(customerOnA.get("/orders/" + number).status()).isEqualTo(HttpStatus.OK);

		// B serves both: pages, forms posted with the token A rendered, live streams
		Browser staffOnB = staffOnA.onto(this.instanceB.client());
		assertThat(staffOnB.get("/staff/orders/" + number).status()).isEqualTo(HttpStatus.OK);
		staffOnA.get("/staff/orders/" + number);
		Browser.Page noted = staffOnA.onto(this.instanceB.client())
			.post("/staff/orders/" + number + "/notes", "body", "Seen on another instance");
		assertThat(noted.location()).endsWith("?noted=1#notes");
		assertThat(staffOnB.get("/staff/orders/" + number).body()).contains("Seen on another instance");
		Browser customerOnB = customerOnA.onto(this.instanceB.client());
		assertThat(customerOnB.get("/orders/" + number).status()).isEqualTo(HttpStatus.OK);
		Browser.Page saved = customerOnA.onto(this.instanceB.client())
			.post("/orders/" + number + "/preferences", "ship", "SHIP_COMPLETE", "email", "IMPORTANT_ONLY");
		assertThat(saved.location()).endsWith("notice=preferences-saved");
		assertStreamOpens(this.instanceB, "/orders/" + number + "/events", customerOnA);
		assertStreamOpens(this.instanceB, "/staff/orders/" + number + "/events", staffOnA);

		// A restarts: nobody has to log in or look up again
		this.instanceA.close();
		this.instanceA = AppInstance.start();
		Browser staffOnNewA = staffOnA.onto(this.instanceA.client());
		Browser customerOnNewA = customerOnA.onto(this.instanceA.client());
		assertThat(staffOnNewA.get("/staff/orders/" + number).status()).isEqualTo(HttpStatus.OK);
		assertThat(customerOnNewA.get("/orders/" + number).status()).isEqualTo(HttpStatus.OK);
		// forms rendered before the restart post to the new A, and its streams open
		Browser.Page notedAfterRestart = staffOnB.onto(this.instanceA.client())
			.post("/staff/orders/" + number + "/notes", "body", "Seen after a restart");
		assertThat(notedAfterRestart.location()).endsWith("?noted=1#notes");
		Browser.Page savedAfterRestart = customerOnB.onto(this.instanceA.client())
			.post("/orders/" + number + "/preferences", "ship", "SHIP_WHEN_READY", "email", "EVERY_UPDATE");
		assertThat(savedAfterRestart.location()).endsWith("notice=preferences-saved");
		assertStreamOpens(this.instanceA, "/orders/" + number + "/events", customerOnA);
		assertStreamOpens(this.instanceA, "/staff/orders/" + number + "/events", staffOnA);

		// the customer's links are revoked on B: the access they and the lookup opened
		// ends
		// everywhere, and so does the link sent before
		String oldLink = this.context.getBean(CustomerLinks.class)
			.linkFor(order.id(), CustomerLinks.VIEW)
			.block(TIMEOUT);
		staffOnB.get("/staff/orders/" + number);
		assertThat(staffOnB.post("/staff/orders/" + number + "/revoke-links").location()).contains("revoked=1");
		assertThat(customerOnNewA.get("/orders/" + number).location()).isEqualTo("/?access=required");
		assertThat(customerOnB.get("/orders/" + number).location()).isEqualTo("/?access=required");
		assertThat(customerOnB.get(oldLink).status()).isEqualTo(HttpStatus.GONE);
		assertThat(new TestShop(this.context)
			.count("select count(*) from audit_entry where action = 'CUSTOMER_LINKS_REVOKED' and subject = 'order "
					+ number + "' and actor = '" + rep + "'"))
			.isEqualTo(1);

		// the account is disabled: its session is refused on both instances at once
		long id = this.accounts.list()
			.block(TIMEOUT)
			.stream()
			.filter((member) -> member.username().equals(rep))
			.findFirst()
			.orElseThrow()
			.id();
		this.accounts.find(id)
			.flatMap((member) -> this.accounts.setEnabled(id, false, member.version(), 0))
			.block(TIMEOUT);
		assertThat(staffOnNewA.get("/staff/orders/" + number).location()).endsWith("/staff/login");
		assertThat(staffOnB.get("/staff/orders/" + number).location()).endsWith("/staff/login");
	}

	@Test
	void whenTheLinksAreRevokedOnOneInstanceThenAStreamOnTheOtherEndsAndItsReconnectIsRefused() {
		TestShop shop = new TestShop(this.context);
		OrderView order = shop.order("REVOKED", shop.product("REVOKED", 1000, 5), 1);
		String number = order.number();
		Browser customerOnB = Browser.of(this.instanceB.client());
		assertThat(customerOnB.lookUp(number, "test@example.com").location()).isEqualTo("/orders/" + number);
		String rep = "rep-" + UUID.randomUUID().toString().substring(0, 8);
		this.accounts.create(rep, "Revoking Rep", EnumSet.of(StaffRole.REP), PASSWORD).block(TIMEOUT);
		Browser repOnA = Browser.of(this.instanceA.client());
		assertThat(repOnA.logIn(rep, PASSWORD).location()).endsWith("/staff");
		repOnA.get("/staff/orders/" + number);
		// open (its headers came) before the links are revoked
		StepVerifier ends = StepVerifier.create(customerOnB.events("/orders/{number}/events", number))
			.expectComplete()
			.verifyLater();
		assertThat(repOnA.post("/staff/orders/" + number + "/revoke-links").location()).contains("revoked=1");
		ends.verify(TIMEOUT);
		this.instanceB.client()
			.get()
			.uri("/orders/{number}/events", number)
			.accept(MediaType.TEXT_EVENT_STREAM)
			.header("X-Forwarded-For", customerOnB.address())
			.cookies((jar) -> customerOnB.cookies().forEach(jar::add))
			.exchange()
			.expectStatus()
			.isForbidden();
	}

	@Test
	void whenAnAccountIsDisabledThenItsOpenStaffStreamsEndOnEveryInstance() {
		TestShop shop = new TestShop(this.context);
		String number = shop.order("STREAMS", shop.product("STREAMS", 1000, 5), 1).number();
		String rep = "rep-" + UUID.randomUUID().toString().substring(0, 8);
		StaffMember member = this.accounts.create(rep, "Streaming Rep", EnumSet.of(StaffRole.REP), PASSWORD)
			.block(TIMEOUT);
		Browser staffOnA = Browser.of(this.instanceA.client());
		assertThat(staffOnA.logIn(rep, PASSWORD).location()).endsWith("/staff");
		Browser staffOnB = staffOnA.onto(this.instanceB.client());
		// open (their headers came) before the account is disabled; any refresh they get
		// meanwhile is fine
		StepVerifier dashboardEnds = StepVerifier.create(staffOnA.events("/staff/dashboard/events"))
			.thenConsumeWhile((event) -> true)
			.expectComplete()
			.verifyLater();
		StepVerifier orderEnds = StepVerifier.create(staffOnB.events("/staff/orders/{number}/events", number))
			.thenConsumeWhile((event) -> true)
			.expectComplete()
			.verifyLater();
		StepVerifier workbenchEnds = StepVerifier.create(staffOnB.events("/staff/substitutions/events"))
			.thenConsumeWhile((event) -> true)
			.expectComplete()
			.verifyLater();
		// another member of staff's stream on B is checked in the same statement and
		// stays
		String other = "rep-" + UUID.randomUUID().toString().substring(0, 8);
		this.accounts.create(other, "Staying Rep", EnumSet.of(StaffRole.REP), PASSWORD).block(TIMEOUT);
		Browser otherOnB = Browser.of(this.instanceB.client());
		assertThat(otherOnB.logIn(other, PASSWORD).location()).endsWith("/staff");
		AtomicBoolean otherEnded = new AtomicBoolean();
		Disposable otherStream = otherOnB.events("/staff/dashboard/events")
			.doFinally((signal) -> otherEnded.set(true))
			.subscribe((event) -> {
			}, (ex) -> {
			});
		this.accounts.setEnabled(member.id(), false, member.version(), 0).block(TIMEOUT);
		dashboardEnds.verify(TIMEOUT);
		orderEnds.verify(TIMEOUT);
		workbenchEnds.verify(TIMEOUT);
		assertThat(staffOnB.get("/staff/dashboard/events").location()).endsWith("/staff/login");
		// B's check that ended the first rep's streams asked for this one too
		assertThat(otherEnded).isFalse();
		otherStream.dispose();
	}

	private static void assertStreamOpens(AppInstance instance, String uri, Browser browser) {
		StepVerifier
			.create(instance.client()
				.get()
				.uri(uri)
				.accept(MediaType.TEXT_EVENT_STREAM)
				.header("X-Forwarded-For", "10.101.0.1")
				.cookies((jar) -> browser.cookies().forEach(jar::add))
				.exchange()
				.expectStatus()
				.isOk()
				.returnResult(ServerSentEvent.class)
				.getResponseBody())
			.expectNextCount(1)
			.thenCancel()
			.verify(TIMEOUT);
	}

}
