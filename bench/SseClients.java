import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Opens idle SSE streams for bench/sse-idle.sh and holds them: run as
 * {@code java bench/SseClients.java <port> <path> <cookie or -> <count>}. Prints
 * {@code ready open=<n> failed=<n>} once every stream has answered 200, then holds them until
 * its standard input closes, and then closes them all at once.
 */
public class SseClients {

	public static void main(String[] args) throws Exception {
		int port = Integer.parseInt(args[0]);
		String cookie = args[2].equals("-") ? "" : "Cookie: " + args[2] + "\r\n";
		int count = Integer.parseInt(args[3]);
		byte[] request = ("GET " + args[1] + " HTTP/1.1\r\nHost: 127.0.0.1:" + port
				+ "\r\nAccept: text/event-stream\r\n" + cookie + "\r\n").getBytes(StandardCharsets.US_ASCII);
		Selector selector = Selector.open();
		List<SocketChannel> channels = new ArrayList<>();
		int open = 0;
		int failed = 0;
		int pending = 0;
		int next = 0;
		ByteBuffer buffer = ByteBuffer.allocate(8192);
		while (open + failed < count) {
			// at most 200 handshakes at a time, so the server's accept backlog never overflows
			while (next < count && pending < 200) {
				SocketChannel channel = SocketChannel.open(new InetSocketAddress("127.0.0.1", port));
				channel.write(ByteBuffer.wrap(request));
				channel.configureBlocking(false);
				channel.register(selector, SelectionKey.OP_READ, new StringBuilder());
				channels.add(channel);
				next++;
				pending++;
			}
			selector.select(1000);
			for (SelectionKey key : selector.selectedKeys()) {
				SocketChannel channel = (SocketChannel) key.channel();
				StringBuilder seen = (StringBuilder) key.attachment();
				buffer.clear();
				int read;
				try {
					read = channel.read(buffer);
				}
				catch (IOException ex) {
					read = -1;
				}
				if (read > 0) {
					seen.append(new String(buffer.array(), 0, read, StandardCharsets.ISO_8859_1));
				}
				if (seen.indexOf("\r\n\r\n") >= 0 || read < 0) {
					if (seen.toString().startsWith("HTTP/1.1 200")) {
						open++;
					}
					else {
						failed++;
						if (failed <= 3) {
							System.err.println("refused: " + seen.toString().lines().findFirst().orElse("(closed)"));
						}
					}
					pending--;
					// stays registered with interest in nothing: idle, as a browser tab is
					key.interestOps(0);
				}
			}
			selector.selectedKeys().clear();
		}
		System.out.println("ready open=" + open + " failed=" + failed);
		System.out.flush();
		while (System.in.read() >= 0) {
			// hold until the script closes our input
		}
		for (SocketChannel channel : channels) {
			channel.close();
		}
		System.out.println("closed");
	}

}
