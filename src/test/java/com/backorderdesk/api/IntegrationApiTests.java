package com.backorderdesk.api;

import java.io.ByteArrayInputStream;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import javax.xml.parsers.DocumentBuilderFactory;

import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

import com.backorderdesk.TestShop;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.context.ApplicationContext;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What the shop's other systems read: lists with cursors and filters, named keys in the
 * audit log, backorder caps and priorities on new orders, the public availability with
 * its caching, CORS and limit, and the product feed.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@AutoConfigureWebTestClient
class IntegrationApiTests {

	@Autowired
	private WebTestClient http;

	@Autowired
	private ApplicationContext context;

	private final String run = UUID.randomUUID().toString().substring(0, 8);

	@Test
	void whenRowsAreAddedWhilePagingThenEveryRowIsSeenOnceAndPagesStayBounded() {
		String prefix = "PG" + this.run;
		for (int i = 0; i < 5; i++) {
			product(prefix + "-" + i, Map.of());
		}
		List<String> seen = new ArrayList<>();
		String cursor = null;
		int pages = 0;
		do {
			Map<?, ?> page = get(
					"/api/v1/products?category=" + prefix + "&limit=2" + ((cursor != null) ? "&cursor=" + cursor : ""));
			List<?> items = (List<?>) page.get("items");
			assertThat(items).hasSizeLessThanOrEqualTo(2);
			items.forEach((item) -> seen.add((String) ((Map<?, ?>) item).get("sku")));
			cursor = (String) page.get("nextCursor");
			if (pages++ == 0) {
				// an insert before and after the cursor while paging
				product(prefix + "-0a", Map.of());
				product(prefix + "-9", Map.of());
			}
		}
		while (cursor != null && pages < 10);
		assertThat(seen).doesNotHaveDuplicates().contains(prefix + "-0", prefix + "-4", prefix + "-9");
		api().get().uri("/api/v1/products?limit=201").exchange().expectStatus().isBadRequest();
		api().get()
			.uri("/api/v1/orders?cursor=not-ours")
			.exchange()
			.expectStatus()
			.isBadRequest()
			.expectBody()
			.jsonPath("$.errors[0].field")
			.isEqualTo("cursor");
	}

	@Test
	void productsAreFoundBySkusAPageAtATimeAndTheFiltersCombine() {
		String prefix = "PS" + this.run;
		String a = product(prefix + "-A", Map.of("category", prefix));
		String b = product(prefix + "-B", Map.of("category", prefix));
		product(prefix + "-C", Map.of("category", prefix));
		String other = product("PS-OTHER-" + this.run, Map.of());
		// by SKU, whatever order they were asked in; unknown ones are simply not there
		assertThat(items("/api/v1/products?sku=" + b + "&sku=" + a + "&sku=" + other + "&sku=NOPE-" + this.run))
			.extracting("sku")
			.containsExactly(other, a, b);
		assertThat(items("/api/v1/products?sku=" + a + "&sku=" + other + "&category=" + prefix)).extracting("sku")
			.containsExactly(a);
		Map<?, ?> first = get("/api/v1/products?sku=" + a + "&sku=" + b + "&limit=1");
		assertThat((List<?>) first.get("items")).extracting("sku").containsExactly(a);
		assertThat(items("/api/v1/products?sku=" + a + "&sku=" + b + "&limit=1&cursor=" + first.get("nextCursor")))
			.extracting("sku")
			.containsExactly(b);
		StringBuilder tooMany = new StringBuilder("/api/v1/products?sku=X0");
		for (int i = 1; i <= 200; i++) {
			tooMany.append("&sku=X").append(i);
		}
		api().get()
			.uri(tooMany.toString())
			.exchange()
			.expectStatus()
			.isBadRequest()
			.expectBody()
			.jsonPath("$.errors[0].field")
			.isEqualTo("sku");
	}

	@Test
	void whenALineChangesThenItsOrderIsListedAsUpdatedAndFiltersFindIt() {
		TestShop shop = new TestShop(this.context);
		String sku = shop.product("UPD", 1000, 0);
		String number = shop.order("UPD", sku, 2).number();
		Instant before = Instant.now();
		assertThat(items("/api/v1/orders?sku=" + sku + "&updatedSince=" + before)).isEmpty();
		shop.restock(sku, 5, LocalDate.now().plusDays(10));
		assertThat(items("/api/v1/orders?sku=" + sku + "&updatedSince=" + before)).extracting("number")
			.containsExactly(number);
		assertThat(items("/api/v1/orders?sku=" + sku + "&status=BACKORDERED")).extracting("number")
			.containsExactly(number);
		assertThat(items("/api/v1/orders?sku=" + sku + "&status=ALLOCATED")).isEmpty();
		assertThat(items("/api/v1/restocks?sku=" + sku)).extracting("quantity").containsExactly(5);
		Map<?, ?> stock = get("/api/v1/stock/" + sku);
		assertThat(stock.get("onHand")).isEqualTo(0);
		assertThat(stock.get("inbound")).isEqualTo(5);
		assertThat(get("/api/v1/products/" + sku).get("backorders")).isEqualTo("ALLOW");
		api().get().uri("/api/v1/restocks/999999999").exchange().expectStatus().isNotFound();
	}

