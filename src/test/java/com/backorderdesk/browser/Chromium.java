package com.backorderdesk.browser;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ThreadLocalRandom;
import java.util.stream.Collectors;

import com.deque.html.axecore.playwright.AxeBuilder;
import com.deque.html.axecore.results.Rule;
import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.BrowserType;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Playwright;
import com.microsoft.playwright.assertions.PlaywrightAssertions;
import com.microsoft.playwright.options.AriaRole;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

/**
 * Debian's headless Chromium, driven by Playwright, for the browser tests: one per test
 * class, with contexts that each come from an address of their own and record script
 * errors and requests to other sites.
 */
public final class Chromium implements AutoCloseable {

	/**
	 * Debian's Chromium, which CI installs; Playwright's own browser builds are never
	 * used.
	 */
	private static final Path EXECUTABLE = Path.of("/usr/bin/chromium");

	/**
	 * Nothing the browser does on its own may reach the network or slow the tests down.
	 */
	private static final List<String> ARGS = List.of("--no-sandbox", "--disable-gpu", "--disable-quic",
			"--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync");

	/**
	 * The tallest screenshot taken, in CSS pixels: a taller page is taken from its top.
	 */
	static final int MAX_SCREENSHOT_HEIGHT = 5000;

	/** Where screenshots go. */
	public static final Path SCREENSHOTS = Path.of("target", "screenshots");

	/**
	 * How long a Playwright assertion waits for its condition, in milliseconds. Its own
	 * default, 5 s, is not enough for a change pushed to a page over a live stream on a
	 * loaded 2-core box; an assertion that holds at once still returns at once.
	 */
	static final double ASSERTION_TIMEOUT_MILLIS = 30_000;

	private final Playwright playwright;

	private final Browser browser;

	private final List<String> pageErrors = new CopyOnWriteArrayList<>();

	private final List<String> foreignRequests = new CopyOnWriteArrayList<>();

	private Chromium(Playwright playwright, Browser browser) {
		this.playwright = playwright;
		this.browser = browser;
	}

	/**
	 * Starts Chromium, or fails the test class with a clear message when it is missing.
	 * @return the browser
	 */
	public static Chromium launch() {
		if (!Files.isExecutable(EXECUTABLE)) {
			fail("Browser tests need Chromium at " + EXECUTABLE + " (Debian package 'chromium'); it was not found");
		}
		// Also set here, not only in the build, so that a run from an IDE never downloads
		// browsers
		PlaywrightAssertions.setDefaultAssertionTimeout(ASSERTION_TIMEOUT_MILLIS);
		Playwright playwright = Playwright
			.create(new Playwright.CreateOptions().setEnv(Map.of("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1")));
		Browser browser = playwright.chromium()
			.launch(new BrowserType.LaunchOptions().setExecutablePath(EXECUTABLE).setHeadless(true).setArgs(ARGS));
		return new Chromium(playwright, browser);
	}

	/**
	 * A new browser context (cookies of its own) at a desktop size.
	 * @param baseUrl the application's address; requests elsewhere are recorded
	 * @return the context
	 */
	public BrowserContext newContext(String baseUrl) {
		return newContext(baseUrl, new Browser.NewContextOptions().setViewportSize(1280, 900));
	}

	/**
	 * A new browser context (cookies of its own).
	 * @param baseUrl the application's address; requests elsewhere are recorded
	 * @param options the context's viewport and device
	 * @return the context
	 */
	public BrowserContext newContext(String baseUrl, Browser.NewContextOptions options) {
		// each context comes from an address of its own, so the per-client rate limits
		// of one test never block another
		ThreadLocalRandom random = ThreadLocalRandom.current();
		String address = "10." + random.nextInt(256) + "." + random.nextInt(256) + "." + random.nextInt(256);
		BrowserContext context = this.browser
			.newContext(options.setExtraHTTPHeaders(Map.of("X-Forwarded-For", address)));
		// waits for elements and navigations are not what these tests time; on a loaded
		// 2-core box the default 30 s was once too short for a staff page on a phone
		context.setDefaultTimeout(60_000);
		context.onPage((page) -> {
			page.onPageError((error) -> this.pageErrors.add(page.url() + ": " + error));
			page.onConsoleMessage((message) -> {
				if ("error".equals(message.type())) {
					System.out.println("Browser console on " + page.url() + ": " + message.text() + " ("
							+ message.location() + ")");
				}
			});
		});
		// the pages must work without fetching anything from another site
		context.onRequest((request) -> {
			if (!request.url().startsWith(baseUrl + "/") && !request.url().startsWith("data:")) {
				this.foreignRequests.add(request.url());
			}
		});
		return context;
	}

