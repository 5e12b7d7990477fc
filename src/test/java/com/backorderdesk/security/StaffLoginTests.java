package com.backorderdesk.security;

import java.time.Duration;
import java.util.EnumSet;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

import org.junit.jupiter.api.Test;
import reactor.test.StepVerifier;

import com.backorderdesk.Browser;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.http.HttpStatus;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.test.web.reactive.server.WebTestClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Staff login end to end over HTTP and PostgreSQL: sessions, roles, lock-out and logout.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@AutoConfigureWebTestClient
class StaffLoginTests {

	private static final String PASSWORD = "correct horse battery";

	@Autowired
	private WebTestClient http;

	@Autowired
	private StaffAccounts accounts;

	@Autowired
	private DatabaseClient db;

	@Test
	void whenAnonymousThenStaffPagesRedirectToTheLoginPage() {
		Browser browser = browser();
		Browser.Page dashboard = browser.get("/staff");
		assertThat(dashboard.status().is3xxRedirection()).isTrue();
		assertThat(dashboard.location()).endsWith("/staff/login");
		assertThat(browser.get("/staff/restocks").location()).endsWith("/staff/login");
		assertThat(browser.get("/staff/login").body()).contains("Staff login", "name=\"_csrf\"");
	}

	@Test
	void whenLoginSucceedsThenTheSessionIdChangesAndTheDashboardOpens() {
		String username = account(StaffRole.PLANNER);
		Browser browser = browser();
		browser.get("/staff/login");
		String before = browser.cookies().get("SESSION");
		Browser.Page login = browser.post("/staff/login", "username", username, "password", PASSWORD);
		assertThat(login.status().is3xxRedirection()).isTrue();
		assertThat(login.location()).endsWith("/staff");
		assertThat(browser.cookies().get("SESSION")).isNotNull().isNotEqualTo(before);
		Browser.Page dashboard = browser.get("/staff");
		assertThat(dashboard.status()).isEqualTo(HttpStatus.OK);
		assertThat(dashboard.body()).contains("Name of " + username, "Restocks").doesNotContain("Audit log");
	}

	@Test
	void whenPasswordIsWrongThenTheSameMessageAsForAnUnknownUsernameIsShown() {
		String username = account(StaffRole.REP);
		Browser browser = browser();
		Browser.Page wrong = browser.logIn(username, "not the password");
		assertThat(wrong.location()).endsWith("/staff/login?error");
		Browser.Page unknown = browser.logIn("nobody-" + UUID.randomUUID().toString().substring(0, 8), PASSWORD);
		assertThat(unknown.location()).endsWith("/staff/login?error");
		assertThat(browser.get(wrong.location()).body()).contains("Wrong username or password.");
		assertThat(browser.get("/staff").status().is3xxRedirection()).isTrue();
	}

	@Test
	void whenTheUsernameHoldsAControlCharacterOrBracesThenTheLoginFailsLikeAnyWrongOne() {
		Browser browser = browser();
		for (String username : new String[] { "admin\u0000", "\u0000", "{0}", "x".repeat(5000) }) {
			Browser.Page refused = browser.logIn(username, "whatever");
			assertThat(refused.location()).as(username).endsWith("/staff/login?error");
		}
	}

	@Test
	void whenFiveLoginsFailThenTheAccountIsLockedEvenForTheRightPasswordUntilAnAdminResetsIt() {
		String username = account(StaffRole.REP);
		Browser browser = browser();
		for (int i = 0; i < 5; i++) {
			assertThat(browser.logIn(username, "guess " + i).location()).endsWith("?error");
		}
		Browser.Page locked = browser.logIn(username, PASSWORD);
		assertThat(locked.location()).endsWith("/staff/login?locked");
		assertThat(browser.get(locked.location()).body()).contains("Too many failed logins");
		long id = idOf(username);
		StepVerifier
			.create(this.accounts.find(id)
				.flatMap((member) -> this.accounts.resetPassword(id, "a brand new passphrase", member.version())))
			.assertNext((member) -> assertThat(member.lockedUntil()).isNull())
			.verifyComplete();
		assertThat(browser.logIn(username, "a brand new passphrase").location()).endsWith("/staff");
	}

