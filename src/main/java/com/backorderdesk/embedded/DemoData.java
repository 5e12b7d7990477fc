package com.backorderdesk.embedded;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import com.backorderdesk.catalog.CatalogService;
import com.backorderdesk.catalog.Product;
import com.backorderdesk.inventory.InventoryService;
import com.backorderdesk.inventory.NewRestock;
import com.backorderdesk.inventory.PastDelivery;
import com.backorderdesk.orders.OrderService;
import com.backorderdesk.orders.PlaceOrder;
import com.backorderdesk.orders.SupplyChanges;
import com.backorderdesk.substitution.NewOffer;
import com.backorderdesk.substitution.SubstitutionService;
import org.springframework.r2dbc.core.DatabaseClient;

/**
 * A believable shop for the embedded mode: about 200 products in 10 categories, 5
 * suppliers with a record of late deliveries, restocks over the next 8 weeks and about
 * 2,000 orders, roughly one in seven waiting for something. Everything goes through the
 * services the API and the staff pages use, so the demo shows real allocations and
 * windows. Order {@code BO-1001} of Ada Lovelace always has one line of each kind, and a
 * substitute offered for the one without a date.
 */
class DemoData {

	static final String DEMO_ORDER = "BO-1001";

	static final String DEMO_EMAIL = "ada@example.com";

	private static final Log logger = LogFactory.getLog(DemoData.class);

	private static final String ACTOR = "demo";

	/** The kettle offered instead of BO-1001's kettle that has no date. */
	private static final String SUBSTITUTE_SKU = "KETTLE-CLASSIC-004";

	/** BO-1001's three products and the substitute, stocked by hand. */
	private static final int FIXED_PRODUCTS = 4;

	private static final String[] CATEGORIES = { "Lighting", "Seating", "Desks", "Kitchen", "Audio", "Storage",
			"Textiles", "Garden", "Office", "Outdoor" };

	private static final String[][] NOUNS = { { "Floor Lamp", "Desk Lamp", "Pendant", "Wall Light", "Lantern" },
			{ "Armchair", "Stool", "Bench", "Lounge Chair", "Dining Chair" },
			{ "Standing Desk", "Writing Desk", "Desk Shelf", "Corner Desk", "Laptop Stand" },
			{ "Kettle", "Teapot", "Chef Knife", "Dutch Oven", "Coffee Grinder" },
			{ "Bookshelf Speaker", "Headphones", "Turntable", "Radio", "Soundbar" },
			{ "Shelf", "Storage Box", "Drawer Unit", "Coat Rack", "Sideboard" },
			{ "Throw", "Cushion", "Rug", "Curtain", "Bed Linen Set" },
			{ "Planter", "Watering Can", "Pruner", "Bird Feeder", "Garden Hose" },
			{ "Notebook", "Pen Set", "Desk Organiser", "Monitor Arm", "Task Chair" },
			{ "Camping Chair", "Cool Box", "Picnic Blanket", "Hammock", "Fire Pit" } };

	private static final String[] ADJECTIVES = { "Nordic", "Classic", "Compact", "Studio", "Harbour", "Alpine",
			"Meadow", "Urban", "Coastal", "Heritage" };

	private static final String[] COLOURS = { "black", "white", "oak", "walnut", "sage", "slate", "sand" };

	private static final String[] MATERIALS = { "steel", "ash wood", "cotton", "ceramic", "aluminium", "linen" };

	private static final String[] SUPPLIERS = { "Nordlicht GmbH", "Atlas Furniture Co.", "Kestrel Audio Ltd",
			"Greenline Supply", "Harbor Imports" };

	private static final String[] FIRST_NAMES = { "Grace", "Alan", "Edsger", "Barbara", "Donald", "Frances", "Ken",
			"Radia", "John", "Margaret", "Tim", "Sophie", "Linus", "Karen", "Niklaus", "Hedy" };

	private static final String[] LAST_NAMES = { "Hopper", "Turing", "Dijkstra", "Liskov", "Knuth", "Allen", "Thompson",
			"Perlman", "Backus", "Hamilton", "Berners-Lee", "Wilson", "Torvalds", "Jones", "Wirth", "Lamarr" };

	private static final int ORDERS = 2_000;

