package com.backorderdesk.notification;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

import com.backorderdesk.BackorderDeskApplication;
import com.backorderdesk.TestDatabase;
import com.backorderdesk.TestMail;
import com.icegreen.greenmail.user.GreenMailUser;
import com.icegreen.greenmail.user.UserException;
import com.icegreen.greenmail.util.GreenMail;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.r2dbc.core.DatabaseClient;

/**
 * Measures outbox dispatch against the design target: at least 1,000 e-mails a second
 * claimed, rendered, sent to a local SMTP server (GreenMail, in process) and marked sent
 * (DESIGN.md §9). Runs the application on the tests' PostgreSQL, queues the e-mails in
 * one statement, and times the dispatcher draining them.
 * <p>
 * The SMTP server plays a relay, as production sends to: every e-mail goes over SMTP to
 * its own recipient and is parsed and stored, but all in one mailbox. Left to itself,
 * GreenMail makes a user and a mailbox for each new recipient and finds mailboxes by
 * scanning all of them, so its cost per e-mail grows with every customer it has seen and
 * it, not the dispatcher, would be measured. Each round checks that the server received
 * as many e-mails as were marked sent.
 * <p>
 * Not a unit test; run it on demand, from the project root:
 *
 * <pre>
 * ./mvnw -o -q test-compile dependency:build-classpath -Dmdep.outputFile=target/cp.txt &amp;&amp; \
 * java -cp target/classes:target/test-classes:$(cat target/cp.txt) com.backorderdesk.notification.MailDispatchBenchmark
 * </pre>
 *
 * Optional argument: e-mails per round (10,000 by default); one warm-up round and three
 * measured rounds.
 */
public final class MailDispatchBenchmark {

	private static final int TARGET_PER_SECOND = 1_000;

	private MailDispatchBenchmark() {
	}

	public static void main(String[] args) throws UserException {
		int count = (args.length > 0) ? Integer.parseInt(args[0]) : 10_000;
		Map<String, Object> properties = new HashMap<>(TestDatabase.get().applicationProperties());
		properties.putAll(TestMail.get().applicationProperties());
		properties.put("backorder.mail.scheduled", "false");
		properties.put("server.port", "0");
		properties.put("logging.level.root", "warn");
		try (ConfigurableApplicationContext context = new SpringApplicationBuilder(BackorderDeskApplication.class)
			.properties(properties)
			.run()) {
			GreenMail smtp = TestMail.get().smtp();
			GreenMailUser relay = smtp.getUserManager().createUser("relay@example.com", "relay", "relay");
			smtp.getUserManager().setMessageDeliveryHandler((message, recipient) -> relay);
			DatabaseClient db = context.getBean(DatabaseClient.class);
			MailDispatcher dispatcher = context.getBean(MailDispatcher.class);
			MailSettings settings = context.getBean(MailSettings.class);
			System.out.printf("Outbox dispatch benchmark: %,d e-mails per round, batches of %d, %d at once, %d cores%n",
					count, settings.batchSize(), settings.concurrency(), Runtime.getRuntime().availableProcessors());
			for (int round = 0; round < 4; round++) {
				String run = UUID.randomUUID().toString().substring(0, 8);
				db.sql("""
						insert into mail_outbox (recipient, kind, model, dedup_key, next_attempt_at)
						select 'bench-' || :run || '-' || g || '@example.com', 'BACK_IN_STOCK',
							jsonb_build_object('sku', 'BENCH-' || (g % 50)), 'bench:' || :run || ':' || g, now()
						from generate_series(1, :count) g
						""").bind("run", run).bind("count", count).then().block(Duration.ofMinutes(1));
				int received = smtp.getReceivedMessages().length;
				long start = System.nanoTime();
				Integer handled = dispatcher.dispatchDue().block(Duration.ofMinutes(10));
				double seconds = (System.nanoTime() - start) / 1e9;
				long sent = db.sql("select count(*) from mail_outbox where status = 'SENT' and dedup_key like :key")
					.bind("key", "bench:" + run + ":%")
					.map((row) -> row.get(0, Long.class))
					.one()
					.block(Duration.ofMinutes(1));
				received = smtp.getReceivedMessages().length - received;
				if (received != sent) {
					throw new IllegalStateException(sent + " e-mails marked sent, but " + received + " received");
				}
				double rate = sent / seconds;
				System.out.printf("%s: %,d handled, %,d sent in %.2f s = %,.0f e-mails/s (target >= %,d)%n",
						(round == 0) ? "warm-up " : "round " + round, handled, sent, seconds, rate, TARGET_PER_SECOND);
			}
		}
		TestMail.get().stop();
		System.exit(0);
	}

}
