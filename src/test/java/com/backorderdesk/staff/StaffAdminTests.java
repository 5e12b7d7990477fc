package com.backorderdesk.staff;

import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

import org.junit.jupiter.api.Test;
import reactor.test.StepVerifier;

import com.backorderdesk.Browser;
import com.backorderdesk.InvalidInputException;
import com.backorderdesk.audit.AuditEntry;
import com.backorderdesk.audit.AuditLog;
import com.backorderdesk.security.StaffAccounts;
import com.backorderdesk.security.StaffMember;
import com.backorderdesk.security.StaffRole;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.http.HttpStatus;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.test.web.reactive.server.WebTestClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The admin pages over HTTP: adding, disabling and resetting staff accounts with errors
 * next to their fields and version conflicts shown, each change audited in its own
 * transaction, and the audit log searchable and append-only.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@AutoConfigureWebTestClient(timeout = "30s")
class StaffAdminTests {

	private static final Duration TIMEOUT = Duration.ofSeconds(30);

	private static final String PASSWORD = "a long enough passphrase";

	@Autowired
	private WebTestClient http;

	@Autowired
	private StaffAccounts accounts;

	@Autowired
	private AuditLog audit;

	@Autowired
	private DatabaseClient db;

	@Autowired
	private Clock clock;

	@Test
	void whenAdminAddsAnAccountWithBadValuesThenErrorsAreShownNextToTheFieldsAndNothingIsAdded() {
		Browser admin = admin();
		String username = "new-" + suffix();
		admin.get("/staff/admin/users");
		Browser.Page shortPassword = admin.post("/staff/admin/users", "username", username, "displayName",
				"New Colleague", "roles", "REP", "password", "short");
		assertThat(shortPassword.status()).isEqualTo(HttpStatus.UNPROCESSABLE_CONTENT);
		assertThat(shortPassword.body()).contains("id=\"new-password-error\"", "Use at least 12 characters.",
				"aria-describedby=\"new-password-error\"", "value=\"" + username + "\"", "value=\"New Colleague\"");
		Browser.Page badName = admin.post("/staff/admin/users", "username", "x", "displayName", "X", "roles", "REP",
				"password", PASSWORD);
		assertThat(badName.body()).contains("id=\"new-username-error\"", "Use 2 to 64 letters");
		Browser.Page noRole = admin.post("/staff/admin/users", "username", username, "displayName", "N", "password",
				PASSWORD);
		assertThat(noRole.body()).contains("id=\"new-roles-error\"", "Choose at least one role.");
		Browser.Page unknownRole = admin.post("/staff/admin/users", "username", username, "displayName", "N", "roles",
				"OWNER", "password", PASSWORD);
		assertThat(unknownRole.status()).isEqualTo(HttpStatus.UNPROCESSABLE_CONTENT);
		assertThat(unknownRole.body()).contains("id=\"new-roles-error\"");
		assertThat(count("select count(*) from staff_user where username = '" + username + "'")).isZero();
		assertThat(count("select count(*) from audit_entry where subject = 'staff " + username + "'")).isZero();
	}

	@Test
	void whenADisplayNameHoldsAControlCharacterThenItIsRefusedNextToTheField() {
		Browser admin = admin();
		String username = "ctl-" + suffix();
		admin.get("/staff/admin/users");
		Browser.Page refused = admin.post("/staff/admin/users", "username", username, "displayName", "Ada\u0000",
				"roles", "REP", "password", PASSWORD);
		assertThat(refused.status()).isEqualTo(HttpStatus.UNPROCESSABLE_CONTENT);
		assertThat(refused.body()).contains("id=\"new-name-error\"", "no control characters");
		assertThat(count("select count(*) from staff_user where username = '" + username + "'")).isZero();
	}

