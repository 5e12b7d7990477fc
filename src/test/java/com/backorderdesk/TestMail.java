package com.backorderdesk;

import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import com.icegreen.greenmail.configuration.GreenMailConfiguration;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import jakarta.mail.Address;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;

/**
 * The SMTP server every test in this JVM sends to: GreenMail, in process, on a free port,
 * accepting any address. {@link TestDatabaseContextCustomizerFactory} points every Spring
 * test context's {@code spring.mail.*} at it. Tests find their e-mail by recipient, since
 * all tests share it; a test may stop it to play an outage and start it again on the same
 * port.
 */
public final class TestMail {

	private static @Nullable TestMail instance;

	private final int port;

	private GreenMail smtp;

	private TestMail() {
		this.smtp = start(0);
		this.port = this.smtp.getSmtp().getPort();
	}

	public static synchronized TestMail get() {
		if (instance == null) {
			instance = new TestMail();
		}
		return instance;
	}

	private static GreenMail start(int port) {
		ServerSetup setup = new ServerSetup(port, "127.0.0.1", ServerSetup.PROTOCOL_SMTP);
		GreenMail smtp = new GreenMail((port == 0) ? setup.dynamicPort() : setup)
			.withConfiguration(GreenMailConfiguration.aConfig().withDisabledAuthentication());
		smtp.start();
		return smtp;
	}

	public Map<String, Object> applicationProperties() {
		return Map.of("spring.mail.host", "127.0.0.1", "spring.mail.port", Integer.toString(this.port));
	}

	public synchronized GreenMail smtp() {
		return this.smtp;
	}

	/** Takes the server down: connections are refused until {@link #start()}. */
	public synchronized void stop() {
		this.smtp.stop();
	}

	/** Starts a server again on the same port; it holds no earlier messages. */
	public synchronized void start() {
		if (!this.smtp.isRunning()) {
			this.smtp = start(this.port);
		}
	}

	/** The messages received for an address so far. */
	public List<MimeMessage> messagesTo(String address) {
		return Arrays.stream(smtp().getReceivedMessages()).filter((message) -> isTo(message, address)).toList();
	}

	/**
	 * Waits until an address has received at least {@code count} messages.
	 * @return the messages
	 */
	public List<MimeMessage> await(String address, int count, Duration timeout) {
		long deadline = System.nanoTime() + timeout.toNanos();
		List<MimeMessage> received = messagesTo(address);
		while (received.size() < count && System.nanoTime() < deadline) {
			sleep();
			received = messagesTo(address);
		}
		if (received.size() < count) {
			throw new AssertionError(
					"Expected " + count + " e-mails to " + address + " within " + timeout + ", got " + received.size());
		}
		return received;
	}

	private static void sleep() {
		try {
			Thread.sleep(50);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	private static boolean isTo(MimeMessage message, String address) {
		try {
			Address[] recipients = message.getAllRecipients();
			return recipients != null && Arrays.stream(recipients).anyMatch((to) -> to.toString().equals(address));
		}
		catch (MessagingException ex) {
			throw new IllegalStateException(ex);
		}
	}

	/**
	 * Makes the test server a bean, for the dev mailbox in tests that show it.
	 */
	@TestConfiguration(proxyBeanMethods = false)
	public static class Mailbox {

		@Bean(destroyMethod = "")
		GreenMail testSmtp() {
			return TestMail.get().smtp();
		}

	}

}
