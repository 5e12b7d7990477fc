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
 * reveals nothing about how much of a guess was right.
 */
class ApiKeyAuthenticationManager implements ReactiveAuthenticationManager {

	static final String ROLE = "ROLE_INTEGRATION";

	private final List<byte[]> keys;

	ApiKeyAuthenticationManager(ApiSettings settings) {
		this.keys = settings.keys().stream().map((key) -> key.getBytes(StandardCharsets.UTF_8)).toList();
	}

	@Override
	public Mono<Authentication> authenticate(Authentication authentication) {
		byte[] presented = String.valueOf(authentication.getCredentials()).getBytes(StandardCharsets.UTF_8);
		boolean match = false;
		for (byte[] key : this.keys) {
			match |= MessageDigest.isEqual(key, presented);
		}
		if (!match) {
			return Mono.error(new BadCredentialsException("Unknown API key"));
		}
		return Mono.just(UsernamePasswordAuthenticationToken.authenticated("integration", null,
				AuthorityUtils.createAuthorityList(ROLE)));
	}

}
