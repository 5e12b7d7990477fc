package com.backorderdesk.security;

import java.util.List;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * API access.
 *
 * @param keys the bearer keys integrations may use; none means the API is closed
 */
@ConfigurationProperties("backorder.api")
public record ApiSettings(@DefaultValue List<String> keys) {

	public ApiSettings {
		keys = keys.stream().map(String::strip).filter((key) -> !key.isEmpty()).toList();
	}

}