	private final DatabaseClient db;

	private final CatalogService catalog;

	private final SupplyChanges supply;

	private final InventoryService inventory;

	private final OrderService orders;

	private final SubstitutionService substitutions;

	private final Clock clock;

	DemoData(DatabaseClient db, CatalogService catalog, SupplyChanges supply, InventoryService inventory,
			OrderService orders, SubstitutionService substitutions, Clock clock) {
		this.db = db;
		this.catalog = catalog;
		this.supply = supply;
		this.inventory = inventory;
		this.orders = orders;
		this.substitutions = substitutions;
		this.clock = clock;
	}

	/**
	 * Loads the demo shop unless the database already has products.
	 * @return whether anything was loaded
	 */
	Mono<Boolean> loadOnce() {
		return this.db.sql("select exists (select 1 from product) as present")
			.map((row) -> Boolean.TRUE.equals(row.get("present", Boolean.class)))
			.one()
			.flatMap((present) -> present ? Mono.just(false) : Mono
				.fromRunnable(() -> logger.info("Loading the demo shop (first start only, takes a minute or less)"))
				.then(load())
				.thenReturn(true));
	}

	private Mono<Void> load() {
		SplittableRandom random = new SplittableRandom(1001);
		LocalDate today = LocalDate.now(this.clock);
		List<Product> products = products(random);
		List<String> plenty = new ArrayList<>();
		List<String> short_ = new ArrayList<>();
		List<Mono<?>> supplyChanges = new ArrayList<>();
		for (int i = FIXED_PRODUCTS; i < products.size(); i++) {
			String sku = products.get(i).sku();
			double kind = random.nextDouble();
			if (kind < 0.75) {
				plenty.add(sku);
				supplyChanges.add(this.supply.setOnHand(sku, 150 + random.nextInt(250), ACTOR));
			}
			else {
				short_.add(sku);
				supplyChanges.add(this.supply.setOnHand(sku, random.nextInt(4), ACTOR));
				if (kind < 0.95) {
					int restocks = 1 + random.nextInt(2);
					for (int r = 0; r < restocks; r++) {
						supplyChanges.add(
								this.supply.createRestock(
										new NewRestock(sku, SUPPLIERS[random.nextInt(SUPPLIERS.length)],
												10 + random.nextInt(60), today.plusDays(5 + random.nextInt(52))),
										ACTOR));
					}
				}
			}
		}
		// BO-1001's three lines: one in stock, one waiting for a restock, one with no
		// date
		supplyChanges.add(this.supply.setOnHand(products.get(0).sku(), 40, ACTOR));
		supplyChanges.add(this.supply.setOnHand(SUBSTITUTE_SKU, 25, ACTOR));
		supplyChanges.add(this.supply
			.createRestock(new NewRestock(products.get(1).sku(), SUPPLIERS[1], 30, today.plusDays(18)), ACTOR));
		Instant start = this.clock.instant().minus(Duration.ofDays(30));
		return Flux.fromIterable(products)
			.concatMap(this.catalog::upsert)
			.then(supplierHistory(random, products, today))
			.thenMany(Flux.concat(supplyChanges))
			.then(this.orders.place(new PlaceOrder(DEMO_ORDER, DEMO_EMAIL, "Ada Lovelace",
					List.of(new PlaceOrder.Line(products.get(0).sku(), 1),
							new PlaceOrder.Line(products.get(1).sku(), 2),
							new PlaceOrder.Line(products.get(2).sku(), 1)),
					start), ACTOR))
			.then(offerSubstitute(products.get(2).sku()))
			.thenMany(Flux.range(0, ORDERS - 1)
				.map((n) -> order(random, n, start, plenty, short_))
				.flatMap((order) -> this.orders.place(order, ACTOR), 4))
			.then()
			.doOnSuccess((done) -> logger
				.info("Loaded the demo shop: " + products.size() + " products, " + ORDERS + " orders"));
	}