	/**
	 * Checks that no page had a script error or reached another site since the last
	 * check.
	 */
	public void assertPagesWereClean() {
		try {
			assertThat(this.pageErrors).as("script errors on the page").isEmpty();
			assertThat(this.foreignRequests).as("requests to other sites").isEmpty();
		}
		finally {
			this.pageErrors.clear();
			this.foreignRequests.clear();
		}
	}

	/**
	 * Scans a page with axe-core, every impact counted.
	 * @param page the page
	 * @param where the page's name, for the messages
	 * @return every violation axe finds (minor to critical), each as the page's name, the
	 * impact, the rule and the elements; empty when the page passes
	 */
	public static List<String> accessibilityViolations(Page page, String where) {
		return new AxeBuilder(page).analyze()
			.getViolations()
			.stream()
			.map((violation) -> where + ": " + violation.getImpact() + " " + violation.getId() + " ("
					+ violation.getHelp() + ") at "
					+ violation.getNodes()
						.stream()
						.map((node) -> String.valueOf(node.getTarget()))
						.collect(Collectors.joining(", ")))
			.toList();
	}

	/**
	 * Scans a page with axe-core.
	 * @param page the page
	 * @param where the page's name, for the messages
	 * @return the serious and critical problems; minor and moderate ones are printed
	 */
	public static List<String> accessibilityProblems(Page page, String where) {
		List<String> problems = new ArrayList<>();
		for (Rule violation : new AxeBuilder(page).analyze().getViolations()) {
			String targets = violation.getNodes()
				.stream()
				.map((node) -> String.valueOf(node.getTarget()))
				.collect(Collectors.joining(", "));
			String problem = where + ": " + violation.getImpact() + " " + violation.getId() + " (" + violation.getHelp()
					+ ") at " + targets;
			// minor and moderate findings are worth reading, but do not fail the build
			if ("serious".equals(violation.getImpact()) || "critical".equals(violation.getImpact())) {
				problems.add(problem);
			}
			else {
				System.out.println("Accessibility: " + problem);
			}
		}
		return problems;
	}

	/**
	 * Saves a full-page screenshot under {@link #SCREENSHOTS}.
	 * @param page the page
	 * @param name the file name without extension
	 * @return the file
	 */
	public static Path screenshot(Page page, String name) {
		Path file = SCREENSHOTS.resolve(name + ".png");
		// a screenshot is evidence, not a timing claim: it may wait for a busy renderer
		Page.ScreenshotOptions options = new Page.ScreenshotOptions().setFullPage(true)
			.setPath(file)
			.setTimeout(90_000);
		// a list page of hundreds of rows (the shared test database's restocks) is tens
		// of thousands of pixels tall, and drawing it whole took most of a minute: its
		// top is what a person looks at
		Number width = (Number) page.evaluate("document.documentElement.scrollWidth");
		Number height = (Number) page.evaluate("document.documentElement.scrollHeight");
		if (height.intValue() > MAX_SCREENSHOT_HEIGHT) {
			options.setClip(0, 0, width.doubleValue(), MAX_SCREENSHOT_HEIGHT);
		}
		page.screenshot(options);
		return file;
	}

	/**
	 * Finds an order the way a customer does: the lookup form, then the order page.
	 * @param page the page to use
	 * @param baseUrl the application's address
	 * @param number the order number
	 * @param email the customer's e-mail address
	 */
	public static void lookUp(Page page, String baseUrl, String number, String email) {
		page.navigate(baseUrl + "/");
		page.getByLabel("Order number").fill(number);
		page.getByLabel("E-mail address").fill(email);
		page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Show my order")).click();
		page.waitForURL(baseUrl + "/orders/" + number);
	}

	/**
	 * Logs a member of staff in through the login form and waits for the dashboard.
	 * @param page the page to use
	 * @param baseUrl the application's address
	 * @param username the username
	 * @param password the password
	 */
	public static void logIn(Page page, String baseUrl, String username, String password) {
		page.navigate(baseUrl + "/staff/login");
		page.getByLabel("Username").fill(username);
		page.getByLabel("Password").fill(password);
		page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Log in")).click();
		page.waitForURL(baseUrl + "/staff");
	}

	@Override
	public void close() {
		this.playwright.close();
	}

}
