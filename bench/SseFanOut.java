import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Opens SSE streams for bench/fan-out.sh and bench/shift.sh and times how long a change
 * takes to reach them: run as
 *
 * <pre>
 * java bench/SseFanOut.java &lt;port&gt; &lt;streams-file&gt; &lt;count&gt; &lt;mode&gt; &lt;trigger...&gt;
 * </pre>
 *
 * The streams file has one {@code <path> <cookie or ->} per line; {@code count} streams are
 * opened over its lines in turn. Modes:
 * <ul>
 * <li>{@code measure <rounds> <pauseMs>}: fires the trigger {@code rounds} times, each time
 * waiting until every stream has received a {@code data:} line after the trigger was sent
 * (or 30 s), and prints each round and then the delivery latencies over all rounds:
 * {@code fanout streams=<n> rounds=<n> p50=<ms> p99=<ms> max=<ms> missed=<n> answer_p50=<ms>
 * after_answer_p50=<ms> after_answer_p99=<ms> after_answer_max=<ms>} (answer: when the
 * trigger's HTTP answer came, that is after its transaction committed; after_answer: each
 * delivery's time from that answer, 0 for one that came before it. The first figures
 * include the trigger's own work; these leave out all of it, its commit included, so the
 * time from the commit lies between the two);
 * {@code fired_at=<epoch ms>} is printed as each trigger is sent.</li>
 * <li>{@code load <pauseMs>}: prints {@code ready}, then fires the trigger every
 * {@code pauseMs} until standard input closes, and prints how many deliveries the streams
 * received.</li>
 * </ul>
 * Triggers: {@code patch-restock <api base> <authorization header> <restock id> <date a>
 * <date b>} (reads the restock, then moves its expected date to whichever of a and b it is
 * not on; only the move is timed); {@code post <url> <content type> <body> [<header: value>]}.
 * Before the first round the client sends one GET to the trigger's origin, so that no round
 * is timed with its HTTP stack being set up.
 */
public class SseFanOut {

	private static final Pattern VERSION = Pattern.compile("\"version\"\\s*:\\s*(\\d+)");

	private static final Pattern DATA = Pattern.compile("(?m)^data:[^\r\n]");

	private static final Pattern ID = Pattern.compile("(?m)^id:\\s*(\\d+)");

	private static final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

	/** One stream: its channel, what it has read, and when it last got data. */
	static final class Stream {

		final SocketChannel channel;

		final StringBuilder head = new StringBuilder();

		boolean open;

		String tail = "";

		volatile long deliveredAt = -1;

		/** The wall-clock time of the first delivery since the trigger, in epoch microseconds. */
		long deliveredAtMicros = -1;

		/** The {@code id:} of the frame of that delivery, or -1 when it had none. */
		long deliveredId = -1;

		long bytesSince;

		long deliveries;

		Stream(SocketChannel channel) {
			this.channel = channel;
		}

	}

