package com.backorderdesk.security;

import java.time.Duration;
import java.time.Instant;
import java.util.EnumSet;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import reactor.test.StepVerifier;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextImpl;
import org.springframework.session.ReactiveFindByIndexNameSessionRepository;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * The staff session store over R2DBC: what it writes, when it writes, what it reads back,
 * and what it refuses to read.
 */
@SpringBootTest
class StaffSessionsTests {

	private static final Duration TIMEOUT = Duration.ofSeconds(10);

	private static final String CONTEXT = "SPRING_SECURITY_CONTEXT";

	@Autowired
	private StaffSessions sessions;

	@Autowired
	private StaffAccounts accounts;

	@Autowired
	private DatabaseClient db;

	@Autowired
	private JsonMapper json;

	@Test
	void whenASessionIsSavedThenItIsFoundByItsIdAndItsOwnerButOnlyItsIdsHashIsStored() {
		StaffPrincipal staff = staff();
		StaffSession session = this.sessions.createSession().block(TIMEOUT);
		session.setAttribute(CONTEXT, new SecurityContextImpl(StaffAuthenticationManager.authenticated(staff)));
		session.setAttribute("SPRING_SECURITY_SAVED_REQUEST", "/staff/orders?q=1");
		StepVerifier.create(this.sessions.save(session)).expectComplete().verify(TIMEOUT);
		StepVerifier.create(this.sessions.findById(session.getId())).assertNext((found) -> {
			SecurityContext context = found.getAttribute(CONTEXT);
			assertThat(context.getAuthentication().getPrincipal()).isEqualTo(staff);
			assertThat(context.getAuthentication().getAuthorities()).extracting("authority")
				.containsExactly("ROLE_REP");
			assertThat((String) found.getAttribute("SPRING_SECURITY_SAVED_REQUEST")).isEqualTo("/staff/orders?q=1");
		}).expectComplete().verify(TIMEOUT);
		StepVerifier.create(this.sessions.findByPrincipalName(staff.username()))
			.assertNext((found) -> assertThat(found).hasSize(1))
			.expectComplete()
			.verify(TIMEOUT);
		assertThat(count("select count(*) from staff_session where attributes::text like '%" + session.getId() + "%'"))
			.isZero();
		assertThat(count("select count(*) from staff_session where session_key = decode('"
				+ java.util.HexFormat.of().formatHex(StaffSessions.key(session.getId())) + "', 'hex')"))
			.isEqualTo(1);
	}

	@Test
	void whenTheIdChangesThenTheOldIdOpensNothingAndTheNewOneTheSameRow() {
		StaffSession session = saved(staff());
		String old = session.getId();
		session.changeSessionId();
		this.sessions.save(session).block(TIMEOUT);
		StepVerifier.create(this.sessions.findById(old)).expectComplete().verify(TIMEOUT);
		StepVerifier.create(this.sessions.findById(session.getId()))
			.assertNext((found) -> assertThat(found.rowId()).isEqualTo(session.rowId()))
			.expectComplete()
			.verify(TIMEOUT);
	}

	@Test
	void whenOnlyTheLastUseMovesALittleThenNothingIsWritten() {
		StaffSession session = saved(staff());
		assertThat(session.needsWrite(Duration.ofMinutes(1))).isFalse();
		session.setLastAccessedTime(session.getLastAccessedTime().plusSeconds(10));
		assertThat(session.needsWrite(Duration.ofMinutes(1))).isFalse();
		session.setLastAccessedTime(session.getLastAccessedTime().plusSeconds(120));
		assertThat(session.needsWrite(Duration.ofMinutes(1))).isTrue();
	}

	@Test
	void whenASessionWasEndedWhileARequestHeldItThenSavingDoesNotBringItBack() {
		StaffSession session = saved(staff());
		this.sessions.deleteById(session.getId()).block(TIMEOUT);
		session.setAttribute("late", "write");
		this.sessions.save(session).block(TIMEOUT);
		StepVerifier.create(this.sessions.findById(session.getId())).expectComplete().verify(TIMEOUT);
	}

	@Test
	void whenASessionHasExpiredThenItIsNotFoundAndTheSweepDeletesIt() {
		StaffSession session = saved(staff());
		this.db.sql("update staff_session set expires_at = :past where id = :id")
			.bind("past", Instant.now().minusSeconds(60))
			.bind("id", session.rowId())
			.then()
			.block(TIMEOUT);
		StepVerifier.create(this.sessions.findById(session.getId())).expectComplete().verify(TIMEOUT);
		StepVerifier.create(this.sessions.sweep())
			.assertNext((deleted) -> assertThat(deleted).isPositive())
			.expectComplete()
			.verify(TIMEOUT);
		assertThat(count("select count(*) from staff_session where id = " + session.rowId())).isZero();
	}

	@Test
	void whenAttributesAreTamperedWithThenNoClassIsNamedAndNobodyIsLoggedIn() {
		SessionAttributes codec = new SessionAttributes(this.json);
		Map<String, Object> read = codec.read("""
				{"SPRING_SECURITY_CONTEXT": {"@class": "java.lang.ProcessBuilder", "staff": {"id": 1, "roles": []}},
				 "x": {"java.lang.Runtime": "exec"}, "note": {"s": "kept"}}
				""");
		assertThat(read).containsOnlyKeys("note").containsEntry("note", "kept");
		assertThatIllegalArgumentException().isThrownBy(() -> codec.write(Map.of("thing", new Object())));
		assertThat(codec.read(codec.write(Map.of("n", 42L, "b", true, "s", "text")))).containsEntry("n", 42L)
			.containsEntry("b", true)
			.containsEntry("s", "text");
	}

	@Test
	void whenTheIndexIsNotThePrincipalsThenNothingIsFound() {
		StepVerifier.create(this.sessions.findByIndexNameAndIndexValue("other", "x"))
			.assertNext((found) -> assertThat(found).isEmpty())
			.expectComplete()
			.verify(TIMEOUT);
		assertThat(ReactiveFindByIndexNameSessionRepository.PRINCIPAL_NAME_INDEX_NAME).isNotBlank();
	}

	private StaffSession saved(StaffPrincipal staff) {
		StaffSession session = this.sessions.createSession().block(TIMEOUT);
		session.setAttribute(CONTEXT, new SecurityContextImpl(StaffAuthenticationManager.authenticated(staff)));
		this.sessions.save(session).block(TIMEOUT);
		assertThat(session.isNew()).isFalse();
		return session;
	}

	private StaffPrincipal staff() {
		String username = "sessions-" + UUID.randomUUID().toString().substring(0, 8);
		StaffMember member = this.accounts
			.create(username, "Session " + username, EnumSet.of(StaffRole.REP), "correct horse battery")
			.block(TIMEOUT);
		return new StaffPrincipal(member.id(), member.username(), member.displayName(), EnumSet.of(StaffRole.REP));
	}

	private long count(String sql) {
		Long value = this.db.sql(sql).map((row) -> row.get(0, Long.class)).one().block(TIMEOUT);
		return (value != null) ? value : 0;
	}

}
