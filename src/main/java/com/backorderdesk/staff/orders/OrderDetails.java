package com.backorderdesk.staff.orders;

import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;

import com.backorderdesk.staff.StaffFormat;
import com.backorderdesk.customer.OrderTimeline;
import com.backorderdesk.orders.DelayNotices;
import com.backorderdesk.orders.DelayQuestion;
import com.backorderdesk.orders.LineWording;
import com.backorderdesk.orders.OrderLineView;
import com.backorderdesk.orders.OrderQueue;
import com.backorderdesk.orders.OrderView;
import com.backorderdesk.orders.QueuePosition;
import com.backorderdesk.substitution.OfferActivity;
import com.backorderdesk.substitution.SubstitutionService;
import org.springframework.stereotype.Component;

/**
 * Builds the staff order page from the order, its offers, its timeline and its notes, for
 * the full page and for each live update alike.
 */
@Component
class OrderDetails {

	private final OrderTimeline timeline;

	private final SubstitutionService substitutions;

	private final OrderNotes notes;

	private final StaffFormat format;

	private final OrderQueue queue;

	private final DelayNotices delays;

	OrderDetails(OrderTimeline timeline, SubstitutionService substitutions, OrderNotes notes, DelayNotices delays,
			StaffFormat format, OrderQueue queue) {
		this.queue = queue;
		this.timeline = timeline;
		this.delays = delays;
		this.substitutions = substitutions;
		this.notes = notes;
		this.format = format;
	}

	Mono<OrderDetailView> build(OrderView order, Locale locale) {
		return Mono
			.zip(this.timeline.latest(order, locale), this.substitutions.offersOf(order.id()),
					this.notes.of(order.id()), this.queue.positions(order.id()), this.delays.openQuestions(order.id()))
			.map((loaded) -> view(order, loaded.getT1(), loaded.getT2(), notes(loaded.getT3()), loaded.getT4(),
					loaded.getT5()));
	}

	private List<OrderDetailView.Question> questions(OrderView order, List<DelayQuestion> questions) {
		return questions.stream()
			.map((question) -> new OrderDetailView.Question(question.lineId(),
					order.lines()
						.stream()
						.filter((line) -> line.id() == question.lineId())
						.map(OrderLineView::productName)
						.findFirst()
						.orElse(""),
					this.format.moment(question.answerBy())))
			.toList();
	}

	/**
	 * The parts of several orders' pages that live updates show (lines, offers,
	 * timeline), with one query per kind of thing read whatever their number; notes are
	 * not among them.
	 * @param orders the orders with their lines
	 * @param locale the reader's locale
	 * @return the views, without notes, by order id
	 */
	Mono<Map<Long, OrderDetailView>> buildLive(Collection<OrderView> orders, Locale locale) {
		List<Long> ids = orders.stream().map(OrderView::id).toList();
		return Mono
			.zip(this.timeline.latest(orders, locale), this.substitutions.offersOf(ids), this.queue.positions(ids),
					this.delays.openQuestions(ids))
			.map((loaded) -> {
				Map<Long, OrderDetailView> views = new HashMap<>();
				for (OrderView order : orders) {
					views.put(order.id(),
							view(order, loaded.getT1().getOrDefault(order.id(), OrderTimeline.Latest.NONE),
									loaded.getT2().getOrDefault(order.number(), List.of()), List.of(), loaded.getT3(),
									loaded.getT4().getOrDefault(order.id(), List.of())));
				}
				return views;
			});
	}

	private OrderDetailView view(OrderView order, OrderTimeline.Latest timeline, List<OfferActivity> offers,
			List<OrderDetailView.Note> notes, Map<Long, QueuePosition> positions, List<DelayQuestion> questions) {
		return new OrderDetailView(order.id(), order.number(), order.customerName(), order.customerEmail(),
				this.format.moment(order.placedAt()), order.shipPreference().name(), order.emailPreference().name(),
				order.lines().stream().map((line) -> line(line, positions.get(line.id()))).toList(),
				offers.stream().map(this.format::offer).toList(), timeline.entries(), timeline.more(),
				timeline.lastEventId(), notes, questions(order, questions));
	}

	private OrderDetailView.Line line(OrderLineView line, @Nullable QueuePosition position) {
		boolean moved = line.previousEta() != null && !line.previousEta().equals(line.eta());
		return new OrderDetailView.Line(line.id(), line.lineNo(), line.sku(), line.productName(), line.quantity(),
				line.status().name(), LineWording.badgeKind(line.status()), line.allocated(), line.scheduled(),
				line.unscheduled(), line.shipped(), line.cancelled(), this.format.window(line.eta()),
				moved ? this.format.window(line.previousEta()) : "",
				moved ? this.format.moment(line.etaChangedAt()) : "", (position != null) ? position.position() : 0,
				(position != null) ? position.waiting() : 0);
	}

	private List<OrderDetailView.Note> notes(List<OrderNotes.Note> notes) {
		return notes.stream()
			.map((note) -> new OrderDetailView.Note(note.author(), this.format.moment(note.createdAt()), note.body()))
			.toList();
	}

}
