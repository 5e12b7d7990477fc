package com.backorderdesk.substitution;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import io.r2dbc.spi.Readable;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

import com.backorderdesk.catalog.Product;
import com.backorderdesk.orders.ItemCancelled;
import com.backorderdesk.orders.ItemsShipped;
import com.backorderdesk.orders.LinesReplanned;
import com.backorderdesk.orders.OrderPlaced;
import com.backorderdesk.timeline.TimelineEvent;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.r2dbc.core.Parameter;
import org.springframework.stereotype.Service;

/**
 * The substitution workbench's queue: lines that wait with no date, or with a window
 * ending beyond {@link SubstitutionSettings#waitingThresholdDays()}, grouped by SKU, and
 * the ranked substitutes for those SKUs. Each read is one set-based query, however many
 * SKUs wait.
 */
@Service
public class SubstitutionQueue {

	/**
	 * Lines in the queue: open units that neither stock nor an early enough restock
	 * covers.
	 */
	static final String QUEUED_LINES = """
			select l.id as line_id, l.order_id, l.sku, l.unit_price_cents, l.currency, l.eta_latest,
				l.quantity - l.shipped - l.cancelled - l.allocated as waiting,
				l.quantity - l.shipped - l.cancelled - l.allocated - l.scheduled as undated
			from order_line l
			where l.shipped + l.cancelled < l.quantity
				and l.quantity - l.shipped - l.cancelled - l.allocated > 0
				and (l.quantity - l.shipped - l.cancelled - l.allocated - l.scheduled > 0 or l.eta_latest > :threshold)
			""";

	private static final TypeReference<TreeMap<String, String>> ATTRIBUTES = new TypeReference<>() {
	};

	/** SKUs shown at once; the queue is worked from the top. */
	private static final int MAX_SKUS = 100;

	private final DatabaseClient db;

	private final SubstitutionSettings settings;

	private final JsonMapper json;

	private final Clock clock;

	SubstitutionQueue(DatabaseClient db, SubstitutionSettings settings, JsonMapper json, Clock clock) {
		this.db = db;
		this.settings = settings;
		this.json = json;
		this.clock = clock;
	}

	/**
	 * Whether an order event can change the queue: its lines, what they wait for, or the
	 * offers made to them. The workbench follows these live.
	 * @param event the event
	 * @return whether the queue may look different after it
	 */
	public static boolean changedBy(TimelineEvent event) {
		return event instanceof OfferEvent || event instanceof OrderPlaced || event instanceof LinesReplanned
				|| event instanceof ItemCancelled || event instanceof ItemsShipped;
	}

	/**
	 * The last delivery date that is soon enough to keep a line out of the queue.
	 * @return today plus the threshold, in the shop's zone
	 */
	public LocalDate threshold() {
		return LocalDate.now(this.clock).plusDays(this.settings.waitingThresholdDays());
	}

	/**
	 * The SKUs customers wait for, most units first, then the longest wait.
	 * @param sku only this SKU, or {@code null} for all
	 * @return the first 100 SKUs
	 */
	public Mono<List<WaitingSku>> skus(@Nullable String sku) {
		return skus(sku, 0, MAX_SKUS);
	}

