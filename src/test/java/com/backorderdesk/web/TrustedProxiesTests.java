package com.backorderdesk.web;

import java.net.InetSocketAddress;
import java.net.URI;
import java.util.List;

import org.junit.jupiter.api.Test;

import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.mock.http.server.reactive.MockServerHttpRequest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * Which forwarded headers are believed, and which client they name.
 */
class TrustedProxiesTests {

	private final TrustedProxies proxies = new TrustedProxies(List.of("10.0.0.0/8", "fd00::/8", "192.168.1.7"));

	@Test
	void whenATrustedProxyForwardsThenTheClientIsTheRightMostUntrustedHopAndTheSchemeIsTheProxys() {
		ServerHttpRequest forwarded = this.proxies
			.apply(from("10.1.2.3").header("X-Forwarded-For", "203.0.113.9, 198.51.100.4, 10.9.9.9")
				.header("X-Forwarded-Proto", "https")
				.header("X-Forwarded-Host", "orders.shop.example")
				.build());
		assertThat(forwarded.getRemoteAddress().getHostString()).isEqualTo("198.51.100.4");
		assertThat(forwarded.getURI()).hasScheme("https").hasHost("orders.shop.example");
		assertThat(forwarded.getHeaders().containsHeader("X-Forwarded-For")).isFalse();
	}

	@Test
	void whenAnyoneElseSendsForwardedHeadersThenTheyAreDroppedUnread() {
		ServerHttpRequest request = this.proxies.apply(from("203.0.113.50").header("X-Forwarded-For", "10.1.1.1")
			.header("X-Forwarded-Proto", "https")
			.header("Forwarded", "for=10.1.1.1;proto=https")
			.build());
		assertThat(request.getRemoteAddress().getHostString()).isEqualTo("203.0.113.50");
		assertThat(request.getURI()).hasScheme("http");
		assertThat(request.getHeaders().containsHeader("X-Forwarded-For")).isFalse();
		assertThat(request.getHeaders().containsHeader("Forwarded")).isFalse();
	}

	@Test
	void whenAHopIsNotAnAddressThenTheClientIsTheHopAfterIt() {
		ServerHttpRequest forwarded = this.proxies
			.apply(from("192.168.1.7").header("X-Forwarded-For", "made.up.name, 2001:db8::1").build());
		assertThat(forwarded.getRemoteAddress().getHostString()).isEqualTo("2001:db8:0:0:0:0:0:1");
		ServerHttpRequest garbage = this.proxies
			.apply(from("192.168.1.7").header("X-Forwarded-For", "nonsense").build());
		assertThat(garbage.getRemoteAddress().getHostString()).isEqualTo("192.168.1.7");
	}

	@Test
	void whenRangesAreReadThenAddressesAreMatchedByPrefixAndNamesAreRefused() {
		assertThat(this.proxies.isTrusted(TrustedProxies.parse("10.255.0.1"))).isTrue();
		assertThat(this.proxies.isTrusted(TrustedProxies.parse("11.0.0.1"))).isFalse();
		assertThat(this.proxies.isTrusted(TrustedProxies.parse("fd12::1"))).isTrue();
		assertThat(this.proxies.isTrusted(TrustedProxies.parse("fe80::1"))).isFalse();
		assertThat(this.proxies.isTrusted(TrustedProxies.parse("192.168.1.8"))).isFalse();
		assertThat(TrustedProxies.parse("999.1.1.1")).isNull();
		assertThat(TrustedProxies.parse("localhost")).isNull();
		assertThatIllegalArgumentException().isThrownBy(() -> new TrustedProxies(List.of("proxy.internal")));
		assertThatIllegalArgumentException().isThrownBy(() -> new TrustedProxies(List.of("10.0.0.0/33")));
	}

	private static MockServerHttpRequest.BaseBuilder<?> from(String address) {
		return MockServerHttpRequest.get(URI.create("http://app:8080/orders/BO-1").toString())
			.remoteAddress(new InetSocketAddress(TrustedProxies.parse(address), 40000));
	}

}
