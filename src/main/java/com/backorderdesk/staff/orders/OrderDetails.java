package com.backorderdesk.staff.orders;

import java.util.List;
import java.util.Locale;

import reactor.core.publisher.Mono;

import com.backorderdesk.staff.StaffFormat;
import com.backorderdesk.customer.OrderTimeline;
import com.backorderdesk.orders.DelayNotices;
import com.backorderdesk.orders.DelayQuestion;
import com.backorderdesk.orders.LineWording;
import com.backorderdesk.orders.OrderLineView;
import com.backorderdesk.orders.OrderView;
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

	private final DelayNotices delays;

	OrderDetails(OrderTimeline timeline, SubstitutionService substitutions, OrderNotes notes, DelayNotices delays,
			StaffFormat format) {
		this.timeline = timeline;
		this.delays = delays;
		this.substitutions = substitutions;
		this.notes = notes;
		this.format = format;
	}

	Mono<OrderDetailView> build(OrderView order, Locale locale) {
		return Mono
			.zip(this.timeline.entries(order, locale), this.substitutions.offersOf(order.id()),
					this.notes.of(order.id()), this.delays.openQuestions(order.id()))
			.map((loaded) -> new OrderDetailView(order.id(), order.number(), order.customerName(),
					order.customerEmail(), this.format.moment(order.placedAt()), order.shipPreference().name(),
					order.emailPreference().name(), order.lines().stream().map(this::line).toList(),
					loaded.getT2().stream().map(this.format::offer).toList(), loaded.getT1(),
					loaded.getT1().isEmpty() ? 0 : loaded.getT1().get(0).id(), notes(loaded.getT3()),
					questions(order, loaded.getT4())));
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

	private OrderDetailView.Line line(OrderLineView line) {
		boolean moved = line.previousEta() != null && !line.previousEta().equals(line.eta());
		return new OrderDetailView.Line(line.id(), line.lineNo(), line.sku(), line.productName(), line.quantity(),
				line.status().name(), LineWording.badgeKind(line.status()), line.allocated(), line.scheduled(),
				line.unscheduled(), line.shipped(), line.cancelled(), this.format.window(line.eta()),
				moved ? this.format.window(line.previousEta()) : "",
				moved ? this.format.moment(line.etaChangedAt()) : "");
	}

	private List<OrderDetailView.Note> notes(List<OrderNotes.Note> notes) {
		return notes.stream()
			.map((note) -> new OrderDetailView.Note(note.author(), this.format.moment(note.createdAt()), note.body()))
			.toList();
	}

}
