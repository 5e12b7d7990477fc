package com.backorderdesk.browser;

import java.nio.file.Files;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.deque.html.axecore.args.AxeRunOptions;
import com.deque.html.axecore.playwright.AxeBuilder;
import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Response;
import com.microsoft.playwright.options.AriaRole;
import com.microsoft.playwright.options.FormData;
import com.microsoft.playwright.options.RequestOptions;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.backorderdesk.TestMail;
import com.backorderdesk.catalog.CatalogService;
import com.backorderdesk.catalog.Product;
import com.backorderdesk.inventory.NewRestock;
import com.backorderdesk.orders.CancelReason;
import com.backorderdesk.orders.NewShipment;
import com.backorderdesk.orders.OrderChoices;
import com.backorderdesk.orders.OrderLineView;
import com.backorderdesk.orders.OrderPriority;
import com.backorderdesk.orders.OrderService;
import com.backorderdesk.orders.OrderView;
import com.backorderdesk.orders.PlaceOrder;
import com.backorderdesk.orders.ShipPreference;
import com.backorderdesk.orders.Shipments;
import com.backorderdesk.orders.SupplyChanges;
import com.backorderdesk.security.CustomerLinks;
import com.backorderdesk.substitution.NewOffer;
import com.backorderdesk.substitution.SubstitutionService;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every page a customer can meet, in Chromium at 1280 px and on a 375 px phone: the
 * lookup, an order with items waiting, shipped, replaced by a substitute and cancelled
 * (refund due), the confirm pages of cancel, accept and decline as they work without
 * JavaScript, the product list (paged and searched), a product page whose notify form
 * confirms in place, the error pages (404, a revoked link's 410, too many lookups' 429),
 * a German order that ships together, and the dev mailbox. Each page passes axe with no
 * violation of any impact, does not scroll sideways on the phone, and is saved as a
 * screenshot.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = "backorder.dev-mailbox.enabled=true")
@Import(TestMail.Mailbox.class)
class CustomerPagesBrowserTests {

	private static final Duration TIMEOUT = Duration.ofSeconds(30);

	private static Chromium chromium;

	@LocalServerPort
	private int port;

	@Autowired
	private CatalogService catalog;

	@Autowired
	private SupplyChanges supply;

	@Autowired
	private OrderService orders;

	@Autowired
	private OrderChoices choices;

	@Autowired
	private Shipments shipments;

	@Autowired
	private SubstitutionService substitutions;

	@Autowired
	private CustomerLinks links;

	@BeforeAll
	static void launchChromium() {
		chromium = Chromium.launch();
	}

	@AfterAll
	static void closeChromium() {
		if (chromium != null) {
			chromium.close();
		}
	}

	@Test
	void everyCustomerPageOnADesktopPassesAxeAndIsSaved() throws Exception {
		walk("desktop", new Browser.NewContextOptions().setViewportSize(1280, 900));
	}

	@Test
	void everyCustomerPageOnAPhonePassesAxeDoesNotScrollSidewaysAndIsSaved() throws Exception {
		walk("phone",
				new Browser.NewContextOptions().setViewportSize(375, 812)
					.setIsMobile(true)
					.setHasTouch(true)
					.setDeviceScaleFactor(2));
	}

