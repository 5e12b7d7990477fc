package com.backorderdesk.security;

import java.net.InetSocketAddress;

import org.springframework.web.server.ServerWebExchange;

/**
 * The address a request came from, which per-client limits key on. Behind a trusted proxy
 * it is the client the proxy reports; anyone else's forwarding headers were removed
 * before this is read, so a client cannot choose its own.
 */
public final class ClientAddress {

	private ClientAddress() {
	}

	/**
	 * The client's address.
	 * @param exchange the current exchange
	 * @return the address as text, {@code "unknown"} when the server has none
	 */
	public static String of(ServerWebExchange exchange) {
		InetSocketAddress remote = exchange.getRequest().getRemoteAddress();
		if (remote == null) {
			return "unknown";
		}
		// a forwarded client address arrives unresolved, and must stay so: no DNS lookups
		return (remote.getAddress() != null) ? remote.getAddress().getHostAddress() : remote.getHostString();
	}

	/**
	 * Whether the request reached the first proxy (or the app) over HTTPS.
	 * @param exchange the current exchange
	 * @return {@code true} for HTTPS
	 */
	public static boolean isHttps(ServerWebExchange exchange) {
		return "https".equalsIgnoreCase(exchange.getRequest().getURI().getScheme());
	}

}
