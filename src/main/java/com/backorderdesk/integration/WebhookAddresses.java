package com.backorderdesk.integration;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.Locale;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;

import com.backorderdesk.InputRules;
import com.backorderdesk.InvalidValueException;
import org.springframework.stereotype.Component;

/**
 * Where webhooks may go. A webhook is a request this server makes to an address someone
 * typed in, so the address must not reach what only this server can reach (server-side
 * request forgery): the database, the cloud's metadata service at 169.254.169.254, an
 * admin port on the local network. The rule is applied twice: when an endpoint is saved
 * (its URL: {@code https}, no user name or password, no host that is an address of this
 * machine or a private network), and when a connection is opened (every address its name
 * resolves to, so a public name that resolves to a private address, or is made to by DNS
 * rebinding, is refused too). Redirects are not followed. With
 * {@code backorder.webhooks.allow-loopback} (development and tests) addresses of this
 * machine are allowed, over plain {@code http} too; private networks never are.
 */
@Component
class WebhookAddresses {

	/** The longest URL an endpoint may have. */
	static final int MAX_URL = 2000;

	private static final Pattern TRAILING_DOTS = Pattern.compile("\\.+$");

	private static final Pattern IPV4 = Pattern.compile("\\d{1,3}(\\.\\d{1,3}){3}");

	private static final String REFUSED = "Enter an https address on the public internet, like https://erp.example.com/hooks: "
			+ "addresses of this server and of private networks are not allowed.";

	private final boolean allowLoopback;

	WebhookAddresses(WebhookSettings settings) {
		this.allowLoopback = settings.allowLoopback();
	}

	/**
	 * Checks an endpoint's URL.
	 * @param field the field, for the refusal
	 * @param url the URL as given
	 * @return the URL, stripped; an {@link InvalidValueException} naming the field when
	 * it may not be used
	 */
	String check(String field, String url) {
		String address = InputRules.webAddress(field, url, MAX_URL);
		URI uri = URI.create(address);
		if (uri.getRawFragment() != null) {
			throw new InvalidValueException(field, "Leave out the '#' part: it is never sent.");
		}
		// a fully qualified name may end in a dot ("localhost."): the same host as
		// without it
		String host = TRAILING_DOTS.matcher(uri.getHost().toLowerCase(Locale.ROOT)).replaceFirst("");
		boolean loopback = host.equals("localhost") || host.endsWith(".localhost");
		InetAddress literal = literal(field, host);
		if (literal != null) {
			loopback = literal.isLoopbackAddress();
			if (!loopback && forbidden(literal)) {
				throw new InvalidValueException(field, REFUSED);
			}
		}
		if (loopback && !this.allowLoopback) {
			throw new InvalidValueException(field, REFUSED);
		}
		if (!loopback && (host.endsWith(".internal") || host.endsWith(".local") || host.indexOf('.') < 0)) {
			// names that only resolve inside a network
			throw new InvalidValueException(field, REFUSED);
		}
		if (!loopback && !"https".equalsIgnoreCase(uri.getScheme())) {
			throw new InvalidValueException(field,
					"Use https: webhooks carry order data and a signature that must not travel in the clear.");
		}
		return address;
	}

	/**
	 * Whether a connection to an address is refused.
	 * @param address a resolved address
	 * @return {@code true} for addresses of this machine (unless allowed) and of private,
	 * link-local, shared, multicast and reserved ranges
	 */
	boolean refused(InetAddress address) {
		if (address.isLoopbackAddress()) {
			return !this.allowLoopback;
		}
		return forbidden(address);
	}

	private static boolean forbidden(InetAddress address) {
		if (address instanceof Inet6Address v6) {
			byte[] bytes = v6.getAddress();
			InetAddress mapped = mappedIpv4(bytes);
			if (mapped != null) {
				return mapped.isLoopbackAddress() || forbidden(mapped);
			}
			// fc00::/7 unique local, and what the JDK knows below
			if ((bytes[0] & 0xfe) == 0xfc) {
				return true;
			}
		}
		if (address.isAnyLocalAddress() || address.isLoopbackAddress() || address.isLinkLocalAddress()
				|| address.isSiteLocalAddress() || address.isMulticastAddress()) {
			return true;
		}
		if (address instanceof Inet4Address) {
			byte[] b = address.getAddress();
			int first = b[0] & 0xff;
			int second = b[1] & 0xff;
			return first == 0 // this network
					|| (first == 100 && second >= 64 && second <= 127) // shared (CGNAT)
					|| (first == 192 && second == 0 && (b[2] & 0xff) == 0) // IETF
																			// protocol
					|| (first == 198 && (second == 18 || second == 19)) // benchmarking
					|| first >= 240; // reserved and broadcast
		}
		return false;
	}

	private static @Nullable InetAddress mappedIpv4(byte[] v6) {
		for (int i = 0; i < 10; i++) {
			if (v6[i] != 0) {
				return null;
			}
		}
		if ((v6[10] & 0xff) != 0xff || (v6[11] & 0xff) != 0xff) {
			return null;
		}
		try {
			return InetAddress.getByAddress(new byte[] { v6[12], v6[13], v6[14], v6[15] });
		}
		catch (UnknownHostException ex) {
			return null;
		}
	}

	/** The address a host written as an IP address stands for, without asking DNS. */
	private static @Nullable InetAddress literal(String field, String host) {
		try {
			if (host.startsWith("[") && host.endsWith("]")) {
				return InetAddress.getByName(host.substring(1, host.length() - 1));
			}
			if (IPV4.matcher(host).matches()) {
				return InetAddress.getByName(host);
			}
		}
		catch (UnknownHostException ex) {
			throw new InvalidValueException(field, REFUSED);
		}
		return null;
	}

}