	@Test
	void everyApiWriteIsAuditedWithTheKeysName() {
		String sku = "AUD-" + this.run;
		this.http.put()
			.uri("/api/v1/products/{sku}", sku)
			.header("Authorization", "Bearer erp-test-key")
			.bodyValue(Map.of("name", "Audited", "category", "Test", "priceCents", 100, "currency", "EUR"))
			.exchange()
			.expectStatus()
			.isCreated();
		api().put().uri("/api/v1/stock/{sku}", sku).bodyValue(Map.of("onHand", 3)).exchange().expectStatus().isOk();
		TestShop shop = new TestShop(this.context);
		assertThat(shop
			.text("select actor from audit_entry where action = 'PRODUCT_SAVED' and subject = 'product " + sku + "'"))
			.isEqualTo("api:erp");
		assertThat(
				shop.text("select actor from audit_entry where action = 'STOCK_SET' and subject = 'stock " + sku + "'"))
			.isEqualTo("api:key-1");
	}

	@Test
	void whenTheCapIsReachedThenTheOrderIsRefusedNamingTheLineAndAvailabilitySaysSoldOut() {
		String limited = product("CAP-" + this.run, Map.of("backorders", "LIMITED", "backorderLimit", 2));
		String never = product("NEV-" + this.run, Map.of("backorders", "NEVER"));
		stock(never, 1);
		// two units without a date fit under the limit; the third does not
		postOrder("CAP-A-" + this.run, limited, 2).expectStatus().isCreated();
		postOrder("CAP-B-" + this.run, limited, 1).expectStatus()
			.isEqualTo(HttpStatus.UNPROCESSABLE_CONTENT)
			.expectBody()
			.jsonPath("$.errors[0].field")
			.isEqualTo("lines[0].quantity");
		postOrder("NEV-A-" + this.run, never, 2).expectStatus().isEqualTo(HttpStatus.UNPROCESSABLE_CONTENT);
		postOrder("NEV-B-" + this.run, never, 1).expectStatus().isCreated();
		Map<?, ?> answer = availability("sku=" + limited + "&sku=" + never + "&sku=NOPE-" + this.run);
		assertThat(answer.get("unknown")).isEqualTo(List.of("NOPE-" + this.run));
		assertThat((List<?>) answer.get("items")).extracting("status", "label")
			.containsExactly(org.assertj.core.groups.Tuple.tuple("NOT_ORDERABLE", "Sold out"),
					org.assertj.core.groups.Tuple.tuple("NOT_ORDERABLE", "Sold out"));
		// planned supply lifts the cap: a restock covers a new order again
		TestShop shop = new TestShop(this.context);
		shop.restock(limited, 3, LocalDate.now().plusDays(10));
		assertThat((List<?>) availability("sku=" + limited).get("items")).extracting("status")
			.containsExactly("BACKORDER");
	}

	@Test
	void whenAHighPriorityOrderArrivesThenItIsServedBeforeWaitingNormalOrders() {
		TestShop shop = new TestShop(this.context);
		String sku = shop.product("PRI", 1000, 0);
		shop.restock(sku, 1, LocalDate.now().plusDays(5));
		String normal = shop.order("PRI-N", sku, 1).number();
		this.http.post()
			.uri("/api/v1/orders")
			.header("Authorization", "Bearer test-api-key")
			.bodyValue(Map.of("number", "PRI-H-" + this.run, "customer",
					Map.of("email", "high@example.com", "name", "High"), "lines",
					List.of(Map.of("sku", sku, "quantity", 1)), "priority", "HIGH"))
			.exchange()
			.expectStatus()
			.isCreated()
			.expectBody()
			.jsonPath("$.priority")
			.isEqualTo("HIGH")
			.jsonPath("$.lines[0].status")
			.isEqualTo("BACKORDERED");
		assertThat(shop.line(normal, sku).status().name()).isEqualTo("OUT_OF_STOCK");
	}

