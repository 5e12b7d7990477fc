package com.backorderdesk.security;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import reactor.core.publisher.Mono;

import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;

/**
 * The key customer links are signed with. It lives in the database so that every instance
 * signs and verifies with the same key without anyone configuring one; a configured
 * secret takes precedence.
 */
@Component
class LinkSecret {

	private static final int KEY_BYTES = 32;

	private final Mono<byte[]> key;

	private final Map<String, byte[]> derived = new ConcurrentHashMap<>();

	LinkSecret(DatabaseClient db, LinkSettings settings) {
		String configured = settings.secret();
		if (configured != null) {
			byte[] bytes = configured.getBytes(StandardCharsets.UTF_8);
			if (bytes.length < KEY_BYTES) {
				throw new IllegalStateException("backorder.links.secret must be at least " + KEY_BYTES + " bytes");
			}
			this.key = Mono.just(bytes);
		}
		else {
			// a failed read is not cached, so the next request tries again
			this.key = loadOrCreate(db).cache((value) -> Duration.ofMillis(Long.MAX_VALUE), (ex) -> Duration.ZERO,
					() -> Duration.ZERO);
		}
	}

	Mono<byte[]> key() {
		return this.key;
	}

	/**
	 * A key for one use, derived from the shared secret once.
	 * @param purpose the use, such as {@code "access-cookie"}
	 * @return the derived key
	 */
	Mono<byte[]> key(String purpose) {
		byte[] known = this.derived.get(purpose);
		if (known != null) {
			return Mono.just(known);
		}
		return this.key.map((secret) -> this.derived.computeIfAbsent(purpose, (name) -> Hmac.derive(secret, name)));
	}

	private static Mono<byte[]> loadOrCreate(DatabaseClient db) {
		return Mono.defer(() -> {
			byte[] candidate = new byte[KEY_BYTES];
			new SecureRandom().nextBytes(candidate);
			// instances racing on first use all end up with the one row that won
			return db.sql("""
					with created as (
						insert into link_secret (id, secret) values (1, :secret) on conflict (id) do nothing
						returning secret
					)
					select secret from created union all select secret from link_secret where id = 1
					limit 1
					""").bind("secret", candidate).map((row) -> row.get("secret", byte[].class)).one();
		});
	}

}
