package com.backorderdesk.security;

import java.time.Clock;
import java.util.List;
import java.util.UUID;

import reactor.core.publisher.Mono;

import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.DisabledException;
import org.springframework.security.authentication.LockedException;
import org.springframework.security.authentication.ReactiveAuthenticationManager;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.crypto.password.PasswordEncoder;

/**
 * Checks a staff login against {@link StaffAccounts}.
 *
 * <p>
 * Every failure is answered only after {@link StaffSettings#failureDelay()}, and an
 * account that fails {@link StaffSettings#maxFailedLogins()} times in a row is locked for
 * {@link StaffSettings#lockout()}, counted in the database so the limit holds across
 * instances. An unknown username costs the same password check as a known one, so timing
 * does not tell which usernames exist.
 */
class StaffAuthenticationManager implements ReactiveAuthenticationManager {

	/** Checked when the username is unknown, so both cases take as long. */
	private final String unknownUserHash;

	private final StaffAccounts accounts;

	private final StaffSettings settings;

	private final Clock clock;

	StaffAuthenticationManager(StaffAccounts accounts, PasswordEncoder passwords, StaffSettings settings, Clock clock) {
		this.unknownUserHash = passwords.encode(UUID.randomUUID().toString());
		this.accounts = accounts;
		this.settings = settings;
		this.clock = clock;
	}

	@Override
	public Mono<Authentication> authenticate(Authentication authentication) {
		String username = authentication.getName().strip();
		String password = String.valueOf(authentication.getCredentials());
		return this.accounts.findForLogin(username)
			.flatMap((account) -> check(account, password))
			.switchIfEmpty(Mono.defer(() -> this.accounts.matches(password, this.unknownUserHash)
				.then(Mono.error(new BadCredentialsException("Unknown username")))))
			.onErrorResume(AuthenticationException.class,
					(ex) -> Mono.delay(this.settings.failureDelay()).then(Mono.error(ex)));
	}

	private Mono<Authentication> check(StaffAccounts.LoginAccount account, String password) {
		if (account.lockedAt(this.clock.instant())) {
			return Mono.error(new LockedException("Locked after repeated failed logins"));
		}
		return this.accounts.matches(password, account.passwordHash()).flatMap((matches) -> {
			if (!matches) {
				return this.accounts.recordFailure(account.id())
					.then(Mono.error(new BadCredentialsException("Wrong password")));
			}
			if (!account.enabled()) {
				return Mono.error(new DisabledException("Account disabled"));
			}
			StaffPrincipal principal = new StaffPrincipal(account.id(), account.username(), account.displayName(),
					StaffRole.effective(account.roles()));
			List<SimpleGrantedAuthority> authorities = principal.roles()
				.stream()
				.map((role) -> new SimpleGrantedAuthority("ROLE_" + role.name()))
				.toList();
			return this.accounts.recordSuccess(account.id())
				.thenReturn(UsernamePasswordAuthenticationToken.authenticated(principal, null, authorities));
		});
	}

}