	private void walk(String device, Browser.NewContextOptions options) throws Exception {
		Files.createDirectories(Chromium.SCREENSHOTS);
		Shop shop = shop();
		List<String> problems = new ArrayList<>();
		BrowserContext context = chromium.newContext(baseUrl(), options);
		try {
			Page page = context.newPage();
			page.navigate(baseUrl() + "/");
			check(page, "lookup", device, problems);

			Chromium.lookUp(page, baseUrl(), shop.mixed().number(), shop.email());
			assertThat(page.locator(".lines")).containsText("Replaced by");
			check(page, "order-mixed", device, problems);

			page.navigate(
					baseUrl() + "/orders/" + shop.mixed().number() + "/lines/" + shop.waitingLineId() + "/cancel");
			assertThat(page.getByRole(AriaRole.BUTTON)
				.filter(new com.microsoft.playwright.Locator.FilterOptions().setHasText("cancel"))
				.first()).isVisible();
			check(page, "confirm-cancel", device, problems);
			page.navigate(baseUrl() + "/orders/" + shop.mixed().number() + "/offers/" + shop.openOfferId() + "/accept");
			check(page, "confirm-accept", device, problems);
			page.navigate(
					baseUrl() + "/orders/" + shop.mixed().number() + "/offers/" + shop.openOfferId() + "/decline");
			check(page, "confirm-decline", device, problems);

			Chromium.lookUp(page, baseUrl(), shop.german().number(), shop.email());
			assertThat(page.locator("html")).hasAttribute("lang", "de");
			check(page, "order-german-together", device, problems);

			page.navigate(baseUrl() + "/products");
			check(page, "products", device, problems);
			page.navigate(baseUrl() + "/products?page=2");
			assertThat(page.locator(".pages a[aria-current=page]")).hasText("2");
			check(page, "products-page-2", device, problems);
			page.navigate(baseUrl() + "/products?q=Kettle%20" + shop.tag());
			assertThat(page.locator("main")).containsText("Tea Kettle " + shop.tag());
			check(page, "products-search", device, problems);

			page.navigate(baseUrl() + "/products/" + shop.outOfStockSku());
			check(page, "product", device, problems);
			page.getByLabel("E-mail address").fill("notify-" + shop.tag() + "@example.com");
			page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Tell me when it's back")).click();
			assertThat(page.locator("#notify-saved")).isVisible();
			assertThat(page.locator("#notify-saved")).isFocused();
			check(page, "product-notify-saved", device, problems);

			Response missing = page.navigate(baseUrl() + "/nope");
			assertThat(missing.status()).isEqualTo(404);
			check(page, "error-404", device, problems);
			Response gone = page.navigate(baseUrl() + shop.revokedLink());
			assertThat(gone.status()).isEqualTo(410);
			check(page, "error-410-revoked-link", device, problems);
			check429(page, device, problems);

			page.navigate(baseUrl() + "/dev/mailbox?to=" + shop.tag());
			assertThat(page.locator(".mailbox li").first()).isVisible();
			check(page, "mailbox", device, problems);
			page.locator(".mailbox-subject").first().click();
			assertThat(page.frameLocator("iframe.mail-frame").locator("body")).containsText(shop.mixed().number());
			checkAroundTheEmail(page, "mailbox-message", device, problems);
		}
		finally {
			context.close();
		}
		assertThat(problems).isEmpty();
		chromium.assertPagesWereClean();
	}

