package com.backorderdesk.notification;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import jakarta.mail.internet.MimeMessage;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import com.backorderdesk.allocation.EtaWindow;
import com.backorderdesk.inventory.NewRestock;
import com.backorderdesk.inventory.RestockShift;
import com.backorderdesk.orders.OrderView;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.ApplicationContext;
import org.springframework.context.annotation.Import;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Moving supply earlier never tells anyone their item is delayed, through real SMTP: a
 * late supplier's restock moved earlier by a planner's shift, until it ties on a date
 * with a punctual supplier's restock of the same product (and so may take over the orders
 * the punctual one covered, whose windows then widen), sends no delay notice and no
 * "later than we told you" to any customer of either restock.
 */
@SpringBootTest(properties = "backorder.mail.scheduled=false")
@Import(MailTestSupport.Config.class)
class EarlierSupplyMailTests {

	private static final int PUNCTUAL_IN_DAYS = 20;

	private static final int LATE_IN_DAYS = 40;

	private final MailScenario scenario;

	EarlierSupplyMailTests(@Autowired ApplicationContext context) {
		this.scenario = new MailScenario(context);
	}

	@ParameterizedTest(name = "moved until it ties on the {0}")
	@EnumSource(Tie.class)
	void whenALateSuppliersRestockMovesEarlierUntilItTiesWithAnotherThenNobodyIsToldOfADelay(Tie tie) {
		String punctual = this.scenario.shop.unique("Punctual");
		String late = this.scenario.shop.unique("Late");
		String sku = this.scenario.shop.product("TIE", 1000, 0);
		// the late supplier's restock is created first: on a full tie its lower id wins
		create(sku, late, LATE_IN_DAYS);
		create(sku, punctual, PUNCTUAL_IN_DAYS);
		// the suppliers' records, as receipts would have calibrated them; set before any
		// order, so every window is planned with them
		allowance(punctual, 1);
		allowance(late, 12);
		List<String> emails = new ArrayList<>();
		List<OrderView> orders = new ArrayList<>();
		for (int i = 0; i < 4; i++) {
			String email = this.scenario.email("tie" + i);
			emails.add(email);
			orders.add(this.scenario.place(email, sku));
		}
		this.scenario.after(Duration.ofMinutes(11));
		List<Integer> received = emails.stream().map((email) -> this.scenario.mail.messagesTo(email).size()).toList();
		List<EtaWindow> before = windows(orders);
		EtaWindow punctualWindow = before.get(0);
		EtaWindow lateWindow = before.get(3);
		assertThat(lateWindow.latest()).as("the late restock covers the back of the queue")
			.isAfter(punctualWindow.latest());
		long lateSpread = lateWindow.earliest().until(lateWindow.latest()).getDays();
		long punctualSpread = punctualWindow.earliest().until(punctualWindow.latest()).getDays();
		assertThat(lateSpread).as("the late supplier's allowance").isGreaterThan(punctualSpread);

		int target = tie.expectedInDays(lateSpread, punctualSpread);
		assertThat(target).as("a date after today").isPositive();
		this.scenario.supply
			.shiftRestocks(new RestockShift(List.of(), late, target - LATE_IN_DAYS), "Our supplier ships sooner.",
					"planner")
			.block(MailScenario.TIMEOUT);
		this.scenario.dispatch();
		this.scenario.after(Duration.ofMinutes(11));

		List<EtaWindow> after = windows(orders);
		for (int i = 0; i < orders.size(); i++) {
			OrderView order = orders.get(i);
			assertThat(after.get(i).latest()).as("%s was %s, now %s", order.number(), before.get(i), after.get(i))
				.isBeforeOrEqualTo(before.get(i).latest());
			assertThat(this.scenario.shop.events(order.number())).as("events of %s", order.number())
				.doesNotContain("DELAY_NOTICED");
			List<MimeMessage> messages = this.scenario.mail.messagesTo(emails.get(i));
			for (MimeMessage message : messages.subList(received.get(i), messages.size())) {
				assertThat(MailScenario.subject(message)).as("e-mail to %s", order.number())
					.doesNotContain("is delayed");
				assertThat(MailScenario.text(message)).as("e-mail to %s", order.number())
					.doesNotContain("later than we told you", "Keep waiting", "no longer ready");
			}
		}
		assertThat(after.get(3).latest()).as("the moved restock's orders got earlier").isBefore(before.get(3).latest());
		if (tie == Tie.LATEST_DATE) {
			assertThat(after.get(0)).as("the moved restock took over the front of the queue, its window wider")
				.isEqualTo(new EtaWindow(punctualWindow.latest().minusDays(lateSpread), punctualWindow.latest()));
		}
	}

	private void allowance(String supplier, int days) {
		this.scenario.shop.execute("insert into lateness_allowance (supplier_id, days) select id, " + days
				+ " from supplier where name = '" + supplier + "'"
				+ " on conflict (supplier_id) do update set days = excluded.days");
	}

	private void create(String sku, String supplier, int inDays) {
		this.scenario.supply
			.createRestock(new NewRestock(sku, supplier, 2, this.scenario.today().plusDays(inDays)), "test")
			.block(MailScenario.TIMEOUT);
	}

	private List<EtaWindow> windows(List<OrderView> orders) {
		return orders.stream().map((order) -> this.scenario.shop.find(order.number()).lines().get(0).eta()).toList();
	}

	/** Where the late supplier's restock is moved to. */
	enum Tie {

		/**
		 * The punctual restock's expected date: the late one, counted on later, serves
		 * after it.
		 */
		EXPECTED_DATE {
			@Override
			int expectedInDays(long lateSpread, long punctualSpread) {
				return PUNCTUAL_IN_DAYS;
			}
		},

		/**
		 * So early that both windows end on the same day: the late one, due sooner,
		 * serves first and widens the windows of the orders it takes over.
		 */
		LATEST_DATE {
			@Override
			int expectedInDays(long lateSpread, long punctualSpread) {
				return (int) (PUNCTUAL_IN_DAYS + punctualSpread - lateSpread);
			}
		};

		abstract int expectedInDays(long lateSpread, long punctualSpread);

	}

}
