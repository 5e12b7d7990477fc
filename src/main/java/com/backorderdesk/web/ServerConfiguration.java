package com.backorderdesk.web;

import io.netty.channel.ChannelPipeline;
import reactor.netty.NettyPipeline;

import org.springframework.boot.reactor.netty.NettyServerCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.server.adapter.ForwardedHeaderTransformer;

/**
 * The server's side of deployment behind a proxy: whose forwarded headers count, how long
 * a slow client may hold a connection, and the static assets that never reach the
 * application's filters.
 */
@Configuration(proxyBeanMethods = false)
class ServerConfiguration {

	/**
	 * Named as WebFlux looks it up; replaces Spring Boot's
	 * {@code server.forward-headers-strategy=framework}, which believes everyone. Leave
	 * that setting unset (not {@code native}: Reactor Netty would believe everyone too).
	 */
	@Bean
	ForwardedHeaderTransformer forwardedHeaderTransformer(ServerSettings settings) {
		return new TrustedProxies(settings.trustedProxies());
	}

	/**
	 * CSS and JavaScript, served before security with content-hashed URLs.
	 */
	@Bean
	StaticAssets staticAssets() {
		return StaticAssets.load();
	}

	/**
	 * Request headers must arrive within {@link ServerSettings#headerReadTimeout()}, and
	 * a body may not pause longer than {@link ServerSettings#bodyReadTimeout()}; idle
	 * keep-alive connections close after {@code server.netty.idle-timeout}.
	 */
	@Bean
	NettyServerCustomizer slowClientTimeouts(ServerSettings settings) {
		// at channel set-up, after Reactor Netty added its HTTP codec and before any read
		return (server) -> server.readTimeout(settings.bodyReadTimeout())
			.doOnChannelInit((observer, channel, remote) -> {
				ChannelPipeline pipeline = channel.pipeline();
				// HTTP/1.1 only: HTTP/2 frames its own headers
				if (pipeline.get(NettyPipeline.HttpCodec) != null
						&& pipeline.get(NettyPipeline.H2CUpgradeHandler) == null
						&& pipeline.get(HeaderReadTimeout.BYTES) == null) {
					var handlers = HeaderReadTimeout.handlers(settings.headerReadTimeout());
					pipeline.addBefore(NettyPipeline.HttpCodec, HeaderReadTimeout.BYTES, handlers[0]);
					pipeline.addAfter(NettyPipeline.HttpCodec, HeaderReadTimeout.REQUESTS, handlers[1]);
				}
			});
	}

}
