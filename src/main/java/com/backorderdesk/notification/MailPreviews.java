package com.backorderdesk.notification;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.function.Supplier;

import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

import com.backorderdesk.inventory.RestockChange;
import com.backorderdesk.inventory.RestockShift;
import com.backorderdesk.inventory.ShiftedRestock;
import com.backorderdesk.orders.RestockChanged;
import com.backorderdesk.orders.RestockShiftOutcome;
import com.backorderdesk.orders.SupplyChanges;
import com.backorderdesk.orders.SupplyImpact;
import com.backorderdesk.security.CustomerLinks;
import org.springframework.stereotype.Service;
import org.springframework.transaction.ReactiveTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.reactive.TransactionalOperator;
import org.springframework.transaction.support.DefaultTransactionDefinition;

/**
 * Previews that run the real thing: a supply change is applied in a transaction of its
 * own, with every re-plan, delay notice and event it causes; the e-mails of every order
 * it moves are composed by the composer that will send them; and the transaction is
 * rolled back, so nobody ever sees the rehearsal. The figures are the ones the change
 * then sends, as long as nothing else changes in between.
 */
@Service
public class MailPreviews {

	private final SupplyChanges supply;

	private final OrderNewsReader news;

	private final OrderMailComposer composer;

	private final MailRenderer renderer;

	private final CustomerLinks links;

	private final BaseUrl baseUrl;

	private final TransactionalOperator rehearsal;

	MailPreviews(SupplyChanges supply, OrderNewsReader news, OrderMailComposer composer, MailRenderer renderer,
			CustomerLinks links, BaseUrl baseUrl, ReactiveTransactionManager transactions) {
		this.supply = supply;
		this.news = news;
		this.composer = composer;
		this.renderer = renderer;
		this.links = links;
		this.baseUrl = baseUrl;
		this.rehearsal = TransactionalOperator.create(transactions,
				new DefaultTransactionDefinition(TransactionDefinition.PROPAGATION_REQUIRES_NEW));
	}

	/**
	 * What moving many restocks' dates will do and send.
	 * @param shift which restocks, and by how many days
	 * @param note the planner's explanation for customers, if any
	 * @param actor who asks
	 * @return the forecast; the errors {@link SupplyChanges#shiftRestocks} gives
	 */
	public Mono<ShiftPreview> previewShift(RestockShift shift, @Nullable String note, String actor) {
		return rehearse(() -> this.supply.shiftRestocks(shift, note, actor), RestockShiftOutcome::impact)
			.map((rehearsed) -> new ShiftPreview(rehearsed.result().restocks(), rehearsed.mails()));
	}

	/**
	 * What changing one restock will do and send.
	 * @param id the restock
	 * @param change what to change, with the version it was based on
	 * @param note the planner's explanation for customers, if any
	 * @param actor who asks
	 * @return the forecast; the errors {@link SupplyChanges#changeRestock} gives
	 */
	public Mono<MailForecast> previewRestockChange(long id, RestockChange change, @Nullable String note, String actor) {
		return rehearse(() -> this.supply.changeRestock(id, change, note, actor), RestockChanged::impact)
			.map(Rehearsed::mails);
	}

	private <T> Mono<Rehearsed<T>> rehearse(Supplier<Mono<T>> change, Function<T, SupplyImpact> impact) {
		return this.rehearsal.execute((transaction) -> {
			transaction.setRollbackOnly();
			return change.get()
				.flatMap((result) -> forecast(impact.apply(result)).map((draft) -> new Rehearsal<>(result, draft)));
		})
			.single()
			.flatMap((rehearsal) -> renderSample(rehearsal.draft())
				.map((mails) -> new Rehearsed<>(rehearsal.result(), mails)));
	}

	private Mono<Draft> forecast(SupplyImpact impact) {
		List<Long> orderIds = impact.orderIds();
		return this.news.read(orderIds).flatMap((found) -> {
			Map<Long, List<SupplyImpact.MovedLine>> moved = new LinkedHashMap<>();
			impact.moves()
				.forEach((line) -> moved.computeIfAbsent(line.orderId(), (id) -> new ArrayList<>()).add(line));
			Map<MailContent, Integer> byContent = new EnumMap<>(MailContent.class);
			List<MailForecast.ForecastOrder> orders = new ArrayList<>();
			int emails = 0;
			OrderMailComposer.Composed sample = null;
			long sampleOrder = 0;
			for (Map.Entry<Long, List<SupplyImpact.MovedLine>> entry : moved.entrySet()) {
				OrderNews orderNews = found.get(entry.getKey());
				List<SupplyImpact.MovedLine> lines = entry.getValue();
				if (orderNews == null) {
					continue;
				}
				OrderMailComposer.Composed composed = this.composer.compose(orderNews, false, false, null);
				if (composed.view() != null) {
					emails++;
					composed.contents().forEach((content) -> byContent.merge(content, 1, Integer::sum));
					if (sample == null || rank(composed) < rank(sample)) {
						sample = composed;
						sampleOrder = entry.getKey();
					}
				}
				orders.add(new MailForecast.ForecastOrder(lines.get(0).orderNumber(), lines.get(0).customerName(),
						lines, composed.contents(), composed.skipped()));
			}
			MailForecast forecast = new MailForecast(impact, emails, byContent, orders, null, null);
			if (sample == null) {
				return Mono.just(new Draft(forecast, null, 0));
			}
			OrderMailComposer.Composed chosen = sample;
			long chosenOrder = sampleOrder;
			// the sample with its real links, as the customer will get it
			return Mono
				.zip(this.links.linkFor(chosenOrder, CustomerLinks.VIEW),
						this.links.linkFor(chosenOrder, UnsubscribeController.PURPOSE))
				.map((links) -> new OrderMailComposer.OrderLinks(this.baseUrl.get() + links.getT1(),
						this.baseUrl.get() + UnsubscribeController.PATH
								+ links.getT2().substring(links.getT2().lastIndexOf('/') + 1)))
				.map((links) -> new Draft(forecast,
						this.composer.compose(found.get(chosenOrder), false, false, links).view(), chosenOrder))
				.defaultIfEmpty(new Draft(forecast, chosen.view(), chosenOrder));
		});
	}

	/** The most telling sample: a delay notice rather than a small window change. */
	private static int rank(OrderMailComposer.Composed composed) {
		MailContent main = composed.main();
		return (main != null) ? main.ordinal() : Integer.MAX_VALUE;
	}

	/** Renders the sample off the event loop: templates are read from the class path. */
	private Mono<MailForecast> renderSample(Draft draft) {
		MailView view = draft.sample();
		if (view == null) {
			return Mono.just(draft.forecast());
		}
		MailForecast forecast = draft.forecast();
		return Mono.fromCallable(() -> this.renderer.html(view))
			.subscribeOn(Schedulers.boundedElastic())
			.map((html) -> new MailForecast(forecast.impact(), forecast.emails(), forecast.byContent(),
					forecast.orders(), view.subject(), html));
	}

	private record Draft(MailForecast forecast, @Nullable MailView sample, long sampleOrder) {
	}

	private record Rehearsal<T>(T result, Draft draft) {
	}

	private record Rehearsed<T>(T result, MailForecast mails) {
	}

	/**
	 * What a bulk date shift will do and send.
	 *
	 * @param restocks the restocks whose date will move
	 * @param mails the orders it moves and the e-mails it sends
	 */
	public record ShiftPreview(List<ShiftedRestock> restocks, MailForecast mails) {

		public ShiftPreview {
			restocks = List.copyOf(restocks);
		}

	}

}
