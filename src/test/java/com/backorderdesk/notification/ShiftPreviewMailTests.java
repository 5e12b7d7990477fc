package com.backorderdesk.notification;

import java.time.Duration;
import java.util.HashMap;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import jakarta.mail.internet.MimeMessage;
import org.junit.jupiter.api.Test;

import com.backorderdesk.inventory.NewRestock;
import com.backorderdesk.inventory.RestockChange;
import com.backorderdesk.inventory.RestockShift;
import com.backorderdesk.orders.EmailPreference;
import com.backorderdesk.orders.OrderView;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.ApplicationContext;
import org.springframework.context.annotation.Import;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The supply previews tell the truth: composed by the composer that sends, on the
 * rolled-back state, the e-mails of a bulk shift or of one restock's change, by kind, are
 * the e-mails the apply then sends, delay notices included, across suppliers, e-mail
 * preferences and line states; and the sample is worded as the e-mail that is sent.
 */
@SpringBootTest(properties = "backorder.mail.scheduled=false")
@Import(MailTestSupport.Config.class)
class ShiftPreviewMailTests {

	@Autowired
	private MailPreviews previews;

	private final MailScenario scenario;

	ShiftPreviewMailTests(@Autowired ApplicationContext context) {
		this.scenario = new MailScenario(context);
	}

	@Test
	void whenAShiftIsAppliedThenTheEmailsSentAreTheOnesThePreviewCountedByKind() {
		String first = this.scenario.shop.unique("First supplier");
		String second = this.scenario.shop.unique("Second supplier");
		String desk = this.scenario.shop.product("DESK", 29900, 0);
		String chair = this.scenario.shop.product("CHAIR", 4999, 0);
		String lamp = this.scenario.shop.product("LAMP", 1999, 0);
		String shelf = this.scenario.shop.product("SHELF", 7999, 1);
		long deskRestock = restock(desk, first, 10);
		long chairRestock = restock(chair, first, 30);
		long lampRestock = restock(lamp, second, 15);
		long shelfRestock = restock(shelf, second, 12);
		OrderView slack = order("slack", EmailPreference.EVERY_UPDATE, chair);
		// the chair comes 10 days sooner than first promised to this customer: a later
		// move within that is a new window, not a delay
		this.scenario.move(chairRestock, 20);
		OrderView every = order("every", EmailPreference.EVERY_UPDATE, desk);
		OrderView important = order("important", EmailPreference.IMPORTANT_ONLY, chair);
		OrderView none = order("none", EmailPreference.NONE, lamp);
		OrderView partly = order("partly", EmailPreference.EVERY_UPDATE, shelf + "*2");
		this.scenario.after(Duration.ofMinutes(11));
		long marker = this.scenario.shop.count("select coalesce(max(id), 0) from mail_outbox");
		List<OrderView> shifted = List.of(every, important, none, partly, slack);
		long rowsBefore = outboxRows(shifted);

		RestockShift shift = new RestockShift(List.of(deskRestock, chairRestock, lampRestock, shelfRestock), null, 5);
		MailPreviews.ShiftPreview preview = this.previews.previewShift(shift, "Our carrier is late.", "planner")
			.block(MailScenario.TIMEOUT);
		MailForecast mails = preview.mails();
		assertThat(mails.impact().orders()).isEqualTo(5);
		assertThat(mails.anyLater()).isTrue();
		assertThat(mails.count(MailContent.DELAY_NOTICE)).as("every order but the one with slack").isEqualTo(4);
		assertThat(mails.count(MailContent.WINDOW_LATER)).isPositive();
		assertThat(mails.orders()).anySatisfy((order) -> {
			assertThat(order.orderNumber()).isEqualTo(slack.number());
			assertThat(order.customerName()).isEqualTo("Ada Lovelace");
			assertThat(order.contents()).containsExactly(MailContent.WINDOW_LATER);
		});
		assertThat(mails.sampleSubject()).contains("is delayed");
		assertThat(mails.sampleHtml()).contains("Why: Our carrier is late.", "/o/");
		assertThat(outboxRows(shifted)).as("the rehearsal left nothing behind").isEqualTo(rowsBefore);

		this.scenario.supply.shiftRestocks(shift, "Our carrier is late.", "planner").block(MailScenario.TIMEOUT);
		this.scenario.after(Duration.ofMinutes(11));
		List<Long> orders = List.of(every.id(), important.id(), none.id(), partly.id(), slack.id());
		assertThat(sent(marker, orders)).as("e-mails sent").isEqualTo(mails.emails());
		assertThat(sentByContent(marker, orders)).isEqualTo(mails.byContent());
	}

