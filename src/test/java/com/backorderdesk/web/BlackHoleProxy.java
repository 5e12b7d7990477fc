package com.backorderdesk.web;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A TCP proxy to a server that can be made to hang, as a network black hole or a frozen
 * server does: while hanging it still accepts connections and reads what clients send,
 * but forwards nothing either way and answers nothing; when it answers again, what it
 * held goes on. Plain sockets on threads of its own, none of them an event loop.
 */
final class BlackHoleProxy implements AutoCloseable {

	private final ServerSocket server;

	private final InetSocketAddress target;

	private final Object gate = new Object();

	private final Set<Socket> sockets = ConcurrentHashMap.newKeySet();

	private volatile boolean hanging;

	private BlackHoleProxy(InetSocketAddress target) throws IOException {
		this.target = target;
		this.server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
		start("black-hole-proxy-accept", this::accept);
	}

	/**
	 * A proxy on a free loopback port.
	 * @param host the server's host
	 * @param port the server's port
	 * @return the running proxy, answering
	 */
	static BlackHoleProxy to(String host, int port) {
		try {
			return new BlackHoleProxy(new InetSocketAddress(host, port));
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
	}

	int port() {
		return this.server.getLocalPort();
	}

	/** From now on nothing is forwarded or answered; connections stay open. */
	void hang() {
		this.hanging = true;
	}

	/** Forwards again, what was held first. */
	void answer() {
		synchronized (this.gate) {
			this.hanging = false;
			this.gate.notifyAll();
		}
	}

	@Override
	public void close() {
		answer();
		closeQuietly(this.server);
		this.sockets.forEach(BlackHoleProxy::closeQuietly);
	}

	private void accept() {
		while (!this.server.isClosed()) {
			try {
				Socket client = this.server.accept();
				this.sockets.add(client);
				start("black-hole-proxy-connect", () -> connect(client));
			}
			catch (IOException ex) {
				// closed
			}
		}
	}

	private void connect(Socket client) {
		try {
			awaitAnswering();
			Socket upstream = new Socket(this.target.getAddress(), this.target.getPort());
			this.sockets.add(upstream);
			start("black-hole-proxy-up", () -> pump(client, upstream));
			pump(upstream, client);
		}
		catch (IOException ex) {
			closeQuietly(client);
		}
	}

	private void pump(Socket from, Socket to) {
		byte[] buffer = new byte[16 * 1024];
		try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
			for (int read = in.read(buffer); read >= 0; read = in.read(buffer)) {
				awaitAnswering();
				out.write(buffer, 0, read);
				out.flush();
			}
		}
		catch (IOException ex) {
			// one side closed
		}
		finally {
			closeQuietly(from);
			closeQuietly(to);
			this.sockets.remove(from);
			this.sockets.remove(to);
		}
	}

	private void awaitAnswering() {
		synchronized (this.gate) {
			while (this.hanging) {
				try {
					this.gate.wait();
				}
				catch (InterruptedException ex) {
					Thread.currentThread().interrupt();
					return;
				}
			}
		}
	}

	private static void start(String name, Runnable task) {
		Thread thread = new Thread(task, name);
		thread.setDaemon(true);
		thread.start();
	}

	private static void closeQuietly(AutoCloseable closeable) {
		try {
			closeable.close();
		}
		catch (Exception ex) {
			// already closed
		}
	}

}