	@Test
	void whenAnAccountWouldDisableItselfThroughTheServiceThenItIsRefused() {
		StaffMember self = member(account(StaffRole.ADMIN));
		StepVerifier.create(this.accounts.setEnabled(self.id(), false, self.version(), self.id()))
			.expectErrorSatisfies((ex) -> assertThat(ex).isInstanceOf(InvalidInputException.class)
				.hasMessageContaining("You cannot disable your own account"))
			.verify(TIMEOUT);
		assertThat(member(self.username()).enabled()).isTrue();
	}

	@Test
	void whenAdminAddsDisablesAndResetsAnAccountThenEachChangeIsAuditedAndTakesEffect() {
		Browser admin = admin();
		String username = "colleague-" + suffix();
		admin.get("/staff/admin/users");
		Browser.Page added = admin.post("/staff/admin/users", "username", username, "displayName", "Col League",
				"roles", "REP", "roles", "PLANNER", "password", PASSWORD);
		assertThat(added.status().is3xxRedirection()).isTrue();
		Browser.Page list = admin.get(added.location());
		assertThat(list.body()).contains("Added " + username + ".", "Col League", "REP, PLANNER");
		assertThat(browser().logIn(username, PASSWORD).location()).endsWith("/staff");

		StaffMember member = member(username);
		Browser.Page disabled = admin.post("/staff/admin/users/" + member.id() + "/enabled", "enabled", "false",
				"version", Long.toString(member.version()));
		assertThat(disabled.location()).contains("notice=disabled");
		assertThat(admin.get(disabled.location()).body())
			.contains(username + " can no longer log in; their sessions have ended.");
		assertThat(member(username).enabled()).isFalse();
		assertThat(browser().logIn(username, PASSWORD).location()).endsWith("/staff/login?error");

		StaffMember now = member(username);
		Browser.Page tooShort = admin.post("/staff/admin/users/" + now.id() + "/password", "password", "tiny",
				"version", Long.toString(now.version()));
		assertThat(tooShort.status()).isEqualTo(HttpStatus.UNPROCESSABLE_CONTENT);
		assertThat(tooShort.body()).contains("id=\"password-" + now.id() + "-error\"", "Use at least 12 characters.");
		Browser.Page reset = admin.post("/staff/admin/users/" + now.id() + "/password", "password",
				"another long passphrase", "version", Long.toString(now.version()));
		assertThat(reset.location()).contains("notice=password");
		StaffMember enabled = member(username);
		admin.post("/staff/admin/users/" + enabled.id() + "/enabled", "enabled", "true", "version",
				Long.toString(enabled.version()));
		assertThat(browser().logIn(username, "another long passphrase").location()).endsWith("/staff");

		StepVerifier.create(this.audit.search(username, null, null, 10)).assertNext((entries) -> {
			assertThat(entries).extracting(AuditEntry::action)
				.containsExactly("STAFF_ENABLED", "STAFF_PASSWORD_RESET", "STAFF_DISABLED", "STAFF_ADDED");
			assertThat(entries).allSatisfy((entry) -> {
				assertThat(entry.actor()).isEqualTo("admin");
				assertThat(entry.subject()).isEqualTo("staff " + username);
			});
			AuditEntry disabling = entries.get(2);
			assertThat(disabling.before()).contains("\"enabled\": true");
			assertThat(disabling.after()).contains("\"enabled\": false");
			assertThat(entries.get(3).before()).isNull();
			// nothing about passwords but that one was set
			assertThat(entries).allSatisfy((entry) -> assertThat(entry.before() + " " + entry.after())
				.doesNotContain(PASSWORD, "another long passphrase", "bcrypt"));
		}).verifyComplete();
	}

