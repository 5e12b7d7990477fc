package com.backorderdesk.staff.substitutions;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;

import com.backorderdesk.staff.OfferRow;
import com.backorderdesk.staff.Pager;
import com.backorderdesk.staff.StaffFormat;
import com.backorderdesk.substitution.SubstituteRanking;
import com.backorderdesk.substitution.SubstitutionQueue;
import com.backorderdesk.substitution.SubstitutionService;
import com.backorderdesk.substitution.SubstitutionSettings;
import com.backorderdesk.substitution.WaitingLine;
import com.backorderdesk.substitution.WaitingSku;
import org.springframework.context.MessageSource;
import org.springframework.stereotype.Component;

/**
 * Builds the substitution workbench: the queue by SKU, each SKU's waiting lines in queue
 * order and its ranked candidates with the reason in words and whom they serve, and the
 * newest offers. The same view is rendered for the page and for each live update.
 */
@Component
class Workbench {

	/** Candidates shown per SKU. */
	static final int CANDIDATES = 5;

	/** Offers shown in the live list. */
	static final int OFFERS = 50;

	/**
	 * SKUs one page shows: each is a card of its facts, its waiting orders and up to
	 * {@value #CANDIDATES} ranked substitutes, worked from the top.
	 */
	static final int PAGE_SIZE = 10;

	private final SubstitutionQueue queue;

	private final SubstitutionService substitutions;

	private final SubstitutionSettings settings;

	private final StaffFormat format;

	private final MessageSource messages;

	Workbench(SubstitutionQueue queue, SubstitutionService substitutions, SubstitutionSettings settings,
			StaffFormat format, MessageSource messages) {
		this.queue = queue;
		this.substitutions = substitutions;
		this.settings = settings;
		this.format = format;
		this.messages = messages;
	}

	/**
	 * One page of the workbench: the queued SKUs are counted first, so a page past the
	 * end shows the last one; only that page's SKUs have their lines and candidates
	 * loaded.
	 * @param sku only this SKU, or {@code null} for the whole queue
	 * @param requested the page asked for, from 1 (as {@link Pager#requested} reads it)
	 * @param locale the reader's language, for the candidates' reasons
	 * @return the view, with its pager
	 */
	Mono<WorkbenchView> build(@Nullable String sku, int requested, Locale locale) {
		return Pager.load(requested, PAGE_SIZE, this.queue.countSkus(sku),
				(page, total) -> this.queue.skus(sku, Pager.offset(page, PAGE_SIZE), PAGE_SIZE)
					.flatMap((skus) -> this.queue.lines(skus.stream().map(WaitingSku::sku).toList())
						.flatMap((lines) -> Mono.zip(this.queue.candidates(lines, CANDIDATES), offers())
							.map((loaded) -> new WorkbenchView(sku, this.settings.waitingThresholdDays(),
									this.settings.priceBandPercent(),
									skus.stream()
										.map((waiting) -> sku(waiting, lines.getOrDefault(waiting.sku(), List.of()),
												loaded.getT1().getOrDefault(waiting.sku(), List.of()), locale))
										.toList(),
									loaded.getT2(), pager(sku, page, total))))));
	}

	/** The pager, its links keeping the SKU filter. */
	private static Pager pager(@Nullable String sku, int page, long total) {
		return Pager.of(page, total, PAGE_SIZE, (n) -> WorkbenchView.address("/staff/substitutions", sku, n));
	}

	/**
	 * The newest offers alone.
	 */
	Mono<List<OfferRow>> offers() {
		return this.substitutions.recentOffers(OFFERS)
			.map((offers) -> offers.stream().map(this.format::offer).toList());
	}

	private WorkbenchView.Sku sku(WaitingSku sku, List<WaitingLine> lines,
			List<SubstituteRanking.RankedCandidate> ranked, Locale locale) {
		List<WorkbenchView.Candidate> candidates = new ArrayList<>();
		for (SubstituteRanking.RankedCandidate candidate : ranked) {
			candidates
				.add(new WorkbenchView.Candidate(candidates.size() + 1, candidate.product().sku(),
						candidate.product().name(),
						this.format.money(candidate.product().priceCents(), candidate.product().currency()),
						this.format.signedMoney(candidate.priceDifferencePerUnitCents(),
								candidate.product().currency()),
						candidate.free(), reason(sku, candidate, locale), serves(candidate, locale),
						candidate.servedOrders(), candidate.partial()));
		}
		List<WorkbenchView.Line> queued = new ArrayList<>();
		for (WaitingLine line : lines) {
			queued.add(new WorkbenchView.Line(queued.size() + 1, line.lineId(), line.orderNumber(), line.customerName(),
					line.customerEmail(), line.waiting(), line.undated(), this.format.date(line.etaLatest()),
					this.format.daysSince(line.placedAt()), line.openOffers(), line.unavailableOffers()));
		}
		return new WorkbenchView.Sku(sku.sku(), sku.name(), sku.category(), (sku.type() != null) ? sku.type() : "",
				this.format.money(sku.priceCents(), sku.currency()), sku.units(), sku.orders(), sku.undatedUnits(),
				this.format.daysSince(sku.oldestPlacedAt()), sku.openOffers(), sku.unavailableOffers(), queued,
				candidates);
	}

	/**
	 * Why a candidate is proposed, in the order it is ranked by: "same type (rug), 2 of 3
	 * other attributes match, 5 % cheaper".
	 */
	String reason(WaitingSku original, SubstituteRanking.RankedCandidate candidate, Locale locale) {
		List<String> parts = new ArrayList<>(4);
		String type = candidate.candidateType();
		switch (candidate.type()) {
			case SAME -> parts.add(text(locale, "staff.substitutions.reason.sameType", type));
			case NOT_GIVEN -> parts.add(text(locale, "staff.substitutions.reason.category"));
			case UNKNOWN -> parts.add(text(locale, "staff.substitutions.reason.typeUnknown", original.type()));
			case OTHER -> parts.add(text(locale, "staff.substitutions.reason.otherType", type, original.type()));
		}
		if (candidate.comparedAttributes() > 0) {
			parts.add(text(locale,
					(candidate.type() == SubstituteRanking.TypeMatch.NOT_GIVEN)
							? "staff.substitutions.reason.attributes" : "staff.substitutions.reason.otherAttributes",
					candidate.matchingAttributes(), candidate.comparedAttributes()));
		}
		if (candidate.pricePercent() < 0) {
			parts.add(text(locale, "staff.substitutions.reason.cheaper", -candidate.pricePercent()));
		}
		else if (candidate.pricePercent() > 0) {
			parts.add(text(locale, "staff.substitutions.reason.dearer", candidate.pricePercent()));
		}
		else {
			parts.add(text(locale, (candidate.priceDifferencePerUnitCents() == 0)
					? "staff.substitutions.reason.samePrice" : "staff.substitutions.reason.similarPrice"));
		}
		return String.join(", ", parts);
	}

	/** Whom a candidate's free units serve: "12 free: all 3 waiting orders". */
	private String serves(SubstituteRanking.RankedCandidate candidate, Locale locale) {
		return candidate.partial()
				? text(locale, "staff.substitutions.serves.partial", candidate.free(), candidate.servedOrders(),
						candidate.waitingOrders())
				: text(locale, "staff.substitutions.serves.all", candidate.free(), candidate.waitingOrders());
	}

	private String text(Locale locale, String key, @Nullable Object... args) {
		return this.messages.getMessage(key, args, locale);
	}

}
