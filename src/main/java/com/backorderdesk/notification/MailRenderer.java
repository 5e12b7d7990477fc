package com.backorderdesk.notification;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Date;
import java.util.List;
import java.util.Properties;
import java.util.Set;

import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import jakarta.mail.util.StreamProvider;
import org.thymeleaf.TemplateEngine;
import org.thymeleaf.context.Context;
import org.thymeleaf.spring6.SpringTemplateEngine;
import org.thymeleaf.spring6.expression.ThymeleafEvaluationContext;
import org.thymeleaf.templatemode.TemplateMode;
import org.thymeleaf.templateresolver.ClassLoaderTemplateResolver;

import org.springframework.context.MessageSource;
import org.springframework.expression.EvaluationContext;
import org.springframework.expression.spel.support.ReflectiveMethodResolver;
import org.springframework.expression.spel.support.ReflectivePropertyAccessor;
import org.springframework.expression.spel.support.StandardEvaluationContext;
import org.springframework.expression.spel.support.StandardTypeLocator;
import org.springframework.stereotype.Component;

/**
 * Renders e-mails as HTML and plain text from the same view, with the headers that make
 * them trustworthy: a {@code Message-ID} derived from the outbox row, and RFC 8058
 * one-click unsubscribe. Blocking work (templates read once, MIME encoding): call it off
 * the event loop.
 */
@Component
class MailRenderer {

	private static final String TEMPLATES = "templates/notification/";

	private static final String CHARSET = StandardCharsets.UTF_8.name();

	private final TemplateEngine templates;

	/**
	 * Shared by every rendering so that SpEL looks up how to read a property of the view
	 * once, not in each e-mail: without one, Thymeleaf makes a context per template call,
	 * with an empty cache, and reflection was most of the rendering time. Thymeleaf only
	 * reads it; what a call sets goes into the wrapper it makes around it. The views are
	 * read by {@link RecordComponentReader}; anything else by reflection, with
	 * Thymeleaf's access checks.
	 */
	private final EvaluationContext evaluation = evaluationContext();

	private final Session session = Session.getInstance(new Properties());

	private final InternetAddress from;

	private final String domain;

	private final Clock clock;

	MailRenderer(MessageSource messages, MailSettings settings, Clock clock) throws AddressException {
		nameStreamProvider();
		SpringTemplateEngine engine = new SpringTemplateEngine();
		engine.addTemplateResolver(resolver("*.html", TemplateMode.HTML));
		engine.addTemplateResolver(resolver("*.txt", TemplateMode.TEXT));
		engine.setTemplateEngineMessageSource(messages);
		this.templates = engine;
		this.from = new InternetAddress(settings.from(), true);
		String address = this.from.getAddress();
		this.domain = address.substring(address.indexOf('@') + 1);
		this.clock = clock;
	}

	/**
	 * Jakarta Mail 2.1 looks up its {@link StreamProvider} with a {@code ServiceLoader},
	 * which scans every jar on the class path, each time a message part is created,
	 * parsed or written: a dozen times per e-mail, more than rendering and sending it
	 * cost together (jakartaee/mail-api#699, #861). The lookup reads a system property
	 * first; naming there the provider the scan finds makes it a class lookup, with the
	 * same result. A provider named by the deployment is left alone, and so is one that
	 * not every thread could load by name (nested in an executable jar, the lookup by
	 * name would fail on a thread whose context class loader is the system one).
	 */
	private static void nameStreamProvider() {
		String property = StreamProvider.class.getName();
		Class<?> provider = StreamProvider.provider().getClass();
		if (System.getProperty(property) == null && onClassPath(provider)) {
			System.setProperty(property, provider.getName());
		}
	}

	private static boolean onClassPath(Class<?> type) {
		try {
			return Class.forName(type.getName(), false, ClassLoader.getSystemClassLoader()) == type;
		}
		catch (ClassNotFoundException ex) {
			return false;
		}
	}

	private static EvaluationContext evaluationContext() {
		StandardEvaluationContext evaluation = new StandardEvaluationContext();
		evaluation.setPropertyAccessors(
				List.of(new RecordComponentReader(MailView.class, MailView.Row.class, MailView.Action.class),
						new ReflectivePropertyAccessor()));
		evaluation.setMethodResolvers(List.of(new ReflectiveMethodResolver()));
		evaluation.setTypeLocator(new StandardTypeLocator());
		return evaluation;
	}

	private static ClassLoaderTemplateResolver resolver(String pattern, TemplateMode mode) {
		ClassLoaderTemplateResolver resolver = new ClassLoaderTemplateResolver();
		resolver.setPrefix(TEMPLATES);
		resolver.setResolvablePatterns(Set.of(pattern));
		resolver.setTemplateMode(mode);
		resolver.setCharacterEncoding(CHARSET);
		resolver.setCacheable(true);
		return resolver;
	}

	/**
	 * Renders one e-mail.
	 * @param mail the outbox row
	 * @param recipient the address
	 * @param view what it says
	 * @param content the most important thing it tells, named in a header for mail
	 * filters and tests
	 * @return the message, ready to send
	 * @throws MessagingException when the message cannot be built, such as for an address
	 * that is not one
	 */
	MimeMessage render(ClaimedMail mail, String recipient, MailView view, MailContent content)
			throws MessagingException {
		String html = html(view);
		String text = this.templates.process("mail.txt", context(view));
		MimeMessage message = new StableIdMessage(this.session, mail.messageId(this.domain));
		message.setFrom(this.from);
		message.setRecipient(Message.RecipientType.TO, new InternetAddress(recipient, true));
		message.setSubject(view.subject(), CHARSET);
		message.setSentDate(Date.from(this.clock.instant()));
		message.setContent(alternatives(text, html));
		if (view.unsubscribeLink() != null) {
			message.setHeader("List-Unsubscribe", "<" + view.unsubscribeLink() + ">");
			message.setHeader("List-Unsubscribe-Post", "List-Unsubscribe=One-Click");
		}
		message.setHeader("X-Backorder-Mail", content.name());
		message.saveChanges();
		return message;
	}

	/**
	 * The HTML of an e-mail, as its recipient's mail client shows it: for previews.
	 * @param view what it says
	 * @return the HTML document
	 */
	String html(MailView view) {
		return this.templates.process("mail.html", context(view));
	}

	private Context context(MailView view) {
		Context context = new Context(view.locale());
		context.setVariable(ThymeleafEvaluationContext.THYMELEAF_EVALUATION_CONTEXT_CONTEXT_VARIABLE_NAME,
				this.evaluation);
		context.setVariable("mail", view);
		return context;
	}

	/**
	 * The text and the HTML as alternatives of one another, and nothing else: the e-mail
	 * has no attachments or inline images, so it needs no mixed or related parts around
	 * them. Built directly rather than with {@code MimeMessageHelper}, which parses the
	 * MIME type tables from the class path for every message it is given that its sender
	 * did not create.
	 */
	private static MimeMultipart alternatives(String text, String html) throws MessagingException {
		MimeBodyPart plain = new MimeBodyPart();
		plain.setText(text, CHARSET);
		MimeBodyPart rich = new MimeBodyPart();
		rich.setText(html, CHARSET, "html");
		return new MimeMultipart("alternative", plain, rich);
	}

	/** Keeps the {@code Message-ID} it is given when saved, instead of making one up. */
	private static final class StableIdMessage extends MimeMessage {

		private final String messageId;

		StableIdMessage(Session session, String messageId) {
			super(session);
			this.messageId = messageId;
		}

		@Override
		protected void updateMessageID() throws MessagingException {
			setHeader("Message-ID", this.messageId);
		}

	}

}