	@Test
	void whenTheAccountChangedSinceThePageWasShownThenTheConflictShowsItAsItIsNowAndNothingChanges() {
		String username = account();
		StaffMember seen = member(username);
		// another admin resets the password meanwhile
		this.accounts.resetPassword(seen.id(), "someone else's passphrase", seen.version()).block(TIMEOUT);
		Browser admin = admin();
		admin.get("/staff/admin/users");
		Browser.Page stale = admin.post("/staff/admin/users/" + seen.id() + "/enabled", "enabled", "false", "version",
				Long.toString(seen.version()));
		assertThat(stale.status()).isEqualTo(HttpStatus.CONFLICT);
		assertThat(stale.body()).contains("class=\"conflict\"", "Someone else changed " + username + " first",
				"Now: " + username + " (Name of " + username + ") is enabled.");
		assertThat(member(username).enabled()).isTrue();
		Browser.Page staleReset = admin.post("/staff/admin/users/" + seen.id() + "/password", "password",
				"yet another passphrase", "version", Long.toString(seen.version()));
		assertThat(staleReset.status()).isEqualTo(HttpStatus.CONFLICT);
		assertThat(browser().logIn(username, "yet another passphrase").location()).endsWith("/staff/login?error");
		assertThat(count("select count(*) from audit_entry where subject = 'staff " + username + "'")).isZero();
	}

	@Test
	void whenAdminTriesToDisableTheirOwnAccountThenItIsRefused() {
		String username = account(StaffRole.ADMIN);
		Browser admin = browser();
		admin.logIn(username, PASSWORD);
		StaffMember self = member(username);
		admin.get("/staff/admin/users");
		Browser.Page refused = admin.post("/staff/admin/users/" + self.id() + "/enabled", "enabled", "false", "version",
				Long.toString(self.version()));
		assertThat(refused.status()).isEqualTo(HttpStatus.UNPROCESSABLE_CONTENT);
		assertThat(refused.body()).contains("You cannot disable your own account");
		assertThat(member(username).enabled()).isTrue();
		Browser.Page missing = admin.post("/staff/admin/users/" + Long.MAX_VALUE + "/enabled", "enabled", "false",
				"version", "0");
		assertThat(missing.status()).isEqualTo(HttpStatus.NOT_FOUND);
		Browser.Page noVersion = admin.post("/staff/admin/users/" + self.id() + "/password", "password", PASSWORD,
				"version", "abc");
		assertThat(noVersion.status()).isEqualTo(HttpStatus.UNPROCESSABLE_CONTENT);
		assertThat(noVersion.body()).contains("reload the page");
	}

	@Test
	void whenAdminReadsTheAuditLogThenEachEntrySaysWhatChangedFieldByFieldWithLinks() {
		String marker = "fields-" + suffix();
		this.audit
			.record("someone", "RESTOCK_UPDATED", "restock 42",
					Map.of("quantity", 10, "status", "PLANNED", "note", marker),
					Map.of("restock", Map.of("quantity", 12, "status", "PLANNED"), "note", marker))
			.block(TIMEOUT);
		this.audit
			.record("someone", "RESTOCKS_SHIFTED", "2 restocks " + marker,
					Map.of("restocks", List.of(Map.of("id", 7, "expectedOn", "2030-01-01"))),
					Map.of("days", 3, "restocks", List.of(Map.of("id", 7, "expectedOn", "2030-01-04"))))
			.block(TIMEOUT);
		this.audit.record("someone", "ORDER_NOTE_ADDED", "order BO-" + marker, null, Map.of("body", "Called"))
			.block(TIMEOUT);
		String page = admin().get("/staff/admin/audit?q=" + marker).body();
		assertThat(page).contains("Restock changed", "<th scope=\"row\">quantity</th>", "<td>10</td>", "<td>12</td>",
				"href=\"/staff/restocks/42\"", "Restock dates moved", "<th scope=\"row\">restock 7: expected on</th>",
				"<td>2030-01-04</td>", "href=\"/staff/restocks/7\"", "Note added",
				"href=\"/staff/orders/BO-" + marker + "\"", "<th scope=\"row\">body</th>")
			.doesNotContain("<th scope=\"row\">status</th>", "{&quot;");
	}

