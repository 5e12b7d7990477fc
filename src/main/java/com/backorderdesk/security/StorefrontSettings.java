package com.backorderdesk.security;

import java.time.Duration;
import java.util.List;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The public storefront availability ({@code GET /api/v1/availability}) and its widget.
 *
 * @param allowedOrigins storefront origins whose pages may call it from the browser
 * (CORS), such as {@code https://shop.example}; patterns like
 * {@code https://*.shop.example} work too; none means no cross-origin page may
 * @param requestsPerWindow requests one client (its address, behind trusted proxies the
 * one they report) may make per window
 * @param window the window the requests are counted in
 */
@ConfigurationProperties("backorder.storefront")
public record StorefrontSettings(@DefaultValue List<String> allowedOrigins, @DefaultValue("120") int requestsPerWindow,
		@DefaultValue("1m") Duration window) {
}