	public static void main(String[] args) throws Exception {
		int port = Integer.parseInt(args[0]);
		List<String> specs = Files.readAllLines(Path.of(args[1])).stream().filter((l) -> !l.isBlank()).toList();
		int count = Integer.parseInt(args[2]);
		String mode = args[3];
		int at = 4;
		int rounds = 0;
		if (mode.equals("measure")) {
			rounds = Integer.parseInt(args[at++]);
		}
		long pauseMs = Long.parseLong(args[at++]);
		String[] trigger = Arrays.copyOfRange(args, at, args.length);

		Selector selector = Selector.open();
		List<Stream> streams = open(selector, port, specs, count);
		long failed = count - streams.stream().filter((s) -> s.open).count();
		System.out.println("open streams=" + (count - failed) + " failed=" + failed);
		System.out.flush();
		if (failed > 0) {
			System.exit(1);
		}
		// the streams read in the background from now on
		AtomicBoolean stop = new AtomicBoolean();
		Thread reader = new Thread(() -> read(selector, stop), "reader");
		reader.start();
		Thread.sleep(2000);

		if (mode.equals("measure")) {
			warm(trigger);
			List<Long> latencies = new ArrayList<>();
			List<Long> answers = new ArrayList<>();
			List<Long> afterAnswers = new ArrayList<>();
			List<String> deliveries = new ArrayList<>();
			long missed = 0;
			long bytes = 0;
			long delivered = 0;
			for (int round = 0; round < rounds; round++) {
				for (Stream stream : streams) {
					synchronized (stream) {
						stream.deliveredAt = -1;
						stream.deliveredAtMicros = -1;
						stream.deliveredId = -1;
						stream.bytesSince = 0;
					}
				}
				HttpRequest request = prepare(trigger);
				long t0 = System.nanoTime();
				System.out.println("fired_at=" + System.currentTimeMillis());
				CompletableFuture<Long> answer = fire(request).thenApply((status) -> {
					if (status >= 400) {
						System.err.println("the trigger answered " + status);
					}
					return System.nanoTime();
				});
				long deadline = t0 + Duration.ofSeconds(30).toNanos();
				while (System.nanoTime() < deadline && streams.stream().anyMatch((s) -> s.deliveredAt < 0)) {
					Thread.sleep(2);
				}
				long answeredAt = answer.get();
				long last = 0;
				long roundMissed = 0;
				for (Stream stream : streams) {
					synchronized (stream) {
						if (stream.deliveredAt < 0) {
							roundMissed++;
						}
						else {
							long ms = (stream.deliveredAt - t0) / 1_000_000;
							latencies.add(ms);
							afterAnswers.add(Math.max(0, (stream.deliveredAt - answeredAt) / 1_000_000));
							deliveries.add("delivery " + stream.deliveredId + " " + stream.deliveredAtMicros);
							last = Math.max(last, ms);
							bytes += stream.bytesSince;
							delivered++;
						}
					}
				}
				missed += roundMissed;
				long answered = (answeredAt - t0) / 1_000_000;
				answers.add(answered);
				System.out.println("round " + (round + 1) + ": answer " + answered + " ms, last stream " + last
						+ " ms, missed " + roundMissed);
				System.out.flush();
				Thread.sleep(pauseMs);
			}
			deliveries.forEach(System.out::println);
			latencies.sort(null);
			answers.sort(null);
			afterAnswers.sort(null);
			System.out.println("fanout streams=" + streams.size() + " rounds=" + rounds + " p50="
					+ percentile(latencies, 50) + " p99=" + percentile(latencies, 99) + " max="
					+ percentile(latencies, 100) + " missed=" + missed + " answer_p50=" + percentile(answers, 50)
					+ " bytes_each=" + (delivered == 0 ? 0 : bytes / delivered) + " after_answer_p50="
					+ percentile(afterAnswers, 50) + " after_answer_p99=" + percentile(afterAnswers, 99)
					+ " after_answer_max=" + percentile(afterAnswers, 100));
		}
		else {
			System.out.println("ready");
			System.out.flush();
			AtomicBoolean held = new AtomicBoolean(true);
			Thread waiter = new Thread(() -> {
				try {
					while (System.in.read() >= 0) {
						// hold until the script closes our input
					}
				}
				catch (IOException ex) {
					// closed
				}
				held.set(false);
			});
			waiter.setDaemon(true);
			waiter.start();
			int round = 0;
			while (held.get()) {
				fire(prepare(trigger)).get();
				round++;
				Thread.sleep(pauseMs);
			}
			long deliveries = streams.stream().mapToLong((s) -> s.deliveries).sum();
			System.out.println("fired=" + round + " deliveries=" + deliveries);
		}
		stop.set(true);
		selector.wakeup();
		reader.join();
		for (Stream stream : streams) {
			stream.channel.close();
		}
		System.out.flush();
	}

	private static long percentile(List<Long> sorted, int p) {
		if (sorted.isEmpty()) {
			return -1;
		}
		int index = (int) Math.ceil(p / 100.0 * sorted.size()) - 1;
		return sorted.get(Math.max(0, Math.min(sorted.size() - 1, index)));
	}

	/** Opens the streams, at most 200 handshakes at a time, and waits for their headers. */
	private static List<Stream> open(Selector selector, int port, List<String> specs, int count) throws IOException {
		List<Stream> streams = new ArrayList<>();
		ByteBuffer buffer = ByteBuffer.allocate(16384);
		int answered = 0;
		int pending = 0;
		int next = 0;
		long deadline = System.nanoTime() + Duration.ofMinutes(3).toNanos();
		while (answered < count && System.nanoTime() < deadline) {
			while (next < count && pending < 200) {
				String[] spec = specs.get(next % specs.size()).trim().split("\\s+");
				String cookie = (spec.length < 2 || spec[1].equals("-")) ? "" : "Cookie: " + spec[1] + "\r\n";
				byte[] request = ("GET " + spec[0] + " HTTP/1.1\r\nHost: 127.0.0.1:" + port
						+ "\r\nAccept: text/event-stream\r\n" + cookie + "\r\n")
					.getBytes(StandardCharsets.US_ASCII);
				SocketChannel channel = SocketChannel.open(new InetSocketAddress("127.0.0.1", port));
				channel.write(ByteBuffer.wrap(request));
				channel.configureBlocking(false);
				Stream stream = new Stream(channel);
				channel.register(selector, SelectionKey.OP_READ, stream);
				streams.add(stream);
				next++;
				pending++;
			}
			selector.select(1000);
			for (SelectionKey key : selector.selectedKeys()) {
				Stream stream = (Stream) key.attachment();
				int read = readSome(stream.channel, buffer);
				if (read > 0) {
					stream.head.append(new String(buffer.array(), 0, read, StandardCharsets.ISO_8859_1));
				}
				if (read < 0) {
					key.cancel();
				}
				if (stream.head.indexOf("\r\n\r\n") >= 0 || read < 0) {
					stream.open = stream.head.toString().startsWith("HTTP/1.1 200") && read >= 0;
					if (!stream.open && answered - streams.stream().filter((s) -> s.open).count() < 3) {
						System.err.println("refused: " + stream.head.toString().lines().findFirst().orElse("(closed)"));
					}
					if (read >= 0) {
						// from now on the reader thread takes what comes
						key.interestOps(0);
					}
					answered++;
					pending--;
				}
			}
			selector.selectedKeys().clear();
		}
		for (SelectionKey key : selector.keys()) {
			if (key.isValid() && ((Stream) key.attachment()).open) {
				key.interestOps(SelectionKey.OP_READ);
			}
		}
		return streams;
	}

