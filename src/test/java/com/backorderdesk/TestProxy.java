package com.backorderdesk;

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
 * A TCP proxy on a free loopback port, for tests of what the network does to the product.
 * It stands in for a load balancer in front of app instances (the target can change,
 * every connection can be cut, a connection to a target that is down is closed at once,
 * as a balancer with no healthy backend would) and for a network black hole in front of
 * PostgreSQL (while hanging it still accepts connections and reads what clients send, but
 * forwards nothing either way; when it answers again, what it held goes on).
 *
 * <p>
 * Plain sockets on daemon threads of its own, none of them an event loop. No library
 * gives both modes (Toxiproxy needs its own server process).
 */
public final class TestProxy implements AutoCloseable {

	private final ServerSocket server;

	private final Object gate = new Object();

	private final Set<Socket> open = ConcurrentHashMap.newKeySet();

	private volatile InetSocketAddress target;

	private volatile boolean hanging;

	private TestProxy(InetSocketAddress target) throws IOException {
		this.target = target;
		this.server = new ServerSocket(0, 100, InetAddress.getLoopbackAddress());
		start("test-proxy-accept", this::accept);
	}

	/**
	 * A proxy to a server, forwarding.
	 * @param host the server's host
	 * @param port the server's port
	 * @return the running proxy
	 */
	public static TestProxy to(String host, int port) {
		try {
			return new TestProxy(new InetSocketAddress(host, port));
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
	}

	/**
	 * The loopback port clients connect to.
	 * @return the port
	 */
	public int port() {
		return this.server.getLocalPort();
	}

	/**
	 * Sends new connections to this port on loopback from now on; open ones stay where
	 * they are.
	 * @param port the new target's port
	 */
	public void target(int port) {
		this.target = new InetSocketAddress(InetAddress.getLoopbackAddress(), port);
	}

	/** Drops every open connection, as a network failure would. */
	public void cutAll() {
		for (Socket socket : this.open) {
			closeQuietly(socket);
		}
		this.open.clear();
	}

	/** From now on nothing is forwarded or answered; connections stay open. */
	public void hang() {
		this.hanging = true;
	}

	/** Forwards again, what was held first. */
	public void answer() {
		synchronized (this.gate) {
			this.hanging = false;
			this.gate.notifyAll();
		}
	}

	@Override
	public void close() {
		answer();
		closeQuietly(this.server);
		cutAll();
	}

	private void accept() {
		while (!this.server.isClosed()) {
			try {
				Socket client = this.server.accept();
				this.open.add(client);
				start("test-proxy-connect", () -> connect(client));
			}
			catch (IOException ex) {
				// closed
			}
		}
	}

	private void connect(Socket client) {
		try {
			awaitAnswering();
			InetSocketAddress to = this.target;
			Socket upstream = new Socket(to.getAddress(), to.getPort());
			this.open.add(upstream);
			start("test-proxy-up", () -> pump(client, upstream));
			pump(upstream, client);
		}
		catch (IOException ex) {
			// the target is down: closed at once
			closeQuietly(client);
			this.open.remove(client);
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
			// one side went away
		}
		finally {
			closeQuietly(from);
			closeQuietly(to);
			this.open.remove(from);
			this.open.remove(to);
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
