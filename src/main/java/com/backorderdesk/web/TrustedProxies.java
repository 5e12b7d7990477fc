package com.backorderdesk.web;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.util.List;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;

import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.web.server.adapter.ForwardedHeaderTransformer;

/**
 * Believes {@code X-Forwarded-*} headers only from the proxies in
 * {@link ServerSettings#trustedProxies()}; anyone else's are removed before any code sees
 * them. Spring's own transformer believes every client, and takes the left-most
 * {@code X-Forwarded-For} entry, which is whatever the client sent when a proxy appends.
 * Here the client is the right-most entry that is not a trusted proxy: the address the
 * outermost trusted proxy saw. {@code Forwarded} (RFC 7239) is removed always: the
 * proxies we document send {@code X-Forwarded-*}.
 */
class TrustedProxies extends ForwardedHeaderTransformer {

	private static final Pattern IPV4 = Pattern.compile("(\\d{1,3})\\.(\\d{1,3})\\.(\\d{1,3})\\.(\\d{1,3})");

	private static final Pattern IPV6 = Pattern.compile("[0-9A-Fa-f:.]{2,45}");

	private final List<Range> trusted;

	private final ForwardedHeaderTransformer remover = new ForwardedHeaderTransformer();

	TrustedProxies(List<String> trusted) {
		this.trusted = trusted.stream().map(String::strip).filter((entry) -> !entry.isEmpty()).map(Range::of).toList();
		this.remover.setRemoveOnly(true);
	}

	@Override
	public ServerHttpRequest apply(ServerHttpRequest request) {
		if (!hasForwardedHeaders(request)) {
			return request;
		}
		InetSocketAddress peer = request.getRemoteAddress();
		if (peer == null || !isTrusted(peer.getAddress())) {
			return this.remover.apply(request);
		}
		List<String> chain = request.getHeaders().getValuesAsList("X-Forwarded-For");
		String client = client(chain, peer);
		ServerHttpRequest stripped = request.mutate().headers((headers) -> {
			headers.remove("X-Forwarded-For");
			headers.remove("Forwarded");
		}).build();
		ServerHttpRequest forwarded = super.apply(stripped);
		return forwarded.mutate().remoteAddress(InetSocketAddress.createUnresolved(client, peer.getPort())).build();
	}

	/** The right-most address that is not a trusted proxy, else the left-most. */
	private String client(List<String> chain, InetSocketAddress peer) {
		String client = peer.getAddress().getHostAddress();
		for (int i = chain.size() - 1; i >= 0; i--) {
			InetAddress hop = parse(chain.get(i).strip());
			if (hop == null) {
				// not an address: a client made it up, so the hop before is the client
				return client;
			}
			client = hop.getHostAddress();
			if (!isTrusted(hop)) {
				return client;
			}
		}
		return client;
	}

	boolean isTrusted(@Nullable InetAddress address) {
		if (address == null) {
			return false;
		}
		for (Range range : this.trusted) {
			if (range.contains(address)) {
				return true;
			}
		}
		return false;
	}

	/**
	 * Reads an IP address literal, never looking a name up.
	 * @return the address, or {@code null} when the text is not an address
	 */
	static @Nullable InetAddress parse(String text) {
		try {
			if (IPV4.matcher(text).matches()) {
				String[] parts = text.split("\\.");
				byte[] bytes = new byte[4];
				for (int i = 0; i < 4; i++) {
					int part = Integer.parseInt(parts[i]);
					if (part > 255) {
						return null;
					}
					bytes[i] = (byte) part;
				}
				return InetAddress.getByAddress(bytes);
			}
			String bare = (text.startsWith("[") && text.endsWith("]")) ? text.substring(1, text.length() - 1) : text;
			if (bare.indexOf(':') >= 0 && IPV6.matcher(bare).matches()) {
				// in brackets the runtime parses a literal and never asks DNS
				return InetAddress.getByName("[" + bare + "]");
			}
			return null;
		}
		catch (UnknownHostException ex) {
			return null;
		}
	}

	/** An address range, {@code 10.0.0.0/8} or one address. */
	private record Range(byte[] network, int prefix) {

		static Range of(String text) {
			int slash = text.indexOf('/');
			InetAddress address = parse((slash < 0) ? text : text.substring(0, slash));
			if (address == null) {
				throw new IllegalArgumentException(
						"backorder.server.trusted-proxies: '" + text + "' is not an address or CIDR range");
			}
			byte[] bytes = address.getAddress();
			int prefix = (slash < 0) ? bytes.length * 8 : Integer.parseInt(text.substring(slash + 1).strip());
			if (prefix < 0 || prefix > bytes.length * 8) {
				throw new IllegalArgumentException("backorder.server.trusted-proxies: bad prefix in '" + text + "'");
			}
			return new Range(bytes, prefix);
		}

		boolean contains(InetAddress address) {
			byte[] bytes = address.getAddress();
			if (bytes.length != this.network.length) {
				return false;
			}
			int whole = this.prefix / 8;
			for (int i = 0; i < whole; i++) {
				if (bytes[i] != this.network[i]) {
					return false;
				}
			}
			int rest = this.prefix % 8;
			if (rest == 0) {
				return true;
			}
			int mask = (0xFF << (8 - rest)) & 0xFF;
			return (bytes[whole] & mask) == (this.network[whole] & mask);
		}

	}

}
