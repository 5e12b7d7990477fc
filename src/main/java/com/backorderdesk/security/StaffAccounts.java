package com.backorderdesk.security;

import java.time.Instant;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import io.r2dbc.spi.Readable;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

import com.backorderdesk.ConflictException;
import com.backorderdesk.InputRules;
import com.backorderdesk.InvalidInputException;
import com.backorderdesk.InvalidValueException;
import com.backorderdesk.NotFoundException;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Service;

/**
 * Staff accounts: the admin pages' view of them, and what logging in needs.
 *
 * <p>
 * Passwords are stored by a {@link PasswordEncoder} that names its algorithm in the hash
 * (bcrypt today), and hashed on a worker thread: an adaptive hash is slow on purpose.
 */
@Service
public class StaffAccounts {

	private static final Pattern USERNAME = Pattern.compile("[A-Za-z0-9._-]{2,64}");

	private static final String COLUMNS = "id, username, display_name, roles, enabled, created_at, version";

	/**
	 * Ends the sessions of the account a statement changed: its first part is a
	 * {@code changed} CTE returning the account's columns.
	 */
	private static final String ENDING_SESSIONS = """
			, ended as (delete from staff_session where staff_id in (select id from changed))
			select * from changed
			""";

	private final DatabaseClient db;

	private final PasswordEncoder passwords;

	private final StaffSettings settings;

	StaffAccounts(DatabaseClient db, PasswordEncoder passwords, StaffSettings settings) {
		this.db = db;
		this.passwords = passwords;
		this.settings = settings;
	}

	/**
	 * All staff accounts, by username.
	 * @return the accounts
	 */
	public Mono<List<StaffMember>> list() {
		return this.db.sql("select " + COLUMNS + " from staff_user order by lower(username)")
			.map(StaffAccounts::member)
			.all()
			.collectList();
	}

	/**
	 * One staff account.
	 * @param id the account's id
	 * @return the account, or an error with {@link NotFoundException}
	 */
	public Mono<StaffMember> find(long id) {
		return this.db.sql("select " + COLUMNS + " from staff_user where id = :id")
			.bind("id", id)
			.map(StaffAccounts::member)
			.one()
			.switchIfEmpty(Mono.error(() -> new NotFoundException("id", "No staff account " + id)));
	}

	/**
	 * Adds a staff account.
	 * @param username the login name (letters, digits, dot, dash, underscore)
	 * @param displayName the name shown to colleagues
	 * @param roles the roles, at least one
	 * @param password the first password
	 * @return the account, or an error with {@link InvalidInputException} naming the
	 * field that is wrong
	 */
	public Mono<StaffMember> create(String username, String displayName, Set<StaffRole> roles, String password) {
		String name = username.strip();
		if (!USERNAME.matcher(name).matches()) {
			return Mono.error(
					new InvalidInputException("username", "Use 2 to 64 letters, digits, dots, dashes or underscores."));
		}
		String shownName;
		try {
			shownName = InputRules.text("displayName", displayName, 1, 200);
		}
		catch (InvalidValueException ex) {
			return Mono.error(ex);
		}
		if (roles.isEmpty()) {
			return Mono.error(new InvalidInputException("roles", "Choose at least one role."));
		}
		return checkPassword(password).then(hash(password))
			.flatMap((hash) -> insert(name, shownName, roles, hash))
			.onErrorMap(DuplicateKeyException.class,
					(ex) -> new InvalidInputException("username", "That username is taken."));
	}

	/**
	 * Adds a staff account unless one with that username exists, for demo accounts and
	 * the first admin. Skips the password rules: the caller chose the password.
	 * @param username the login name
	 * @param displayName the name shown to colleagues
	 * @param roles the roles
	 * @param password the password
	 * @return whether the account was added
	 */
	public Mono<Boolean> ensure(String username, String displayName, Set<StaffRole> roles, String password) {
		return exists(username).flatMap((exists) -> exists ? Mono.just(false)
				: hash(password).flatMap((hash) -> insert(username, displayName, roles, hash))
					.thenReturn(true)
					.onErrorResume(DuplicateKeyException.class, (ex) -> Mono.just(false)));
	}

	/**
	 * Allows or stops an account's logins. Stopping them also ends the account's sessions
	 * at once, on every instance. Nobody can stop their own: an admin who did could lock
	 * the last admin out.
	 * @param id the account's id
	 * @param enabled whether it may log in
	 * @param version the version the change is based on
	 * @param by the account making the change
	 * @return the account as changed, or an error with {@link ConflictException}, or an
	 * {@link InvalidInputException} for the field {@code enabled} when an account would
	 * stop itself
	 */
	public Mono<StaffMember> setEnabled(long id, boolean enabled, long version, long by) {
		if (id == by && !enabled) {
			return Mono.error(new InvalidInputException("enabled",
					"You cannot disable your own account: ask another admin to do it."));
		}
		String change = "with changed as (update staff_user set enabled = :enabled, version = version + 1 "
				+ "where id = :id and version = :version returning " + COLUMNS + ")";
		return this.db.sql(enabled ? change + " select * from changed" : change + ENDING_SESSIONS)
			.bind("enabled", enabled)
			.bind("id", id)
			.bind("version", version)
			.map(StaffAccounts::member)
			.one()
			.switchIfEmpty(conflict(id));
	}

