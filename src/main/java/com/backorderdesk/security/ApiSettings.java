package com.backorderdesk.security;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * API access.
 *
 * @param keys the bearer keys integrations may use, each {@code name:key} (the name is
 * the actor of what the key changes, in the audit log and the timeline) or a bare key,
 * named {@code key-1}, {@code key-2}, ... by its place in the list; none means the API is
 * closed
 */
@ConfigurationProperties("backorder.api")
public record ApiSettings(@DefaultValue List<String> keys) {

	public ApiSettings {
		keys = keys.stream().map(String::strip).filter((key) -> !key.isEmpty()).toList();
	}

	/**
	 * The keys with their names.
	 * @return the keys, in the order configured
	 * @throws IllegalStateException when two keys share a name or a key is empty
	 */
	public List<NamedKey> named() {
		List<NamedKey> named = new ArrayList<>();
		Set<String> names = new HashSet<>();
		for (int i = 0; i < this.keys.size(); i++) {
			String entry = this.keys.get(i);
			int colon = entry.indexOf(':');
			NamedKey key = (colon > 0) ? new NamedKey(entry.substring(0, colon).strip(), entry.substring(colon + 1))
					: new NamedKey("key-" + (i + 1), entry);
			if (key.key().isEmpty() || !names.add(key.name())) {
				throw new IllegalStateException("backorder.api.keys: entry " + (i + 1)
						+ " has no key or a name used before; write each as name:key with names of their own");
			}
			named.add(key);
		}
		return named;
	}

	/**
	 * A key and its name.
	 *
	 * @param name who uses it, such as {@code erp}
	 * @param key the bearer key
	 */
	public record NamedKey(String name, String key) {
	}

}
