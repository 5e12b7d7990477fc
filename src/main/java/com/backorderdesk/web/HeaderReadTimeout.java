package com.backorderdesk.web;

import java.time.Duration;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.LastHttpContent;
import org.jspecify.annotations.Nullable;

/**
 * Closes a connection whose request headers do not arrive in full within a time limit,
 * counted from the request's first byte: a client that sends a header a byte at a time
 * cannot hold a connection for long (Reactor Netty's idle timeout restarts with every
 * byte read). Two handlers share one clock: one before the HTTP decoder sees the first
 * bytes of a request, one after it sees the request's headers decoded and its end.
 */
final class HeaderReadTimeout {

	static final String BYTES = "backorder.headerReadTimeout.bytes";

	static final String REQUESTS = "backorder.headerReadTimeout.requests";

	private final long timeoutNanos;

	private @Nullable ScheduledFuture<?> timer;

	/** Reading headers, reading a body, or between requests. */
	private boolean inHeaders;

	private boolean inBody;

	private HeaderReadTimeout(Duration timeout) {
		this.timeoutNanos = timeout.toNanos();
	}

	/**
	 * The two handlers for one connection.
	 * @param timeout the limit
	 * @return the handler to put before the HTTP decoder, and the one to put after it
	 */
	static ChannelInboundHandlerAdapter[] handlers(Duration timeout) {
		HeaderReadTimeout clock = new HeaderReadTimeout(timeout);
		return new ChannelInboundHandlerAdapter[] { clock.new BytesSeen(), clock.new RequestsSeen() };
	}

	private void cancel() {
		if (this.timer != null) {
			this.timer.cancel(false);
			this.timer = null;
		}
	}

	/** Starts the clock at a request's first byte. */
	private final class BytesSeen extends ChannelInboundHandlerAdapter {

		@Override
		public void channelRead(ChannelHandlerContext ctx, Object msg) {
			if (msg instanceof ByteBuf && !HeaderReadTimeout.this.inHeaders && !HeaderReadTimeout.this.inBody) {
				HeaderReadTimeout.this.inHeaders = true;
				HeaderReadTimeout.this.timer = ctx.executor().schedule(() -> {
					if (HeaderReadTimeout.this.inHeaders) {
						ctx.close();
					}
				}, HeaderReadTimeout.this.timeoutNanos, TimeUnit.NANOSECONDS);
			}
			ctx.fireChannelRead(msg);
		}

		@Override
		public void channelInactive(ChannelHandlerContext ctx) {
			cancel();
			ctx.fireChannelInactive();
		}

	}

	/** Stops the clock when the headers are in, and readies it when the request ends. */
	private final class RequestsSeen extends ChannelInboundHandlerAdapter {

		@Override
		public void channelRead(ChannelHandlerContext ctx, Object msg) {
			if (msg instanceof HttpRequest) {
				HeaderReadTimeout.this.inHeaders = false;
				HeaderReadTimeout.this.inBody = true;
				cancel();
			}
			if (msg instanceof LastHttpContent) {
				HeaderReadTimeout.this.inBody = false;
			}
			ctx.fireChannelRead(msg);
		}

	}

}