	/** Failed lookups from one address until the limit, then the form says to wait. */
	private void check429(Page page, String device, List<String> problems) {
		String wrong = "BO-NOPE-" + UUID.randomUUID().toString().substring(0, 8);
		for (int i = 0; i < 10; i++) {
			page.request()
				.post(baseUrl() + "/lookup",
						RequestOptions.create()
							.setForm(FormData.create().set("number", wrong).set("email", "nobody@example.com"))
							.setMaxRedirects(0));
		}
		page.navigate(baseUrl() + "/");
		page.getByLabel("Order number").fill(wrong);
		page.getByLabel("E-mail address").fill("nobody@example.com");
		Response refused = page.waitForResponse((response) -> response.url().endsWith("/lookup"),
				() -> page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Show my order")).click());
		assertThat(refused.status()).isEqualTo(429);
		page.waitForLoadState();
		check(page, "error-429-lookup", device, problems);
	}

	private void check(Page page, String name, String device, List<String> problems) {
		problems.addAll(Chromium.accessibilityViolations(page, name + " (" + device + ")"));
		checkLayout(page, name, device, problems);
	}

	/**
	 * The mailbox's page of one e-mail, without the e-mail itself: the frame runs no
	 * script (which axe needs inside it), and the e-mail's HTML is the mail templates',
	 * not a page of the portal.
	 */
	private void checkAroundTheEmail(Page page, String name, String device, List<String> problems) {
		AxeRunOptions options = new AxeRunOptions();
		options.setIFrames(false);
		new AxeBuilder(page).exclude("iframe.mail-frame")
			.options(options)
			.analyze()
			.getViolations()
			.forEach((violation) -> problems.add(name + " (" + device + "): " + violation.getImpact() + " "
					+ violation.getId() + " (" + violation.getHelp() + ")"));
		checkLayout(page, name, device, problems);
	}

	private void checkLayout(Page page, String name, String device, List<String> problems) {
		Object scroll = page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth");
		if (((Number) scroll).intValue() > 0) {
			problems.add(name + " (" + device + "): scrolls sideways by " + scroll + " px");
		}
		Chromium.screenshot(page, "customer-" + name + "-" + device);
	}

	/**
	 * Two orders for one customer. The first has an item shipped, one waiting for a
	 * restock, one replaced by an accepted substitute, one cancelled with its refund due,
	 * and one with a substitute on offer. The second is German and ships together.
	 */
	private Shop shop() {
		String tag = UUID.randomUUID().toString().substring(0, 8);
		String email = "pages-" + tag + "@example.com";
		String lamp = product("LAMP", "Arc Floor Lamp", 18900, 10, tag);
		String chair = product("CHAIR", "Ergonomic Task Chair", 42900, 0, tag);
		String kettle = product("KETTLE", "Tea Kettle " + tag, 5900, 0, tag);
		String classic = product("CLASSIC", "Classic Whistling Kettle", 6400, 20, tag);
		String rug = product("RUG", "Wool Rug", 15900, 0, tag);
		String runner = product("RUNNER", "Wool Runner", 9900, 20, tag);
		String shelf = product("SHELF", "Oak Shelf", 7900, 0, tag);
		// more than one page of products (24 a page), whatever else the database holds
		for (int i = 1; i <= 20; i++) {
			product("NAPKIN-" + i, "Linen Napkin No. " + i, 1200, 40, tag);
		}
		this.supply.createRestock(new NewRestock(chair, "Nordic Supply", 10, LocalDate.now().plusDays(12)), "test")
			.block(TIMEOUT);
		this.supply.createRestock(new NewRestock(shelf, "Nordic Supply", 10, LocalDate.now().plusDays(20)), "test")
			.block(TIMEOUT);
		OrderView mixed = place(email, tag, null, lamp, 2, chair, 2, kettle, 1, rug, 1, shelf, 1);
		this.shipments
			.ship(mixed.number(), new NewShipment("PARCEL-1", List.of(new NewShipment.Line(lamp, 1))), "warehouse")
			.block(TIMEOUT);
		this.choices
			.cancelWaiting(mixed.number(), line(mixed, shelf).id(), 1, CancelReason.CUSTOMER_REQUEST, "customer")
			.block(TIMEOUT);
		long replaced = offer(mixed, kettle, classic);
		this.substitutions.accept(mixed.number(), replaced, "customer").block(TIMEOUT);
		long open = offer(mixed, rug, runner);
		OrderView german = place(email, tag + "-DE", "de", lamp, 1, chair, 1);
		this.choices.setShipPreference(german.number(), ShipPreference.SHIP_COMPLETE, "customer").block(TIMEOUT);
		// the revoked link: followed after its order's links were all revoked
		String link = this.links.linkFor(german.id(), CustomerLinks.VIEW).block(TIMEOUT);
		this.links.revokeAll(german.id(), "test").block(TIMEOUT);
		TestMail.get().await(email, 1, TIMEOUT);
		return new Shop(tag, email, mixed, german, line(mixed, chair).id(), open, kettle, link);
	}

	private long offer(OrderView order, String waitingSku, String substituteSku) {
		return this.substitutions
			.offer(new NewOffer(order.number(), line(order, waitingSku).id(), substituteSku, 1,
					"The same size, ready to ship today", Instant.now().plus(Duration.ofDays(7))), "rep")
			.block(TIMEOUT)
			.id();
	}

	private String product(String kind, String name, long priceCents, int onHand, String tag) {
		String sku = kind + "-" + tag;
		this.catalog.upsert(new Product(sku, name, "Home", Map.of(), priceCents, "EUR")).block(TIMEOUT);
		this.supply.setOnHand(sku, onHand, "test").block(TIMEOUT);
		return sku;
	}

	private OrderView place(String email, String tag, String locale, Object... skuAndQuantity) {
		List<PlaceOrder.Line> lines = new ArrayList<>();
		for (int i = 0; i < skuAndQuantity.length; i += 2) {
			lines.add(new PlaceOrder.Line((String) skuAndQuantity[i], (Integer) skuAndQuantity[i + 1]));
		}
		return this.orders
			.place(new PlaceOrder("BO-" + tag, email, "Grace Hopper", lines, Instant.now().minus(Duration.ofDays(3)),
					OrderPriority.NORMAL, locale), "test")
			.block(TIMEOUT)
			.order();
	}

	private static OrderLineView line(OrderView order, String sku) {
		return order.lines().stream().filter((line) -> line.sku().equals(sku)).findFirst().orElseThrow();
	}

	private String baseUrl() {
		return "http://localhost:" + this.port;
	}

	/**
	 * What the walk visits.
	 *
	 * @param tag the run's name, in product names and addresses
	 * @param email the customer's address
	 * @param mixed the order with every kind of item
	 * @param german the German order that ships together
	 * @param waitingLineId the mixed order's waiting item
	 * @param openOfferId the mixed order's open offer
	 * @param outOfStockSku a product with no stock and no restock
	 * @param revokedLink a link to the German order, revoked
	 */
	private record Shop(String tag, String email, OrderView mixed, OrderView german, long waitingLineId,
			long openOfferId, String outOfStockSku, String revokedLink) {
	}

}