	/**
	 * Some of the SKUs customers wait for, most units first, then the longest wait, then
	 * by SKU, so pages neither repeat nor skip one.
	 * @param sku only this SKU, or {@code null} for all
	 * @param offset how many SKUs come before the ones returned
	 * @param limit the most SKUs to return
	 * @return the SKUs
	 */
	public Mono<List<WaitingSku>> skus(@Nullable String sku, long offset, int limit) {
		return this.db.sql("with queued as (" + QUEUED_LINES + """
				and (cast(:sku as text) is null or l.sku = :sku)
				), offered as (
					select s.line_id, count(*) filter (where s.available) as offers,
						count(*) filter (where not s.available) as unavailable
					from substitution_offer s
					where s.line_id in (select line_id from queued) and %s
					group by s.line_id
				)
				select q.sku, p.name, p.category, p.attributes ->> 'type' as type, p.price_cents, p.currency,
					-- thousands of lines of a million units each would not fit an int
					least(sum(q.waiting), 2147483647)::int as units,
					count(distinct q.order_id)::int as orders, least(sum(q.undated), 2147483647)::int as undated,
					min(o.placed_at) as oldest, coalesce(sum(f.offers), 0)::int as open_offers,
					coalesce(sum(f.unavailable), 0)::int as unavailable_offers
				from queued q
				join product p on p.sku = q.sku
				join customer_order o on o.id = q.order_id
				left join offered f on f.line_id = q.line_id
				group by q.sku, p.name, p.category, p.attributes ->> 'type', p.price_cents, p.currency
				order by units desc, oldest, q.sku
				limit :limit offset :offset
				""".formatted(Offers.OPEN))
			.bind("threshold", threshold())
			.bind("now", this.clock.instant())
			.bind("limit", limit)
			.bind("offset", offset)
			.bind("sku", Parameter.fromOrEmpty(sku, String.class))
			.map((row) -> new WaitingSku(row.get("sku", String.class), row.get("name", String.class),
					row.get("category", String.class), row.get("type", String.class),
					row.get("price_cents", Long.class), row.get("currency", String.class),
					row.get("units", Integer.class), row.get("orders", Integer.class),
					row.get("undated", Integer.class), row.get("oldest", Instant.class),
					row.get("open_offers", Integer.class), row.get("unavailable_offers", Integer.class)))
			.all()
			.collectList();
	}

	/**
	 * Counts the SKUs customers wait for, as {@link #skus(String, long, int)} lists them.
	 * @param sku only this SKU, or {@code null} for all
	 * @return how many SKUs wait
	 */
	public Mono<Long> countSkus(@Nullable String sku) {
		return this.db.sql("with queued as (" + QUEUED_LINES + """
				and (cast(:sku as text) is null or l.sku = :sku)
				)
				select count(distinct q.sku) as total
				from queued q
				join product p on p.sku = q.sku
				join customer_order o on o.id = q.order_id
				""")
			.bind("threshold", threshold())
			.bind("sku", Parameter.fromOrEmpty(sku, String.class))
			.map((row) -> row.get("total", Long.class))
			.one();
	}

	/**
	 * The queued lines of some SKUs, in queue order: the order's priority, then when it
	 * was placed, as the allocation engine serves them and as
	 * {@link SubstitutionService#offerToAll} offers.
	 * @param skus the SKUs
	 * @return the lines, by SKU
	 */
	public Mono<Map<String, List<WaitingLine>>> lines(Collection<String> skus) {
		if (skus.isEmpty()) {
			return Mono.just(Map.of());
		}
		return this.db.sql("with queued as (" + QUEUED_LINES + """
				and l.sku = any(:skus))
				select q.*, o.number, o.customer_email, o.customer_name, o.placed_at,
					coalesce(f.offers, 0)::int as open_offers, coalesce(f.unavailable, 0)::int as unavailable_offers
				from queued q join customer_order o on o.id = q.order_id
				left join lateral (
					select count(*) filter (where s.available) as offers,
						count(*) filter (where not s.available) as unavailable
					from substitution_offer s where s.line_id = q.line_id and %s
				) f on true
				order by o.priority, o.placed_at, q.line_id
				""".formatted(Offers.OPEN))
			.bind("threshold", threshold())
			.bind("now", this.clock.instant())
			.bind("skus", skus.toArray(String[]::new))
			.map(SubstitutionQueue::line)
			.all()
			.collectMultimap(WaitingLine::sku, (line) -> line, LinkedHashMap::new)
			.map((grouped) -> {
				Map<String, List<WaitingLine>> lists = new LinkedHashMap<>();
				grouped.forEach((sku, lines) -> lists.put(sku, List.copyOf(lines)));
				return lists;
			});
	}

	private static WaitingLine line(Readable row) {
		return new WaitingLine(row.get("order_id", Long.class), row.get("number", String.class),
				row.get("customer_name", String.class), row.get("customer_email", String.class),
				row.get("line_id", Long.class), row.get("sku", String.class), row.get("waiting", Integer.class),
				row.get("undated", Integer.class), row.get("eta_latest", LocalDate.class),
				row.get("unit_price_cents", Long.class), row.get("placed_at", Instant.class),
				row.get("open_offers", Integer.class), row.get("unavailable_offers", Integer.class));
	}