	/** Reads every open stream and notes when each gets a {@code data:} line. */
	private static void read(Selector selector, AtomicBoolean stop) {
		ByteBuffer buffer = ByteBuffer.allocate(65536);
		try {
			while (!stop.get()) {
				selector.select(200);
				long now = System.nanoTime();
				for (SelectionKey key : selector.selectedKeys()) {
					Stream stream = (Stream) key.attachment();
					int read = readSome(stream.channel, buffer);
					if (read < 0) {
						key.cancel();
						System.err.println("a stream was closed by the server");
						continue;
					}
					String text = stream.tail + new String(buffer.array(), 0, read, StandardCharsets.ISO_8859_1);
					synchronized (stream) {
						stream.bytesSince += read;
						// a frame with data (one that only moves the id on has an empty data line)
						Matcher data = DATA.matcher(text);
						boolean found = false;
						while (!found && data.find()) {
							// the tail kept from the last read counts only for the id before it
							found = data.end() > stream.tail.length();
						}
						if (found) {
							stream.deliveries++;
							if (stream.deliveredAt < 0) {
								stream.deliveredAt = now;
								Instant wall = Instant.now();
								stream.deliveredAtMicros = wall.getEpochSecond() * 1_000_000 + wall.getNano() / 1_000;
								Matcher id = ID.matcher(text.substring(0, data.start()));
								long last = -1;
								while (id.find()) {
									last = Long.parseLong(id.group(1));
								}
								stream.deliveredId = last;
							}
						}
					}
					stream.tail = text.substring(Math.max(0, text.length() - 40));
				}
				selector.selectedKeys().clear();
			}
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
	}

	/** Reads what the channel has into the cleared buffer: the byte count, -1 once closed. */
	private static int readSome(SocketChannel channel, ByteBuffer buffer) {
		buffer.clear();
		try {
			return channel.read(buffer);
		}
		catch (IOException ex) {
			return -1;
		}
	}

	/**
	 * Sends a request the trigger's server answers without changing anything (the origin's
	 * root), so that the client's first timed request does not pay for setting up its HTTP
	 * stack and connection.
	 */
	private static void warm(String[] trigger) {
		URI target = URI.create(trigger[1]);
		try {
			http.send(HttpRequest.newBuilder(target.resolve("/")).GET().build(), HttpResponse.BodyHandlers.discarding());
		}
		catch (Exception ex) {
			System.err.println("warming the client: " + ex);
		}
	}

	/**
	 * Builds the trigger's request; for {@code patch-restock} it reads the restock first
	 * (its version and date), so that this read is not timed with the change.
	 */
	private static HttpRequest prepare(String[] trigger) throws Exception {
		if (trigger[0].equals("patch-restock")) {
			String base = trigger[1];
			String authorization = trigger[2];
			String url = base + "/restocks/" + trigger[3];
			HttpResponse<String> restock = http.send(
					HttpRequest.newBuilder(URI.create(url)).header("Authorization", authorization).GET().build(),
					HttpResponse.BodyHandlers.ofString());
			Matcher version = VERSION.matcher(restock.body());
			if (!version.find()) {
				throw new IllegalStateException("no version in " + restock.body());
			}
			// to whichever of the two dates it is not on now
			String to = restock.body().contains("\"expectedOn\":\"" + trigger[4] + "\"") ? trigger[5] : trigger[4];
			String body = "{\"expectedOn\":\"" + to + "\",\"version\":" + version.group(1) + "}";
			return HttpRequest.newBuilder(URI.create(url))
				.header("Authorization", authorization)
				.header("Content-Type", "application/json")
				.method("PATCH", HttpRequest.BodyPublishers.ofString(body))
				.build();
		}
		if (trigger[0].equals("post")) {
			HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(trigger[1]))
				.header("Content-Type", trigger[2])
				.POST(HttpRequest.BodyPublishers.ofString(trigger[3]));
			for (int i = 4; i < trigger.length; i++) {
				int colon = trigger[i].indexOf(':');
				request.header(trigger[i].substring(0, colon).trim(), trigger[i].substring(colon + 1).trim());
			}
			return request.build();
		}
		throw new IllegalArgumentException("unknown trigger " + trigger[0]);
	}

	/** Sends the trigger's request and answers its HTTP status. */
	private static CompletableFuture<Integer> fire(HttpRequest request) {
		return http.sendAsync(request, HttpResponse.BodyHandlers.discarding()).thenApply(HttpResponse::statusCode);
	}

}
