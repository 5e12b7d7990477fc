package com.backorderdesk.api;

/**
 * The actor recorded in the timeline for changes made through the API.
 */
final class ApiActor {

	static final String NAME = "api";

	private ApiActor() {
	}

}