	/**
	 * Ranked substitutes for many SKUs at once. The database narrows the catalogue to
	 * products of the same category and currency, priced within the band, with free stock
	 * (on hand minus what open lines hold) for at least the first waiting line;
	 * {@link SubstituteRanking} orders them, and says how many waiting lines each serves.
	 * @param queues each SKU's waiting lines, in queue order ({@link #lines})
	 * @param limit the most candidates per SKU
	 * @return the candidates, best first, by SKU; SKUs without any are absent
	 */
	public Mono<Map<String, List<SubstituteRanking.RankedCandidate>>> candidates(Map<String, List<WaitingLine>> queues,
			int limit) {
		Map<String, List<Integer>> waiting = new LinkedHashMap<>();
		queues.forEach((sku, lines) -> {
			if (!lines.isEmpty()) {
				waiting.put(sku, lines.stream().map(WaitingLine::waiting).toList());
			}
		});
		if (waiting.isEmpty()) {
			return Mono.just(Map.of());
		}
		List<String> skus = new ArrayList<>(waiting.keySet());
		Integer[] units = skus.stream().map((sku) -> waiting.get(sku).get(0)).toArray(Integer[]::new);
		int band = this.settings.priceBandPercent();
		return this.db
			.sql("""
					with wanted as (
						select u.sku, u.needed, p.name, p.category, p.attributes, p.price_cents, p.currency
						from unnest(:skus, :needed) as u(sku, needed) join product p on p.sku = u.sku
					)
					select w.sku as wanted_sku, w.name as wanted_name, w.category as wanted_category,
						w.attributes::text as wanted_attributes, w.price_cents as wanted_price, w.currency as wanted_currency,
						w.needed, c.sku, c.name, c.category, c.attributes::text as attributes, c.price_cents, c.currency,
						s.on_hand - h.held as free
					from wanted w
					join product c on c.category = w.category and c.currency = w.currency and c.sku <> w.sku
						-- numeric: prices stored before they had bounds must not overflow the band
						and abs(c.price_cents::numeric - w.price_cents) * 100 <= :band * w.price_cents::numeric
					join stock s on s.sku = c.sku
					cross join lateral (
						select coalesce(sum(l.allocated), 0)::int as held from order_line l
						where l.sku = c.sku and l.shipped + l.cancelled < l.quantity
					) h
					where s.on_hand - h.held >= w.needed
					""")
			.bind("skus", skus.toArray(String[]::new))
			.bind("needed", units)
			.bind("band", band)
			.map((row) -> new Row(product(row, "wanted_", "wanted_price"), product(row, "", "price_cents"),
					row.get("free", Integer.class)))
			.all()
			.collectList()
			.map((rows) -> {
				Map<String, Map<Product, Integer>> bySku = new HashMap<>();
				Map<String, Row> first = new HashMap<>();
				for (Row row : rows) {
					bySku.computeIfAbsent(row.wanted().sku(), (sku) -> new HashMap<>())
						.put(row.candidate(), row.free());
					first.putIfAbsent(row.wanted().sku(), row);
				}
				Map<String, List<SubstituteRanking.RankedCandidate>> ranked = new LinkedHashMap<>();
				for (String sku : skus) {
					Row row = first.get(sku);
					if (row != null) {
						List<SubstituteRanking.RankedCandidate> best = SubstituteRanking.rank(row.wanted(),
								waiting.get(sku), bySku.get(sku), band);
						ranked.put(sku, best.subList(0, Math.min(limit, best.size())));
					}
				}
				return ranked;
			});
	}

	private Product product(Readable row, String prefix, String priceColumn) {
		String sku = prefix.isEmpty() ? "sku" : "wanted_sku";
		return new Product(row.get(sku, String.class), row.get(prefix + "name", String.class),
				row.get(prefix + "category", String.class),
				this.json.readValue(row.get(prefix + "attributes", String.class), ATTRIBUTES),
				row.get(priceColumn, Long.class), row.get(prefix + "currency", String.class));
	}

	private record Row(Product wanted, Product candidate, int free) {
	}

}