	/**
	 * Offers the kettle that is in stock for the one that has no date, so the demo order
	 * shows a choice.
	 */
	private Mono<Void> offerSubstitute(String outOfStockSku) {
		return this.orders.find(DEMO_ORDER)
			.flatMap((order) -> Mono
				.justOrEmpty(order.lines().stream().filter((line) -> line.sku().equals(outOfStockSku)).findFirst()))
			.flatMap((line) -> this.substitutions.offer(new NewOffer(DEMO_ORDER, line.id(), SUBSTITUTE_SKU, 1,
					"Same 2-litre size with a classic whistle, ready to ship today",
					this.clock.instant().plus(Duration.ofDays(14))), ACTOR))
			.then();
	}

	private static List<Product> products(SplittableRandom random) {
		List<Product> products = new ArrayList<>();
		products.add(new Product("LAMP-ARC-001", "Arc Floor Lamp", "Lighting",
				Map.of("colour", "brass", "material", "steel"), 18900, "EUR"));
		products.add(new Product("CHAIR-ERGO-002", "Ergonomic Task Chair", "Office",
				Map.of("colour", "black", "material", "mesh"), 42900, "EUR"));
		products.add(new Product("KETTLE-RETRO-003", "Retro Stovetop Kettle", "Kitchen",
				Map.of("colour", "sage", "material", "enamel"), 5900, "EUR"));
		products.add(new Product(SUBSTITUTE_SKU, "Classic Whistling Kettle", "Kitchen",
				Map.of("colour", "steel", "material", "stainless steel"), 6400, "EUR"));
		for (int c = 0; c < CATEGORIES.length; c++) {
			for (int n = 0; products.size() < (c + 1) * 20; n++) {
				String noun = NOUNS[c][n % NOUNS[c].length];
				String adjective = ADJECTIVES[(n / NOUNS[c].length + c) % ADJECTIVES.length];
				String sku = CATEGORIES[c].substring(0, 3).toUpperCase() + "-" + (1000 + c * 100 + n);
				long price = (5 + random.nextInt(400)) * 100L - 1;
				products.add(new Product(sku, adjective + " " + noun, CATEGORIES[c],
						Map.of("colour", COLOURS[random.nextInt(COLOURS.length)], "material",
								MATERIALS[random.nextInt(MATERIALS.length)]),
						price, "EUR"));
			}
		}
		return products;
	}

	private static PlaceOrder order(SplittableRandom random, int n, Instant start, List<String> plenty,
			List<String> short_) {
		int lineCount = 1 + random.nextInt(3);
		List<PlaceOrder.Line> lines = new ArrayList<>();
		List<String> used = new ArrayList<>();
		while (lines.size() < lineCount) {
			List<String> pool = (random.nextDouble() < 0.07) ? short_ : plenty;
			String sku = pool.get(random.nextInt(pool.size()));
			if (!used.contains(sku)) {
				used.add(sku);
				lines.add(new PlaceOrder.Line(sku, 1 + random.nextInt(3)));
			}
		}
		String first = FIRST_NAMES[random.nextInt(FIRST_NAMES.length)];
		String last = LAST_NAMES[random.nextInt(LAST_NAMES.length)];
		String email = first.toLowerCase() + "." + last.toLowerCase().replace("-", "") + (n % 97) + "@example.com";
		Instant placedAt = start.plus(Duration.ofMinutes(10 + (long) n * 21));
		return new PlaceOrder("BO-" + (1002 + n), email, first + " " + last, lines, placedAt);
	}

	/**
	 * Received restocks from the past, so each supplier has a lateness record that widens
	 * its delivery windows; they change no stock.
	 */
	private Mono<Void> supplierHistory(SplittableRandom random, List<Product> products, LocalDate today) {
		List<PastDelivery> deliveries = new ArrayList<>();
		for (int s = 0; s < SUPPLIERS.length; s++) {
			for (int r = 0; r < 6; r++) {
				LocalDate promised = today.minusDays(20 + random.nextInt(120));
				int late = (s == 3) ? 4 + random.nextInt(9) : random.nextInt(2 + s);
				int quantity = 20 + random.nextInt(40);
				String sku = products.get(FIXED_PRODUCTS + random.nextInt(products.size() - FIXED_PRODUCTS)).sku();
				deliveries.add(new PastDelivery(sku, SUPPLIERS[s], quantity, promised, promised.plusDays(late)));
			}
		}
		return this.inventory.recordPastDeliveries(deliveries);
	}

}
