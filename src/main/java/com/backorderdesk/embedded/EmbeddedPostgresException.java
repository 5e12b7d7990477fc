package com.backorderdesk.embedded;

import org.springframework.boot.diagnostics.FailureAnalyzedException;

/**
 * The embedded PostgreSQL could not start, with what went wrong and what to do about it.
 * Spring Boot prints both when the application fails to start.
 */
public class EmbeddedPostgresException extends FailureAnalyzedException {

	EmbeddedPostgresException(String description, String action) {
		super(description, action);
	}

	/**
	 * What to do about it.
	 * @return the action that fixes the problem
	 */
	public String action() {
		return analysis().getAction();
	}

}