	@Test
	void whenARestockChangeIsAppliedThenTheEmailsSentAreTheOnesItsPreviewCountedAndWordedSo() {
		String lamp = this.scenario.shop.product("LAMP", 1999, 0);
		long restock = this.scenario.restock(lamp, 10, 20);
		OrderView every = order("every", EmailPreference.EVERY_UPDATE, lamp);
		OrderView important = order("important", EmailPreference.IMPORTANT_ONLY, lamp);
		OrderView none = order("none", EmailPreference.NONE, lamp);
		// 10 days sooner than first promised to those three: moving it 5 days later is a
		// later window for them, but a delay for an order placed now
		this.scenario.move(restock, 10);
		this.scenario.after(Duration.ofMinutes(11));
		OrderView late = order("late", EmailPreference.IMPORTANT_ONLY, lamp);
		this.scenario.after(Duration.ofMinutes(11));
		List<OrderView> orders = List.of(every, important, none, late);
		List<String> emails = orders.stream().map(OrderView::customerEmail).toList();
		Map<String, Integer> received = new HashMap<>();
		emails.forEach((email) -> received.put(email, this.scenario.mail.messagesTo(email).size()));
		long marker = this.scenario.shop.count("select coalesce(max(id), 0) from mail_outbox");
		long rowsBefore = outboxRows(orders);

		RestockChange change = new RestockChange(this.scenario.today().plusDays(15), null, null, null);
		MailForecast preview = this.previews.previewRestockChange(restock, change, "The ship is slow.", "planner")
			.block(MailScenario.TIMEOUT);
		assertThat(preview.impact().orders()).isEqualTo(4);
		assertThat(preview.emails())
			.as("the window e-mail to the customer who wants every update, and the delay notice")
			.isEqualTo(2);
		assertThat(preview.count(MailContent.DELAY_NOTICE)).isEqualTo(1);
		assertThat(preview.count(MailContent.WINDOW_LATER)).isEqualTo(1);
		assertThat(preview.orders()).filteredOn((order) -> order.orderNumber().equals(none.number()))
			.singleElement()
			.satisfies((order) -> assertThat(order.contents()).isEmpty());
		assertThat(preview.sampleSubject()).isEqualTo("Order " + late.number() + ": Product " + lamp + " is delayed");
		assertThat(outboxRows(orders)).as("the rehearsal left nothing behind").isEqualTo(rowsBefore);

		this.scenario.supply.changeRestock(restock, change, "The ship is slow.", "planner").block(MailScenario.TIMEOUT);
		this.scenario.after(Duration.ofMinutes(11));
		List<Long> ids = orders.stream().map(OrderView::id).toList();
		assertThat(sent(marker, ids)).as("e-mails sent").isEqualTo(preview.emails());
		assertThat(sentByContent(marker, ids)).isEqualTo(preview.byContent());
		int arrived = 0;
		for (String email : emails) {
			arrived += this.scenario.mail.messagesTo(email).size() - received.get(email);
		}
		assertThat(arrived).as("e-mails that arrived over SMTP").isEqualTo(preview.emails());
		MimeMessage delivered = this.scenario.mail.messagesTo(late.customerEmail())
			.get(this.scenario.mail.messagesTo(late.customerEmail()).size() - 1);
		assertThat(MailScenario.subject(delivered)).isEqualTo(preview.sampleSubject());
		assertThat(withoutLinks(MailTestSupport.content(delivered, "text/html")))
			.as("the sample is the e-mail that is sent, but for its signed links")
			.isEqualTo(withoutLinks(preview.sampleHtml()));
	}

	/**
	 * Signed links carry when they were made, and SMTP ends lines with CRLF; the words do
	 * neither.
	 */
	private static String withoutLinks(String html) {
		return html.replace("\r\n", "\n").replaceAll("https?://[^\"'<\\s]+", "LINK").strip();
	}

	private long restock(String sku, String supplier, int inDays) {
		return this.scenario.supply
			.createRestock(new NewRestock(sku, supplier, 10, this.scenario.today().plusDays(inDays)), "test")
			.block(MailScenario.TIMEOUT)
			.id();
	}

	private OrderView order(String name, EmailPreference preference, String line) {
		OrderView order = this.scenario.place(this.scenario.email(name), line);
		this.scenario.dispatch();
		this.scenario.prefer(order, preference);
		return order;
	}

	/**
	 * The outbox rows of some orders: a rehearsal is checked on its own orders' rows, as
	 * the outbox is shared by every test class in the JVM and its newest id is no
	 * baseline.
	 * @param orders the orders
	 * @return how many outbox rows they have, whatever their status
	 */
	private long outboxRows(List<OrderView> orders) {
		return this.scenario.shop.count("select count(*) from mail_outbox where order_id in ("
				+ orders.stream().map((order) -> String.valueOf(order.id())).collect(Collectors.joining(", ")) + ")");
	}

	private long sent(long marker, List<Long> orders) {
		return this.scenario.shop.db()
			.sql("select count(*) from mail_outbox where id > :marker and status = 'SENT' and order_id = any(:orders)")
			.bind("marker", marker)
			.bind("orders", orders.toArray(Long[]::new))
			.map((row) -> row.get(0, Long.class))
			.one()
			.block(MailScenario.TIMEOUT);
	}

	private Map<MailContent, Integer> sentByContent(long marker, List<Long> orders) {
		Map<MailContent, Integer> counts = new EnumMap<>(MailContent.class);
		this.scenario.shop.db()
			.sql("""
					select c, count(*)::int as n from mail_outbox m, unnest(m.contents) as c
					where m.id > :marker and m.status = 'SENT' and m.order_id = any(:orders) group by c
					""")
			.bind("marker", marker)
			.bind("orders", orders.toArray(Long[]::new))
			.map((row) -> Map.entry(MailContent.valueOf(row.get("c", String.class)), row.get("n", Integer.class)))
			.all()
			.doOnNext((entry) -> counts.put(entry.getKey(), entry.getValue()))
			.blockLast(MailScenario.TIMEOUT);
		return counts;
	}

}
