package com.backorderdesk.security;

import java.time.Duration;
import java.util.EnumSet;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;
import reactor.test.StepVerifier;

import com.backorderdesk.Browser;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.test.web.reactive.server.WebTestClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Staff login end to end over HTTP and PostgreSQL: sessions kept in the database and
 * ended with the account, roles, throttling that slows guessers but never locks the real
 * user out, and logout.
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

	@Autowired
	private LoginThrottle throttle;

	@Test
	void whenAnonymousThenStaffPagesRedirectToTheLoginPageAndNoSessionIsMade() {
		Browser browser = browser();
		Browser.Page dashboard = browser.get("/staff");
		assertThat(dashboard.status().is3xxRedirection()).isTrue();
		assertThat(dashboard.location()).endsWith("/staff/login");
		assertThat(browser.get("/staff/restocks").location()).endsWith("/staff/login");
		Browser.Page login = browser().get("/staff/login");
		assertThat(login.body()).contains("Staff login").doesNotContain("name=\"_csrf\"");
		assertThat(login.headers().get(HttpHeaders.SET_COOKIE)).isNull();
		assertThat(browser.cookies()).doesNotContainKey(SessionConfiguration.COOKIE);
	}

	@Test
	void whenLoginSucceedsThenASessionIsStoredUnderANewIdAndTheDashboardOpens() {
		String username = account(StaffRole.PLANNER);
		Browser browser = browser();
		browser.get("/staff/login");
		Browser.Page login = browser.post("/staff/login", "username", username, "password", PASSWORD);
		assertThat(login.status().is3xxRedirection()).isTrue();
		assertThat(login.location()).endsWith("/staff");
		String session = browser.cookies().get(SessionConfiguration.COOKIE);
		assertThat(session).isNotBlank();
		assertThat(login.headers().get(HttpHeaders.SET_COOKIE))
			.anySatisfy((cookie) -> assertThat(cookie).startsWith(SessionConfiguration.COOKIE + "=")
				.containsIgnoringCase("Path=/staff;")
				.containsIgnoringCase("HttpOnly")
				.containsIgnoringCase("SameSite=Lax")
				.doesNotContainIgnoringCase("Secure"));
		// only a hash of the id is stored
		assertThat(sessionRows(username)).isEqualTo(1);
		Browser.Page dashboard = browser.get("/staff");
		assertThat(dashboard.status()).isEqualTo(HttpStatus.OK);
		assertThat(dashboard.body()).contains("Name of " + username, "Restocks").doesNotContain("Audit log");
	}

	@Test
	void whenPasswordIsWrongThenTheSameMessageAsForAnUnknownUsernameOrADisabledAccountIsShown() {
		String username = account(StaffRole.REP);
		String disabled = account(StaffRole.REP);
		long id = idOf(disabled);
		this.accounts.find(id).flatMap((member) -> this.accounts.setEnabled(id, false, member.version(), 0)).block();
		Browser browser = browser();
		Browser.Page wrong = browser.logIn(username, "not the password");
		assertThat(wrong.location()).endsWith("/staff/login?error");
		Browser.Page unknown = browser().logIn("nobody-" + suffix(), PASSWORD);
		assertThat(unknown.location()).endsWith("/staff/login?error");
		Browser.Page off = browser().logIn(disabled, PASSWORD);
		assertThat(off.location()).endsWith("/staff/login?error");
		assertThat(browser.get(wrong.location()).body()).contains("Wrong username or password.");
		assertThat(browser.get("/staff").status().is3xxRedirection()).isTrue();
	}

	@Test
	void whenTheUsernameHoldsAControlCharacterOrBracesThenTheLoginFailsLikeAnyWrongOne() {
		Browser browser = browser();
		for (String username : new String[] { "admin\u0000", "\u0000", "{0}", "x".repeat(5000) }) {
			Browser.Page refused = browser.logIn(username, "whatever");
			assertThat(refused.location()).as(username + " " + refused.status() + " " + refused.body())
				.endsWith("/staff/login?error");
		}
	}

	@Test
	void whenAUsernameIsGuessedRepeatedlyThenItIsSlowedAndAnUnknownOneGetsTheSameAnswer() {
		String username = account(StaffRole.REP);
		String unknown = "nobody-" + suffix();
		Browser browser = browser();
		// three failures cost nothing but the usual delay
		for (int i = 0; i < 3; i++) {
			assertThat(browser.logIn(username, "guess " + i).location()).endsWith("?error");
		}
		// many more from elsewhere: the username's count makes the next try wait
		fail(username, "10.77.0.1", null, 8);
		fail(unknown, "10.77.0.2", null, 8);
		Browser.Page slowed = browser().logIn(username, PASSWORD);
		Browser.Page slowedUnknown = browser().logIn(unknown, PASSWORD);
		assertThat(slowed.location()).matches(".*/staff/login\\?wait=\\d+");
		assertThat(slowedUnknown.location()).matches(".*/staff/login\\?wait=\\d+");
		String seconds = slowed.location().substring(slowed.location().indexOf('=') + 1);
		assertThat(Integer.parseInt(seconds)).isBetween(1, 15 * 60);
		assertThat(browser.get(slowed.location()).body()).contains("Too many failed logins. Wait " + seconds);
		// not locked: the account itself is untouched and the row says when trying is
		// allowed
		assertThat(blockedFor(LoginThrottle.ACCOUNT, username)).isPositive();
	}

	@Test
	void whenOthersGuessAnAdminsPasswordThenTheAdminStillLogsInFromABrowserUsedBefore() {
		String admin = account(StaffRole.ADMIN);
		Browser adminsBrowser = browser();
		assertThat(adminsBrowser.logIn(admin, PASSWORD).location()).endsWith("/staff");
		assertThat(adminsBrowser.cookies()).containsKey(TrustedDevices.COOKIE);
		adminsBrowser.post("/staff/logout");
		// an attacker from many addresses fails often enough to slow the username down
		for (int i = 0; i < 4; i++) {
			fail(admin, "10.78.0." + i, null, 3);
		}
		Browser attacker = browser();
		assertThat(attacker.logIn(admin, PASSWORD).location()).contains("/staff/login?wait=");
		// the admin's own browser counts on its own, and gets in at once
		Browser.Page back = adminsBrowser.logIn(admin, PASSWORD);
		assertThat(back.location()).endsWith("/staff");
		assertThat(adminsBrowser.get("/staff/admin/users").status()).isEqualTo(HttpStatus.OK);
	}

	@Test
	void whenOneClientTriesManyUsernamesThenThatClientIsSlowed() {
		String address = "10.79." + ThreadLocalRandom.current().nextInt(256) + ".1";
		for (int i = 0; i < 6; i++) {
			fail("someone-" + suffix(), address, null, 1);
		}
		Browser.Page slowed = new Browser(this.http, address).logIn(account(StaffRole.REP), PASSWORD);
		assertThat(slowed.location()).contains("/staff/login?wait=");
		assertThat(browser().logIn(account(StaffRole.REP), PASSWORD).location()).endsWith("/staff");
	}

	@Test
	void whenFailedLoginsRaceThenEveryOneCounts() {
		String username = "race-" + suffix();
		LoginAttempt attempt = LoginAttempt.of(username, "10.80.0.1", null);
		StepVerifier.create(Flux.range(0, 8).flatMap((i) -> this.throttle.failed(attempt)).then())
			.expectComplete()
			.verify(Duration.ofSeconds(10));
		StepVerifier
			.create(this.db.sql("select failures from login_throttle where scope = 'ACCOUNT' and key = :key")
				.bind("key", username)
				.map((row) -> row.get(0, Integer.class))
				.one())
			.expectNext(8)
			.expectComplete()
			.verify(Duration.ofSeconds(10));
	}

	@Test
	void whenAnAccountIsDisabledThenItsSessionEndsAtItsNextRequest() {
		String username = account(StaffRole.PLANNER);
		Browser browser = browser();
		assertThat(browser.logIn(username, PASSWORD).location()).endsWith("/staff");
		assertThat(browser.get("/staff").status()).isEqualTo(HttpStatus.OK);
		long id = idOf(username);
		StepVerifier
			.create(this.accounts.find(id)
				.flatMap((member) -> this.accounts.setEnabled(id, false, member.version(), 0)))
			.assertNext((member) -> assertThat(member.enabled()).isFalse())
			.expectComplete()
			.verify(Duration.ofSeconds(10));
		assertThat(sessionRows(username)).isZero();
		assertThat(browser.get("/staff").location()).endsWith("/staff/login");
		assertThat(browser().logIn(username, PASSWORD).location()).endsWith("/staff/login?error");
	}

	@Test
	void whenAPasswordIsResetOrRolesChangeThenTheSessionsEnd() {
		String username = account(StaffRole.REP);
		long id = idOf(username);
		Browser first = browser();
		Browser second = browser();
		first.logIn(username, PASSWORD);
		second.logIn(username, PASSWORD);
		assertThat(sessionRows(username)).isEqualTo(2);
		this.accounts.find(id)
			.flatMap((member) -> this.accounts.resetPassword(id, "a brand new passphrase", member.version()))
			.block(Duration.ofSeconds(10));
		assertThat(first.get("/staff/orders").location()).endsWith("/staff/login");
		assertThat(second.get("/staff/orders").location()).endsWith("/staff/login");
		assertThat(first.logIn(username, "a brand new passphrase").location()).endsWith("/staff");
		assertThat(first.get("/staff/orders").status()).isEqualTo(HttpStatus.OK);
		this.accounts.find(id)
			.flatMap((member) -> this.accounts.setRoles(id, EnumSet.of(StaffRole.PLANNER), member.version()))
			.block(Duration.ofSeconds(10));
		assertThat(first.get("/staff/orders").location()).endsWith("/staff/login");
		first.logIn(username, "a brand new passphrase");
		assertThat(first.get("/staff/orders").status()).isEqualTo(HttpStatus.FORBIDDEN);
		assertThat(first.get("/staff/restocks").status()).isEqualTo(HttpStatus.OK);
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

	private void fail(String username, String client, String device, int times) {
		LoginAttempt attempt = LoginAttempt.of(username, client, device);
		for (int i = 0; i < times; i++) {
			this.throttle.failed(attempt).block(Duration.ofSeconds(10));
		}
	}

	private long blockedFor(String scope, String key) {
		Long seconds = this.db
			.sql("select extract(epoch from blocked_until - now())::bigint from login_throttle "
					+ "where scope = :scope and key = :key")
			.bind("scope", scope)
			.bind("key", key)
			.map((row) -> row.get(0, Long.class))
			.one()
			.block(Duration.ofSeconds(30));
		return (seconds != null) ? seconds : 0;
	}

	private long sessionRows(String username) {
		Long rows = this.db.sql("select count(*) from staff_session where principal_name = :username")
			.bind("username", username)
			.map((row) -> row.get(0, Long.class))
			.one()
			.block(Duration.ofSeconds(30));
		return (rows != null) ? rows : 0;
	}

	private long idOf(String username) {
		Long id = this.db.sql("select id from staff_user where username = :username")
			.bind("username", username)
			.map((row) -> row.get(0, Long.class))
			.one()
			.block(Duration.ofSeconds(30));
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
