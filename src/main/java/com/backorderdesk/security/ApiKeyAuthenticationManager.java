package com.backorderdesk.security;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.List;

import reactor.core.publisher.Mono;

import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.ReactiveAuthenticationManager;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.authority.AuthorityUtils;

/**
 * Checks a bearer key against the configured keys in constant time, so response timing
 * reveals nothing about how much of a guess was right. The authenticated name is
 * {@code api:<name of the key>} ({@link ApiSettings}), the actor of what the request
 * changes.
 */
class ApiKeyAuthenticationManager implements ReactiveAuthenticationManager {

	static final String ROLE = "ROLE_INTEGRATION";

	private final List<ApiSettings.NamedKey> keys;

	private final List<byte[]> secrets;

	ApiKeyAuthenticationManager(ApiSettings settings) {
		this.keys = settings.named();
		this.secrets = this.keys.stream().map((key) -> key.key().getBytes(StandardCharsets.UTF_8)).toList();
	}

	@Override
	public Mono<Authentication> authenticate(Authentication authentication) {
		byte[] presented = String.valueOf(authentication.getCredentials()).getBytes(StandardCharsets.UTF_8);
		int match = -1;
		for (int i = 0; i < this.secrets.size(); i++) {
			// every key is compared, whichever matches
			if (MessageDigest.isEqual(this.secrets.get(i), presented)) {
				match = i;
			}
		}
		if (match < 0) {
			return Mono.error(new BadCredentialsException("Unknown API key"));
		}
		return Mono.just(UsernamePasswordAuthenticationToken.authenticated("api:" + this.keys.get(match).name(), null,
				AuthorityUtils.createAuthorityList(ROLE)));
	}

}
