package com.backorderdesk.security;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import reactor.core.publisher.Mono;

import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.ReactiveAuthenticationManager;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.crypto.password.PasswordEncoder;

/**
 * Checks a staff login against {@link StaffAccounts}, throttled by {@link LoginThrottle}.
 *
 * <p>
 * Every refusal looks the same from outside: a wrong password, an unknown username and a
 * disabled account all answer "wrong username or password" after
 * {@link StaffSettings#failureDelay()}, and cost the same password check, so neither the
 * answer nor its timing tells which usernames exist. A throttled attempt is refused
 * before anything is looked up, with how long to wait.
 */
class StaffAuthenticationManager implements ReactiveAuthenticationManager {

	/** Checked when the username is unknown, so both cases take as long. */
	private final String unknownUserHash;

	private final StaffAccounts accounts;

	private final LoginThrottle throttle;

	private final StaffSettings settings;

	StaffAuthenticationManager(StaffAccounts accounts, LoginThrottle throttle, PasswordEncoder passwords,
			StaffSettings settings) {
		this.unknownUserHash = passwords.encode(UUID.randomUUID().toString());
		this.accounts = accounts;
		this.throttle = throttle;
		this.settings = settings;
	}

	/**
	 * Checks a login.
	 * @param authentication the username and password, with the {@link LoginAttempt} as
	 * details
	 * @return the authenticated member of staff (the attempt kept as details), or an
	 * error: {@link BadCredentialsException}, or {@link LoginThrottledException} naming
	 * the wait
	 */
	@Override
	public Mono<Authentication> authenticate(Authentication authentication) {
		String password = String.valueOf(authentication.getCredentials());
		LoginAttempt attempt = (authentication.getDetails() instanceof LoginAttempt given) ? given
				: LoginAttempt.of(authentication.getName(), "unknown", null);
		return this.throttle.wait(attempt).flatMap((wait) -> {
			if (!wait.isZero()) {
				return Mono.error(new LoginThrottledException(wait));
			}
			return check(attempt, password).switchIfEmpty(Mono.defer(() -> this.throttle.failed(attempt)
				.then(Mono.delay(this.settings.failureDelay()))
				.then(Mono.error(new BadCredentialsException("Wrong username or password")))));
		});
	}

	/**
	 * The authenticated member of staff, or empty for any failure. An unknown username
	 * costs the same password check as a known one.
	 */
	private Mono<Authentication> check(LoginAttempt attempt, String password) {
		return this.accounts.findForLogin(attempt.username())
			.map(Optional::of)
			.defaultIfEmpty(Optional.empty())
			.flatMap((found) -> this.accounts
				.matches(password, found.map(StaffAccounts.LoginAccount::passwordHash).orElse(this.unknownUserHash))
				.flatMap((matches) -> {
					if (!matches || found.isEmpty() || !found.get().enabled()) {
						return Mono.empty();
					}
					StaffAccounts.LoginAccount account = found.get();
					UsernamePasswordAuthenticationToken token = authenticated(new StaffPrincipal(account.id(),
							account.username(), account.displayName(), StaffRole.effective(account.roles())));
					token.setDetails(attempt);
					return this.throttle.succeeded(attempt).thenReturn(token);
				}));
	}

	/**
	 * An authentication for a member of staff, with an authority per role in effect.
	 * @param principal the member of staff
	 * @return the authentication
	 */
	static UsernamePasswordAuthenticationToken authenticated(StaffPrincipal principal) {
		List<SimpleGrantedAuthority> authorities = principal.roles()
			.stream()
			.map((role) -> new SimpleGrantedAuthority("ROLE_" + role.name()))
			.toList();
		return UsernamePasswordAuthenticationToken.authenticated(principal, null, authorities);
	}

	/**
	 * Too many failed logins on this attempt's keys: wait before trying again.
	 */
	static class LoginThrottledException extends AuthenticationException {

		private final Duration retryAfter;

		LoginThrottledException(Duration retryAfter) {
			super("Too many failed logins: wait " + retryAfter);
			this.retryAfter = retryAfter;
		}

		Duration retryAfter() {
			return this.retryAfter;
		}

	}

}