	@Test
	void whenAdminSearchesTheAuditLogThenTextAndDaysNarrowItNewestFirst() {
		String marker = "marker-" + suffix();
		this.audit.record("someone", "RESTOCK_UPDATED", "restock 1", null, Map.of("note", marker)).block(TIMEOUT);
		this.audit.record("someone", "RESTOCK_UPDATED", "restock 2 " + marker, null, null).block(TIMEOUT);
		Browser admin = admin();
		LocalDate today = LocalDate.now(this.clock);
		Browser.Page found = admin
			.get("/staff/admin/audit?q=" + marker.toUpperCase() + "&from=" + today + "&to=" + today);
		assertThat(found.status()).isEqualTo(HttpStatus.OK);
		assertThat(found.body()).contains("Entries found: 2", "restock 2 " + marker, "restock 1", marker);
		assertThat(found.body().indexOf("restock 2 " + marker)).isLessThan(found.body().indexOf(">restock 1<"));
		Browser.Page yesterday = admin
			.get("/staff/admin/audit?q=" + marker + "&to=" + today.minusDays(1) + "&from=" + today.minusDays(9));
		assertThat(yesterday.body()).contains("No entries match.");
		Browser.Page bad = admin.get("/staff/admin/audit?from=yesterday&to=" + today);
		assertThat(bad.status()).isEqualTo(HttpStatus.UNPROCESSABLE_CONTENT);
		assertThat(bad.body()).contains("id=\"audit-from-error\"", "Enter a date as YYYY-MM-DD.",
				"aria-describedby=\"audit-from-error\"");
		Browser.Page reversed = admin.get("/staff/admin/audit?from=" + today + "&to=" + today.minusDays(1));
		assertThat(reversed.body()).contains("The end date is before the start date.");
		// a wildcard typed by the admin is just a character
		assertThat(admin.get("/staff/admin/audit?q=%25" + marker + "%25").body()).contains("No entries match.");
	}

	@Test
	void whenAnyoneTriesToChangeOrDeleteAnAuditEntryThenTheDatabaseRefuses() {
		String marker = "immutable-" + suffix();
		this.audit.record("someone", "TEST", marker, null, null).block(TIMEOUT);
		StepVerifier
			.create(this.db.sql("update audit_entry set actor = 'mallory' where subject = :s").bind("s", marker).then())
			.expectErrorMatches((ex) -> ex.getMessage().contains("append-only"))
			.verify(TIMEOUT);
		StepVerifier.create(this.db.sql("delete from audit_entry where subject = :s").bind("s", marker).then())
			.expectErrorMatches((ex) -> ex.getMessage().contains("append-only"))
			.verify(TIMEOUT);
		assertThat(count("select count(*) from audit_entry where subject = '" + marker + "' and actor = 'someone'"))
			.isEqualTo(1);
	}

	private Browser admin() {
		Browser admin = browser();
		admin.logIn("admin", "admin");
		return admin;
	}

	private String account() {
		return account(StaffRole.REP);
	}

	private String account(StaffRole role) {
		String username = role.name().toLowerCase() + "-" + suffix();
		this.accounts.create(username, "Name of " + username, EnumSet.of(role), PASSWORD).block(TIMEOUT);
		return username;
	}

	private StaffMember member(String username) {
		return this.accounts.list()
			.block(TIMEOUT)
			.stream()
			.filter((member) -> member.username().equals(username))
			.findFirst()
			.orElseThrow();
	}

	private long count(String sql) {
		Long value = this.db.sql(sql).map((row) -> row.get(0, Long.class)).one().block(TIMEOUT);
		return (value != null) ? value : 0;
	}

	private Browser browser() {
		ThreadLocalRandom random = ThreadLocalRandom.current();
		return new Browser(this.http, "10.7." + random.nextInt(256) + "." + random.nextInt(256));
	}

	private static String suffix() {
		return UUID.randomUUID().toString().substring(0, 8);
	}

}
