package com.backorderdesk.browser;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserType;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Playwright;
import com.microsoft.playwright.assertions.PlaywrightAssertions;
import com.microsoft.playwright.options.AriaRole;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.backorderdesk.TestMail;
import com.backorderdesk.TestShop;
import com.backorderdesk.orders.OrderService;
import com.backorderdesk.orders.OrderView;
import com.backorderdesk.orders.PlaceOrder;
import com.backorderdesk.substitution.NewOffer;
import com.backorderdesk.substitution.OfferView;
import com.backorderdesk.substitution.SubstitutionService;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;
import org.springframework.context.annotation.Import;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

/**
 * An e-mail's link in a real browser: the dev mailbox shows the substitution e-mail, its
 * link opens the order with the offer picked out, and only the confirm button accepts.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = "backorder.dev-mailbox.enabled=true")
@Import(TestMail.Mailbox.class)
class MailLinksBrowserTests {

	private static final Path CHROMIUM = Path.of("/usr/bin/chromium");

	private static final Duration TIMEOUT = Duration.ofSeconds(30);

	private static Playwright playwright;

	private static Browser browser;

	@LocalServerPort
	private int port;

	@Autowired
	private OrderService orders;

	@Autowired
	private SubstitutionService substitutions;

	private final TestShop shop;

	MailLinksBrowserTests(@Autowired ApplicationContext context) {
		this.shop = new TestShop(context);
	}

	@BeforeAll
	static void launchChromium() {
		if (!Files.isExecutable(CHROMIUM)) {
			fail("Browser tests need Chromium at " + CHROMIUM + " (Debian package 'chromium'); it was not found");
		}
		PlaywrightAssertions.setDefaultAssertionTimeout(Chromium.ASSERTION_TIMEOUT_MILLIS);
		playwright = Playwright
			.create(new Playwright.CreateOptions().setEnv(Map.of("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1")));
		browser = playwright.chromium()
			.launch(new BrowserType.LaunchOptions().setExecutablePath(CHROMIUM)
				.setHeadless(true)
				.setArgs(
						List.of("--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking")));
	}

	@AfterAll
	static void closeChromium() {
		if (playwright != null) {
			playwright.close();
		}
	}

	@Test
	void whenTheSubstitutionEmailsLinkIsFollowedThenTheOfferIsPickedOutAndAcceptedOnlyByTheButton() {
		String retro = this.shop.product("RETRO", 2999, 0);
		String classic = this.shop.product("CLASSIC", 3499, 5);
		String email = this.shop.unique("ada") + "@example.com";
		OrderView order = this.orders
			.place(new PlaceOrder(this.shop.unique("BO"), email, "Ada Lovelace",
					List.of(new PlaceOrder.Line(retro, 1))), "test")
			.block(TIMEOUT)
			.order();
		// the confirmation first: an offer made before it went out would be told in it
		TestMail.get().await(email, 1, TIMEOUT);
		OfferView offer = this.substitutions
			.offer(new NewOffer(order.number(), order.lines().get(0).id(), classic, 1, "Same size, brushed steel",
					Instant.now().plus(Duration.ofDays(7))), "rep")
			.block(TIMEOUT);
		TestMail.get().await(email, 2, TIMEOUT);
		Page page = browser.newContext().newPage();
		page.navigate("http://localhost:" + this.port + "/dev/mailbox");
		String subject = "Order " + order.number() + ": a substitute for Product " + retro;
		page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName(subject)).click();
		assertThat(page.getByRole(AriaRole.HEADING, new Page.GetByRoleOptions().setName(subject))).isVisible();
		// the e-mail as its recipient sees it, in the page's frame; its links open in the
		// whole window
		page.frameLocator("iframe.mail-frame")
			.getByRole(AriaRole.LINK,
					new com.microsoft.playwright.FrameLocator.GetByRoleOptions().setName("See the offer"))
			.click();
		page.waitForURL("**/orders/" + order.number() + "?focus=accept-offer-" + offer.id() + "#offer-" + offer.id());
		assertThat(page.locator("#offer-" + offer.id())).hasClass(java.util.regex.Pattern.compile("focused"));
		assertThat(page.locator("#offer-" + offer.id())).containsText("Do you want this substitute?");
		assertThat(this.shop.find(order.number()).lines()).as("following the link accepted nothing").hasSize(1);
		assertThat(page.locator("#accept-offer-" + offer.id())).isFocused();
		page.locator("#offer-" + offer.id())
			.getByRole(AriaRole.LINK,
					new com.microsoft.playwright.Locator.GetByRoleOptions().setName("Accept the substitute…"))
			.click();
		page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Yes, accept the substitute")).click();
		assertThat(page.locator(".notice").first()).containsText("Done: the substitute is yours");
		assertThat(this.shop.find(order.number()).lines()).hasSize(2);
		page.context().close();
	}

}