	@Test
	void availabilityIsPublicCachedWithAnEtagAndOpenToConfiguredOrigins() {
		TestShop shop = new TestShop(this.context);
		String sku = shop.product("AV", 1000, 0);
		shop.restock(sku, 4, LocalDate.now().plusDays(10));
		WebTestClient.ResponseSpec first = this.http.get()
			.uri("/api/v1/availability?sku={sku}&quantity=2", sku)
			.header("Origin", "https://shop.test")
			.header("X-Forwarded-For", "10.9.0.1")
			.exchange();
		String etag = first.expectStatus()
			.isOk()
			.expectHeader()
			.valueEquals("Access-Control-Allow-Origin", "https://shop.test")
			.expectHeader()
			.valueMatches("Cache-Control", ".*s-maxage=30.*")
			.expectBody()
			.jsonPath("$.items[0].status")
			.isEqualTo("BACKORDER")
			.jsonPath("$.items[0].backordered")
			.isEqualTo(2)
			.returnResult()
			.getResponseHeaders()
			.getETag();
		assertThat(etag).isNotBlank();
		this.http.get()
			.uri("/api/v1/availability?sku={sku}&quantity=2", sku)
			.header("If-None-Match", etag)
			.header("X-Forwarded-For", "10.9.0.1")
			.exchange()
			.expectStatus()
			.isNotModified();
		this.http.get()
			.uri("/api/v1/availability?sku={sku}", sku)
			.header("Origin", "https://elsewhere.test")
			.header("X-Forwarded-For", "10.9.0.1")
			.exchange()
			.expectStatus()
			.isForbidden();
		this.http.get().uri("/api/v1/availability?sku={sku}&quantity=0", sku).exchange().expectStatus().isBadRequest();
		// sold out before anyone ordered: no stock, and the cap allows no backorders
		String never = product("AV-NEV-" + this.run, Map.of("backorders", "NEVER"));
		String limited = product("AV-LIM-" + this.run, Map.of("backorders", "LIMITED", "backorderLimit", 0));
		assertThat((List<?>) availability("sku=" + never + "&sku=" + limited + "&quantity=2").get("items"))
			.extracting("status", "notOrderable", "label", "earliest")
			.containsExactly(org.assertj.core.groups.Tuple.tuple("NOT_ORDERABLE", 2, "Sold out", null),
					org.assertj.core.groups.Tuple.tuple("NOT_ORDERABLE", 2, "Sold out", null));
	}