	/**
	 * Sets a new password and ends the account's sessions, so whoever knew the old one is
	 * logged out everywhere.
	 * @param id the account's id
	 * @param password the new password
	 * @param version the version the change is based on
	 * @return the account as changed, or an error with {@link InvalidInputException} or
	 * {@link ConflictException}
	 */
	public Mono<StaffMember> resetPassword(long id, String password, long version) {
		return checkPassword(password).then(hash(password))
			.flatMap((hash) -> this.db
				.sql("with changed as (update staff_user set password_hash = :hash, version = version + 1 "
						+ "where id = :id and version = :version returning " + COLUMNS + ")" + ENDING_SESSIONS)
				.bind("hash", hash)
				.bind("id", id)
				.bind("version", version)
				.map(StaffAccounts::member)
				.one())
			.switchIfEmpty(conflict(id));
	}

	/**
	 * Changes an account's roles and ends its sessions: the next login carries the new
	 * roles, and a role taken away stops working at once.
	 * @param id the account's id
	 * @param roles the roles, at least one
	 * @param version the version the change is based on
	 * @return the account as changed, or an error with {@link InvalidInputException} or
	 * {@link ConflictException}
	 */
	public Mono<StaffMember> setRoles(long id, Set<StaffRole> roles, long version) {
		if (roles.isEmpty()) {
			return Mono.error(new InvalidInputException("roles", "Choose at least one role."));
		}
		return this.db
			.sql("with changed as (update staff_user set roles = :roles, version = version + 1 "
					+ "where id = :id and version = :version returning " + COLUMNS + ")" + ENDING_SESSIONS)
			.bind("roles", roles.stream().sorted().map(StaffRole::name).toArray(String[]::new))
			.bind("id", id)
			.bind("version", version)
			.map(StaffAccounts::member)
			.one()
			.switchIfEmpty(conflict(id));
	}

	/**
	 * The account a login names; a name no account could have (see {@link #USERNAME})
	 * names none.
	 */
	Mono<LoginAccount> findForLogin(String username) {
		if (!USERNAME.matcher(username).matches()) {
			return Mono.empty();
		}
		return this.db
			.sql("select id, username, display_name, password_hash, roles, enabled from staff_user "
					+ "where lower(username) = lower(:username)")
			.bind("username", username)
			.map((row) -> new LoginAccount(row.get("id", Long.class), row.get("username", String.class),
					row.get("display_name", String.class), row.get("password_hash", String.class), roles(row),
					Boolean.TRUE.equals(row.get("enabled", Boolean.class))))
			.one();
	}

	Mono<Boolean> matches(String password, String hash) {
		return Mono.fromCallable(() -> this.passwords.matches(password, hash)).subscribeOn(Schedulers.boundedElastic());
	}

	private Mono<Boolean> exists(String username) {
		return this.db.sql("select 1 from staff_user where lower(username) = lower(:username)")
			.bind("username", username)
			.map((row) -> true)
			.one()
			.defaultIfEmpty(false);
	}

	private Mono<StaffMember> insert(String username, String displayName, Set<StaffRole> roles, String hash) {
		return this.db
			.sql("insert into staff_user (username, display_name, password_hash, roles) "
					+ "values (:username, :displayName, :hash, :roles) returning " + COLUMNS)
			.bind("username", username)
			.bind("displayName", displayName)
			.bind("hash", hash)
			.bind("roles", roles.stream().sorted().map(StaffRole::name).toArray(String[]::new))
			.map(StaffAccounts::member)
			.one();
	}

	private Mono<Void> checkPassword(String password) {
		if (password.length() < this.settings.minPasswordLength()) {
			return Mono.error(new InvalidInputException("password",
					"Use at least " + this.settings.minPasswordLength() + " characters."));
		}
		if (password.length() > 128) {
			return Mono.error(new InvalidInputException("password", "Use at most 128 characters."));
		}
		return Mono.empty();
	}

	private Mono<String> hash(String password) {
		return Mono.fromCallable(() -> this.passwords.encode(password)).subscribeOn(Schedulers.boundedElastic());
	}

	private <T> Mono<T> conflict(long id) {
		return find(id).flatMap((current) -> Mono.error(new ConflictException(
				"Someone else changed " + current.username() + " first: here is the account as it is now.", current)));
	}

	private static StaffMember member(Readable row) {
		return new StaffMember(row.get("id", Long.class), row.get("username", String.class),
				row.get("display_name", String.class), roles(row),
				Boolean.TRUE.equals(row.get("enabled", Boolean.class)), row.get("created_at", Instant.class),
				row.get("version", Long.class));
	}

	private static Set<StaffRole> roles(Readable row) {
		String[] names = row.get("roles", String[].class);
		return (names == null) ? EnumSet.noneOf(StaffRole.class)
				: Arrays.stream(names)
					.map(StaffRole::valueOf)
					.collect(Collectors.toCollection(() -> EnumSet.noneOf(StaffRole.class)));
	}

	record LoginAccount(long id, String username, String displayName, String passwordHash, Set<StaffRole> roles,
			boolean enabled) {

	}

}
