package floor;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import reactor.core.publisher.Flux;
import reactor.core.publisher.Sinks;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.http.MediaType;
import org.springframework.http.codec.ServerSentEvent;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.ServerResponse;

import static org.springframework.web.reactive.function.server.RouterFunctions.route;

/**
 * The floor for bench/: what plain Spring WebFlux, R2DBC and Thymeleaf cost for the work our
 * hot paths do, with no security, no sessions, no observations and no caching of our own.
 */
@SpringBootApplication
public class FloorApplication {

	public static void main(String[] args) {
		SpringApplication.run(FloorApplication.class, args);
	}

	/** The order's lines, as the order page shows them: one query against the app's database. */
	record Line(int lineNo, String sku, String name, int quantity, long unitPriceCents, String currency,
			int allocated, int shipped, Object etaEarliest, Object etaLatest) {
	}

	@Bean
	RouterFunction<ServerResponse> routes(DatabaseClient db) {
		// one shared feed every stream joins, as a plain live page would
		Sinks.Many<String> changes = Sinks.many().multicast().directBestEffort();
		Flux<ServerSentEvent<String>> heartbeats = Flux.interval(Duration.ofSeconds(15))
			.map((tick) -> ServerSentEvent.<String>builder().comment("heartbeat").build());
		return route().GET("/orders/{number}", (request) -> db.sql("""
				select l.line_no, l.sku, p.name, l.quantity, l.unit_price_cents, l.currency, l.allocated,
					l.shipped, l.eta_earliest, l.eta_latest
				from customer_order o join order_line l on l.order_id = o.id join product p on p.sku = l.sku
				where o.number = :number order by l.line_no
				""")
			.bind("number", request.pathVariable("number"))
			.map((row) -> new Line(row.get("line_no", Integer.class), row.get("sku", String.class),
					row.get("name", String.class), row.get("quantity", Integer.class),
					row.get("unit_price_cents", Long.class), row.get("currency", String.class),
					row.get("allocated", Integer.class), row.get("shipped", Integer.class), row.get("eta_earliest"),
					row.get("eta_latest")))
			.all()
			.collectList()
			.flatMap((lines) -> ServerResponse.ok()
				.contentType(MediaType.TEXT_HTML)
				.render("order", Map.of("number", request.pathVariable("number"), "lines", lines, "entries",
						entries(lines)))))
			.GET("/actuator/health/liveness",
					(request) -> ServerResponse.ok().contentType(MediaType.APPLICATION_JSON).bodyValue("{\"status\":\"UP\"}"))
			.GET("/orders/{number}/events", (request) -> ServerResponse.ok()
				.contentType(MediaType.TEXT_EVENT_STREAM)
				.body(Flux.concat(Flux.just(ServerSentEvent.<String>builder().comment("connected").build()),
						Flux.merge(changes.asFlux().map((data) -> ServerSentEvent.builder(data).build()), heartbeats)),
						ServerSentEvent.class))
			// one published item, sent to every stream (what bench/fan-out.sh times)
			.POST("/orders/{number}/publish", (request) -> request.bodyToMono(String.class)
				.doOnNext(changes::tryEmitNext)
				.then(ServerResponse.noContent().build()))
			.build();
	}

	/**
	 * Rows for the page's timeline, so the floor's page has as many dynamic parts as ours: the
	 * lines again, BENCH_FLOOR_ENTRIES times (set by the scripts to match our page's size).
	 */
	static List<Line> entries(List<Line> lines) {
		int times = Integer.getInteger("floor.entries", 8);
		return java.util.stream.IntStream.range(0, times).boxed().flatMap((i) -> lines.stream()).toList();
	}

}