	@Test
	void whenOneClientAsksTooOftenThenItGetsTooManyRequestsAndOthersDoNot() {
		String client = "10.8." + (this.run.hashCode() & 0xff) + ".7";
		HttpStatus last = HttpStatus.OK;
		for (int i = 0; i < 130 && last == HttpStatus.OK; i++) {
			last = HttpStatus.valueOf(this.http.get()
				.uri("/api/v1/availability?sku=ANY")
				.header("X-Forwarded-For", client)
				.exchange()
				.returnResult(String.class)
				.getStatus()
				.value());
		}
		assertThat(last).isEqualTo(HttpStatus.TOO_MANY_REQUESTS);
		this.http.get()
			.uri("/api/v1/availability?sku=ANY")
			.header("X-Forwarded-For", client)
			.exchange()
			.expectStatus()
			.isEqualTo(HttpStatus.TOO_MANY_REQUESTS)
			.expectHeader()
			.exists("Retry-After")
			.expectHeader()
			.contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON);
		this.http.get()
			.uri("/api/v1/availability?sku=ANY")
			.header("X-Forwarded-For", client + "1")
			.exchange()
			.expectStatus()
			.isOk();
	}

	@Test
	void theFeedIsXmlWithTheRequiredGoogleFieldsForEveryProduct() throws Exception {
		TestShop shop = new TestShop(this.context);
		String inStock = pictured("FD-IN-" + this.run, 1290, Map.of());
		stock(inStock, 5);
		String backorder = pictured("FD-BO-" + this.run, 990, Map.of());
		shop.restock(backorder, 3, LocalDate.now().plusDays(8));
		String none = pictured("FD-NO-" + this.run, 500, Map.of());
		// sold out: the cap is reached before anyone ordered
		String limited = pictured("FD-LIM-" + this.run, 700, Map.of("backorders", "LIMITED", "backorderLimit", 0));
		String never = pictured("FD-NEV-" + this.run, 700, Map.of("backorders", "NEVER"));
		String unpictured = product("FD-NOIMG-" + this.run, Map.of());
		stock(unpictured, 5);
		byte[] xml = this.http.get()
			.uri("/feeds/google-merchant.xml")
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody()
			.returnResult()
			.getResponseBody();
		DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
		factory.setNamespaceAware(true);
		Document feed = factory.newDocumentBuilder().parse(new ByteArrayInputStream(xml));
		assertThat(feed.getDocumentElement().getTagName()).isEqualTo("rss");
		NodeList items = feed.getElementsByTagName("item");
		Map<String, Element> bySku = new java.util.HashMap<>();
		for (int i = 0; i < items.getLength(); i++) {
			Element item = (Element) items.item(i);
			for (String field : List.of("id", "title", "description", "link", "image_link", "price", "availability",
					"condition")) {
				assertThat(google(item, field)).as("g:" + field + " of item " + i).isNotBlank();
			}
			assertThat(google(item, "image_link")).matches("https?://.+");
			assertThat(google(item, "price")).matches("\\d+(\\.\\d+)? [A-Z]{3}");
			assertThat(google(item, "availability")).isIn("in_stock", "backorder", "out_of_stock");
			if (google(item, "availability").equals("backorder")) {
				assertThat(google(item, "availability_date")).matches("\\d{4}-\\d{2}-\\d{2}T.*");
			}
			bySku.put(google(item, "id"), item);
		}
		assertThat(google(bySku.get(inStock), "availability")).isEqualTo("in_stock");
		assertThat(google(bySku.get(inStock), "price")).isEqualTo("12.90 EUR");
		assertThat(google(bySku.get(inStock), "image_link")).isEqualTo("https://cdn.shop.test/" + inStock + ".jpg");
		assertThat(google(bySku.get(backorder), "availability")).isEqualTo("backorder");
		assertThat(google(bySku.get(none), "availability")).isEqualTo("out_of_stock");
		assertThat(google(bySku.get(limited), "availability")).isEqualTo("out_of_stock");
		assertThat(google(bySku.get(never), "availability")).isEqualTo("out_of_stock");
		assertThat(google(bySku.get(limited), "availability_date")).isEmpty();
		// Google refuses items without an image: a product without one is not listed
		assertThat(bySku).doesNotContainKey(unpictured);
	}

	private static String google(Element item, String field) {
		NodeList found = item.getElementsByTagNameNS("http://base.google.com/ns/1.0", field);
		return (found.getLength() > 0) ? found.item(0).getTextContent() : "";
	}

	private WebTestClient api() {
		return this.http.mutate().defaultHeader("Authorization", "Bearer test-api-key").build();
	}

	private String product(String sku, Map<String, Object> cap) {
		Map<String, Object> body = new java.util.HashMap<>(Map.of("name", "Product " + sku, "category",
				sku.startsWith("PG") ? sku.substring(0, sku.indexOf('-')) : "Test", "priceCents", 1000, "currency",
				"EUR"));
		body.putAll(cap);
		api().put().uri("/api/v1/products/{sku}", sku).bodyValue(body).exchange().expectStatus().is2xxSuccessful();
		return sku;
	}

	/** A product with a picture of the shop's, as the feed needs. */
	private String pictured(String sku, long priceCents, Map<String, Object> cap) {
		Map<String, Object> body = new java.util.HashMap<>(cap);
		body.put("priceCents", priceCents);
		body.put("attributes", Map.of("image", "https://cdn.shop.test/" + sku + ".jpg", "colour", "brass"));
		return product(sku, body);
	}

	private void stock(String sku, int onHand) {
		api().put()
			.uri("/api/v1/stock/{sku}", sku)
			.bodyValue(Map.of("onHand", onHand))
			.exchange()
			.expectStatus()
			.isOk();
	}

	private WebTestClient.ResponseSpec postOrder(String number, String sku, int quantity) {
		return api().post()
			.uri("/api/v1/orders")
			.bodyValue(Map.of("number", number, "customer", Map.of("email", "cap@example.com", "name", "Cap"), "lines",
					List.of(Map.of("sku", sku, "quantity", quantity))))
			.exchange();
	}

	private Map<?, ?> availability(String query) {
		return this.http.get()
			.uri("/api/v1/availability?" + query)
			.header("X-Forwarded-For", "10.7.0." + (Math.abs(query.hashCode()) % 250))
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody(Map.class)
			.returnResult()
			.getResponseBody();
	}

	private Map<?, ?> get(String uri) {
		return api().get()
			.uri(uri)
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody(Map.class)
			.returnResult()
			.getResponseBody();
	}

	private List<?> items(String uri) {
		return (List<?>) get(uri).get("items");
	}

}
