package com.backorderdesk.browser;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A TCP proxy on loopback standing in for a load balancer: the browser keeps one address
 * while the instance behind it is stopped, replaced or cut off. A connection to an
 * instance that is down is closed at once, as a balancer with no healthy backend would.
 */
final class TcpProxy implements AutoCloseable {

	private final ServerSocket server;

	private final Set<Socket> open = ConcurrentHashMap.newKeySet();

	private volatile int target;

	private TcpProxy(ServerSocket server) {
		this.server = server;
	}

	static TcpProxy start() throws IOException {
		TcpProxy proxy = new TcpProxy(new ServerSocket(0, 100, InetAddress.getLoopbackAddress()));
		Thread acceptor = new Thread(proxy::accept, "tcp-proxy-accept");
		acceptor.setDaemon(true);
		acceptor.start();
		return proxy;
	}

	int port() {
		return this.server.getLocalPort();
	}

	/** Sends new connections to this port from now on. */
	void target(int port) {
		this.target = port;
	}

	/** Drops every connection, as a network failure would. */
	void cutAll() {
		for (Socket socket : this.open) {
			closeQuietly(socket);
		}
		this.open.clear();
	}

	private void accept() {
		while (!this.server.isClosed()) {
			try {
				Socket client = this.server.accept();
				Socket upstream;
				try {
					upstream = new Socket(InetAddress.getLoopbackAddress(), this.target);
				}
				catch (IOException ex) {
					closeQuietly(client);
					continue;
				}
				this.open.add(client);
				this.open.add(upstream);
				pump(client, upstream);
				pump(upstream, client);
			}
			catch (IOException ex) {
				// closed
			}
		}
	}

	private void pump(Socket from, Socket to) {
		Thread thread = new Thread(() -> {
			byte[] buffer = new byte[16 * 1024];
			try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
				int read;
				while ((read = in.read(buffer)) >= 0) {
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
		}, "tcp-proxy-pump");
		thread.setDaemon(true);
		thread.start();
	}

	private static void closeQuietly(Socket socket) {
		try {
			socket.close();
		}
		catch (IOException ex) {
			// already closed
		}
	}

	@Override
	public void close() throws IOException {
		this.server.close();
		cutAll();
	}

}
