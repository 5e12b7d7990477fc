package com.backorderdesk.customer;

import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

import com.backorderdesk.Browser;
import com.backorderdesk.orders.LineWording;
import com.backorderdesk.orders.OrderView;
import com.backorderdesk.orders.ShipPreference;
import com.backorderdesk.orders.ShipPreferenceChanged;
import com.backorderdesk.timeline.LivePages;
import com.backorderdesk.timeline.NewOrderEvent;
import com.backorderdesk.timeline.OrderEventLog;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.context.annotation.Import;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;
import org.springframework.transaction.reactive.TransactionalOperator;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The order page is rendered once per order, locale and newest event and served to every
 * request with that request's own CSRF token; a new event renders it again, and the
 * timeline on it stays short however long the order's history.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@AutoConfigureWebTestClient(timeout = "30s")
@Import(PortalFixtures.class)
class OrderPageCacheTests {

	private static final String EMAIL = "barbara@example.com";

	private static final Duration TIMEOUT = Duration.ofSeconds(20);

	private static final Pattern TOKEN = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"");

	@Autowired
	private WebTestClient http;

	@Autowired
	private PortalFixtures fixtures;

	@Autowired
	private LineWording dates;

	@Autowired
	private RenderedOrderPages pages;

	@Autowired
	private OrderEventLog log;

	@Autowired
	private TransactionalOperator transactions;

	@Test
	void whenTheOrderHasNotChangedThenThePageIsServedAsRenderedAndANewEventRendersItAgain() {
		LocalDate today = this.dates.today();
		String desk = this.fixtures.product("Standing Desk", 0);
		long restock = this.fixtures.restock(desk, 5, today.plusDays(21));
		OrderView order = this.fixtures.order(EMAIL, desk, 1);
		Browser browser = lookedUp(order);
		long renders = this.pages.renders();
		Browser.Page first = browser.get("/orders/{number}", order.number());
		Browser.Page second = browser.get("/orders/{number}", order.number());
		assertThat(this.pages.renders() - renders).as("renderings of an unchanged order").isEqualTo(1);
		assertThat(first.body()).contains(this.dates.date(today.plusDays(25), Locale.ENGLISH));
		assertThat(token(first.body())).isNotEqualTo(token(second.body())).doesNotContain(LivePages.CSRF_PLACEHOLDER);
		assertThat(withoutTokens(first.body())).isEqualTo(withoutTokens(second.body()));
		assertThat(first.headers().getContentType()).isEqualTo(MediaType.parseMediaType("text/html;charset=UTF-8"));
		assertThat(first.headers().getCacheControl()).isEqualTo("private, no-cache");
		assertThat(first.headers().getFirst(HttpHeaders.VARY)).contains("Cookie", "Accept-Language");
		// both tokens are this browser's: its forms work with either
		assertThat(browser
			.post("/orders/" + order.number() + "/preferences", "ship", "SHIP_COMPLETE", "email", "EVERY_UPDATE")
			.status()).isEqualTo(HttpStatus.SEE_OTHER);

		this.fixtures.moveRestock(restock, today.plusDays(14));
		Browser.Page changed = browser.get("/orders/{number}", order.number());
		assertThat(changed.body()).contains(this.dates.date(today.plusDays(18), Locale.ENGLISH))
			.doesNotContain(LivePages.CSRF_PLACEHOLDER);
		assertThat(this.pages.renders() - renders).isEqualTo(2);
	}

	@Test
	void whenAProductOfTheOrderIsRenamedThenThePageSaysTheNewName() {
		String chair = this.fixtures.product("Garden Chair", 0);
		OrderView order = this.fixtures.order(EMAIL, chair, 1);
		Browser browser = lookedUp(order);
		String etag = browser.get("/orders/{number}", order.number()).headers().getETag();
		this.fixtures.rename(chair, "Folding Garden Chair");
		assertThat(revalidate(browser, order, etag)).isEqualTo(HttpStatus.OK);
		assertThat(browser.get("/orders/{number}", order.number()).body()).contains("Folding Garden Chair");
	}

	@Test
	void whenTheBrowserHasThePageThenItIsToldNotModifiedUntilTheOrderChanges() {
		LocalDate today = this.dates.today();
		String shelf = this.fixtures.product("Wall Shelf", 0);
		long restock = this.fixtures.restock(shelf, 5, today.plusDays(21));
		OrderView order = this.fixtures.order(EMAIL, shelf, 1);
		Browser browser = lookedUp(order);
		String etag = browser.get("/orders/{number}", order.number()).headers().getETag();
		assertThat(etag).startsWith("W/\"");
		assertThat(revalidate(browser, order, etag)).isEqualTo(HttpStatus.NOT_MODIFIED);
		assertThat(revalidate(lookedUp(order), order, etag)).as("another browser, another token")
			.isEqualTo(HttpStatus.OK);
		this.fixtures.moveRestock(restock, today.plusDays(14));
		assertThat(revalidate(browser, order, etag)).isEqualTo(HttpStatus.OK);
	}

	@Test
	void whenANoticeIsShownThenThePageIsRenderedForThatRequestAlone() {
		OrderView order = this.fixtures.order(EMAIL, this.fixtures.product("Bar Stool", 0), 1);
		Browser browser = lookedUp(order);
		long renders = this.pages.renders();
		for (int i = 0; i < 2; i++) {
			Browser.Page page = browser.get("/orders/{number}?notice=preferences-saved", order.number());
			assertThat(page.body()).contains("Your choices are saved.");
			assertThat(page.headers().getETag()).isNull();
		}
		assertThat(this.pages.renders() - renders).isEqualTo(2);
	}

	@Test
	void whenTheHistoryIsLongThenThePageShowsTheLatestEntriesAndLinksToTheRest() {
		OrderView order = this.fixtures.order(EMAIL, this.fixtures.product("Long Story", 0), 1);
		List<NewOrderEvent> changes = new ArrayList<>();
		for (int i = 0; i < 125; i++) {
			ShipPreference before = (i % 2 == 0) ? ShipPreference.SHIP_WHEN_READY : ShipPreference.SHIP_COMPLETE;
			ShipPreference after = (i % 2 == 0) ? ShipPreference.SHIP_COMPLETE : ShipPreference.SHIP_WHEN_READY;
			changes.add(new NewOrderEvent(order.id(), new ShipPreferenceChanged(before, after), "test"));
		}
		this.transactions.transactional(this.log.append(changes)).block(TIMEOUT);
		Browser browser = lookedUp(order);
		String page = browser.get("/orders/{number}", order.number()).body();
		assertThat(entries(page)).hasSize(OrderTimeline.PAGE_ENTRIES);
		String history = "/orders/" + order.number() + "/history";
		assertThat(page).contains("href=\"" + history + "\"");
		String newest = browser.get(history).body();
		List<String> shown = entries(newest);
		assertThat(shown).hasSize(OrderTimeline.HISTORY_ENTRIES);
		String oldestShown = shown.get(shown.size() - 1);
		assertThat(newest).contains("href=\"" + history + "?before=" + oldestShown + "\"");
		String older = browser.get(history + "?before=" + oldestShown).body();
		assertThat(entries(older)).hasSize(126 - OrderTimeline.HISTORY_ENTRIES)
			.allMatch((id) -> Long.parseLong(id) < Long.parseLong(oldestShown));
		assertThat(older).doesNotContain("?before=").contains("Order placed");
		assertThat(PortalFixtures.browser(this.http).get(history).location()).as("a browser without access")
			.endsWith("/?access=required");
	}

	private Browser lookedUp(OrderView order) {
		Browser browser = PortalFixtures.browser(this.http);
		assertThat(browser.lookUp(order.number(), EMAIL).status()).isEqualTo(HttpStatus.SEE_OTHER);
		return browser;
	}

	private HttpStatus revalidate(Browser browser, OrderView order, String etag) {
		return HttpStatus.valueOf(this.http.get()
			.uri("/orders/{number}", order.number())
			.header("X-Forwarded-For", browser.address())
			.header(HttpHeaders.IF_NONE_MATCH, etag)
			.cookies((jar) -> browser.cookies().forEach(jar::add))
			.exchange()
			.returnResult(String.class)
			.getStatus()
			.value());
	}

	private static List<String> entries(String html) {
		Matcher matcher = Pattern.compile("id=\"event-([0-9]+)\"").matcher(html);
		List<String> ids = new ArrayList<>();
		while (matcher.find()) {
			ids.add(matcher.group(1));
		}
		return ids;
	}

	private static String token(String html) {
		Matcher matcher = TOKEN.matcher(html);
		assertThat(matcher.find()).as("a form with a token").isTrue();
		return matcher.group(1);
	}

	private static String withoutTokens(String html) {
		return TOKEN.matcher(html).replaceAll("");
	}

}