	@Test
	void whenFailedLoginsRaceThenEveryOneCounts() {
		String username = account(StaffRole.REP);
		long id = idOf(username);
		StepVerifier
			.create(reactor.core.publisher.Flux.range(0, 8)
				.flatMap((i) -> this.accounts.recordFailure(id))
				.then(this.accounts.find(id)))
			.assertNext((member) -> assertThat(member.lockedUntil()).isNotNull())
			.verifyComplete();
		StepVerifier
			.create(this.db.sql("select failed_logins from staff_user where id = :id")
				.bind("id", id)
				.map((row) -> row.get(0, Integer.class))
				.one())
			.expectNext(8)
			.verifyComplete();
	}

	@Test
	void whenAccountIsDisabledThenItCannotLogIn() {
		String username = account(StaffRole.PLANNER);
		long id = idOf(username);
		StepVerifier
			.create(this.accounts.find(id)
				.flatMap((member) -> this.accounts.setEnabled(id, false, member.version(), 0)))
			.assertNext((member) -> assertThat(member.enabled()).isFalse())
			.verifyComplete();
		assertThat(browser().logIn(username, PASSWORD).location()).endsWith("/staff/login?error");
	}

	@Test
	void whenRoleIsMissingThenThePageIsForbidden() {
		Browser rep = browser();
		rep.logIn(account(StaffRole.REP), PASSWORD);
		Browser.Page restocks = rep.get("/staff/restocks");
		assertThat(restocks.status()).isEqualTo(HttpStatus.FORBIDDEN);
		assertThat(restocks.body()).contains("Not allowed");
	}

	@Test
	void whenLoggedOutThenStaffPagesNeedALoginAgain() {
		Browser browser = browser();
		browser.logIn(account(StaffRole.ADMIN), PASSWORD);
		Browser.Page dashboard = browser.get("/staff");
		assertThat(dashboard.body()).contains("Audit log", "Staff accounts");
		Browser.Page logout = browser.post("/staff/logout");
		assertThat(logout.location()).endsWith("/staff/login?logout");
		assertThat(browser.get("/staff").location()).endsWith("/staff/login");
	}

	@Test
	void whenAnAdminIsAddedThenThePasswordIsStoredAsAnAdaptiveHashNamingItsAlgorithm() {
		String username = account(StaffRole.ADMIN);
		StepVerifier
			.create(this.db.sql("select password_hash from staff_user where username = :username")
				.bind("username", username)
				.map((row) -> row.get(0, String.class))
				.one())
			.assertNext((hash) -> assertThat(hash).startsWith("{bcrypt}$2").doesNotContain(PASSWORD))
			.verifyComplete();
	}

	@Test
	void whenPasswordIsTooShortThenTheAccountIsNotAddedAndThePasswordFieldIsNamed() {
		StepVerifier.create(this.accounts.create("short-" + suffix(), "Short", EnumSet.of(StaffRole.REP), "abc"))
			.expectErrorSatisfies((ex) -> assertThat(ex).hasFieldOrPropertyWithValue("field", "password"))
			.verify();
	}

	private String account(StaffRole role) {
		String username = role.name().toLowerCase() + "-" + suffix();
		StepVerifier.create(this.accounts.create(username, "Name of " + username, EnumSet.of(role), PASSWORD))
			.expectNextCount(1)
			.expectComplete()
			.verify(Duration.ofSeconds(10));
		return username;
	}

	private long idOf(String username) {
		Long id = this.db.sql("select id from staff_user where username = :username")
			.bind("username", username)
			.map((row) -> row.get(0, Long.class))
			.one()
			.block(Duration.ofSeconds(5));
		assertThat(id).isNotNull();
		return id;
	}

	private Browser browser() {
		ThreadLocalRandom random = ThreadLocalRandom.current();
		return new Browser(this.http, "10.9." + random.nextInt(256) + "." + random.nextInt(256));
	}

	private static String suffix() {
		return UUID.randomUUID().toString().substring(0, 8);
	}

}
