package com.backorderdesk.notification;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.mail.internet.MimeMessage;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;
import reactor.test.StepVerifier;

import com.backorderdesk.TestMail;
import com.backorderdesk.TestShop;
import com.backorderdesk.catalog.CatalogService;
import com.backorderdesk.security.CustomerLinks;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.context.ApplicationContext;
import org.springframework.context.annotation.Import;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.transaction.reactive.TransactionalOperator;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Nothing queued is lost and nothing is sent twice in normal operation: an SMTP outage
 * only delays mail, a crash between sending and marking re-sends with the same
 * Message-ID, and dispatchers on one database share the work without overlap.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = "backorder.mail.scheduled=false")
@AutoConfigureWebTestClient
@Import(MailTestSupport.Config.class)
class MailReliabilityTests {

	@Autowired
	private MailDispatcher dispatcher;

	@Autowired
	private Outbox outbox;

	@Autowired
	private MailSettings settings;

	@Autowired
	private DatabaseClient db;

	@Autowired
	private MailTestSupport.MutableClock clock;

	@Autowired
	private ApplicationContext context;

	private final TestMail mail = TestMail.get();

	private final String run = UUID.randomUUID().toString().substring(0, 8);

	@Test
	void whenSmtpIsDownWhile200AreDueThenNoneIsLostAndAllAreDeliveredOnceItIsBack() {
		Instant due = this.clock.instant().plus(Duration.ofHours(2));
		List<String> recipients = queue("outage", 200, due);
		this.clock.advance(Duration.ofHours(2));
		this.mail.stop();
		try {
			StepVerifier.create(this.dispatcher.dispatchDue())
				.expectNext(200)
				.expectComplete()
				.verify(Duration.ofSeconds(60));
		}
		finally {
			this.mail.start();
		}
		assertThat(count("status = 'PENDING' and attempts = 1 and last_error is not null", "outage")).isEqualTo(200);
		StepVerifier.create(this.dispatcher.dispatchDue())
			.expectNext(0)
			.expectComplete()
			.verify(MailTestSupport.TIMEOUT);
		this.clock.advance(this.settings.retryMax());
		StepVerifier.create(this.dispatcher.dispatchDue())
			.expectNext(200)
			.expectComplete()
			.verify(Duration.ofSeconds(60));
		assertThat(count("status = 'SENT'", "outage")).isEqualTo(200);
		for (String recipient : recipients) {
			assertThat(this.mail.messagesTo(recipient)).as(recipient).hasSize(1);
		}
	}

	@Test
	void whenAnInstanceDiesAfterSendingBeforeMarkingThenTheRowIsSentAgainWithTheSameMessageIdAndNothingElseTwice() {
		Instant due = this.clock.instant().plus(Duration.ofHours(4));
		List<String> recipients = queue("crash", 10, due);
		this.clock.advance(Duration.ofHours(4));
		// an instance that sends, then dies before it can mark what it sent
		Outbox dying = new Outbox(this.db) {
			@Override
			Mono<Void> markSent(List<Outbox.Sent> sent, Instant now) {
				return Mono.error(new IllegalStateException("killed"));
			}
		};
		MailDispatcher crashing = dispatcher(dying);
		StepVerifier.create(crashing.dispatchOnce(4))
			.expectError(IllegalStateException.class)
			.verify(MailTestSupport.TIMEOUT);
		assertThat(count("status = 'SENDING'", "crash")).isEqualTo(4);
		StepVerifier.create(this.dispatcher.dispatchDue())
			.expectNext(6)
			.expectComplete()
			.verify(MailTestSupport.TIMEOUT);
		this.clock.advance(this.settings.lease().plusSeconds(1));
		StepVerifier.create(this.dispatcher.dispatchDue())
			.expectNext(4)
			.expectComplete()
			.verify(MailTestSupport.TIMEOUT);
		assertThat(count("status = 'SENT'", "crash")).isEqualTo(10);
		int twice = 0;
		for (String recipient : recipients) {
			List<MimeMessage> received = this.mail.messagesTo(recipient);
			assertThat(received).as(recipient).hasSizeBetween(1, 2);
			if (received.size() == 2) {
				twice++;
				assertThat(MailTestSupport.header(received.get(1), "Message-ID"))
					.isEqualTo(MailTestSupport.header(received.get(0), "Message-ID"));
			}
		}
		assertThat(twice).as("only the rows the dead instance had sent").isEqualTo(4);
	}

	@Test
	void whenTwoDispatchersRunOnOneDatabaseThenNoRowIsSentTwice() {
		Instant due = this.clock.instant().plus(Duration.ofHours(6));
		List<String> recipients = queue("pair", 400, due);
		this.clock.advance(Duration.ofHours(6));
		MailDispatcher other = dispatcher(this.outbox);
		StepVerifier.create(Mono.zip(this.dispatcher.dispatchDue(), other.dispatchDue(), Integer::sum))
			.expectNext(400)
			.expectComplete()
			.verify(Duration.ofSeconds(60));
		Map<String, Integer> byMessageId = new HashMap<>();
		for (String recipient : recipients) {
			for (MimeMessage received : this.mail.messagesTo(recipient)) {
				byMessageId.merge(MailTestSupport.header(received, "Message-ID"), 1, Integer::sum);
			}
		}
		assertThat(byMessageId).hasSize(400).allSatisfy((id, times) -> assertThat(times).as(id).isEqualTo(1));
	}

	/** A second instance's dispatcher: same database, same SMTP server. */
	private MailDispatcher dispatcher(Outbox outbox) {
		return new MailDispatcher(outbox, this.context.getBean(ToldState.class),
				this.context.getBean(OrderNewsReader.class), this.context.getBean(OrderMailComposer.class),
				this.context.getBean(BackInStockMail.class), this.context.getBean(MailRenderer.class),
				this.context.getBeanProvider(JavaMailSender.class), this.context.getBean(CustomerLinks.class),
				this.context.getBean(CatalogService.class), this.context.getBean(TransactionalOperator.class),
				this.settings, this.context.getBean(BaseUrl.class), this.clock);
	}

	/** Queues e-mails about no order (back in stock), each to an address of its own. */
	private List<String> queue(String prefix, int count, Instant due) {
		String sku = new TestShop(this.context).product("BACK", 1000, 0);
		List<String> recipients = new ArrayList<>();
		for (int i = 0; i < count; i++) {
			recipients.add(prefix + "-" + this.run + "-" + i + "@example.com");
		}
		this.db.sql("""
				insert into mail_outbox (recipient, kind, model, dedup_key, next_attempt_at)
				select r, 'BACK_IN_STOCK', jsonb_build_object('sku', cast(:sku as text)), :prefix || n, :due
				from unnest(:recipients::text[]) with ordinality as u(r, n)
				""")
			.bind("sku", sku)
			.bind("prefix", prefix + ":" + this.run + ":")
			.bind("due", due)
			.bind("recipients", recipients.toArray(String[]::new))
			.then()
			.block(MailTestSupport.TIMEOUT);
		return recipients;
	}

	private long count(String condition, String prefix) {
		return this.db.sql("select count(*) from mail_outbox where " + condition + " and dedup_key like :key")
			.bind("key", prefix + ":" + this.run + ":%")
			.map((row) -> row.get(0, Long.class))
			.one()
			.block(MailTestSupport.TIMEOUT);
	}

}
