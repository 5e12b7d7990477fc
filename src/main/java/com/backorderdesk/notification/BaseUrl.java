package com.backorderdesk.notification;

import org.jspecify.annotations.Nullable;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.web.server.context.WebServerInitializedEvent;
import org.springframework.context.ApplicationListener;
import org.springframework.stereotype.Component;

/**
 * Where links in e-mails point: {@code backorder.mail.base-url} when set (production,
 * behind a proxy), otherwise the address this instance listens on (embedded mode, tests
 * on a random port). Every absolute link the application builds starts here, never with a
 * request's {@code Host} header, which a client chooses.
 */
@Component
public class BaseUrl implements ApplicationListener<WebServerInitializedEvent> {

	private final @Nullable String configured;

	private final String address;

	private volatile String listening;

	BaseUrl(MailSettings settings, @Value("${server.address:localhost}") String address,
			@Value("${server.port:8080}") int port) {
		this.configured = settings.baseUrl();
		this.address = address;
		this.listening = "http://" + address + ":" + port;
	}

	@Override
	public void onApplicationEvent(WebServerInitializedEvent event) {
		this.listening = "http://" + this.address + ":" + event.getWebServer().getPort();
	}

	/**
	 * The base URL, without a trailing slash.
	 * @return the base URL
	 */
	public String get() {
		return (this.configured != null) ? this.configured : this.listening;
	}

}
