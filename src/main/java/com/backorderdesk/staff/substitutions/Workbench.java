package com.backorderdesk.staff.substitutions;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;

import com.backorderdesk.staff.OfferRow;
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
 * Builds the substitution workbench: the queue by SKU, each SKU's ranked candidates with
 * the reason in words, and the newest offers.
 */
@Component
class Workbench {

	/** Candidates shown per SKU. */
	static final int CANDIDATES = 5;

	/** Offers shown in the live list. */
	static final int OFFERS = 50;

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
	 * The whole workbench.
	 * @param sku only this SKU, or {@code null} for the whole queue
	 * @param failed the form that needs correcting, if any
	 */
	Mono<WorkbenchView> build(@Nullable String sku, Locale locale, @Nullable Failed failed) {
		return this.queue.skus(sku).flatMap((skus) -> {
			Map<String, Integer> needed = skus.stream().collect(Collectors.toMap(WaitingSku::sku, WaitingSku::units));
			return Mono.zip(this.queue.lines(needed.keySet()), this.queue.candidates(needed, CANDIDATES), offers())
				.map((loaded) -> new WorkbenchView(sku, this.settings.waitingThresholdDays(),
						this.settings.priceBandPercent(),
						skus.stream()
							.map((waiting) -> sku(waiting, loaded.getT1().getOrDefault(waiting.sku(), List.of()),
									loaded.getT2().getOrDefault(waiting.sku(), List.of()), failed, locale))
							.toList(),
						loaded.getT3()));
		});
	}

	/**
	 * The newest offers alone, for live updates.
	 */
	Mono<List<OfferRow>> offers() {
		return this.substitutions.recentOffers(OFFERS)
			.map((offers) -> offers.stream().map(this.format::offer).toList());
	}

	private WorkbenchView.Sku sku(WaitingSku sku, List<WaitingLine> lines,
			List<SubstituteRanking.RankedCandidate> ranked, @Nullable Failed failed, Locale locale) {
		List<WorkbenchView.Candidate> candidates = new ArrayList<>();
		for (SubstituteRanking.RankedCandidate candidate : ranked) {
			candidates
				.add(new WorkbenchView.Candidate(candidates.size() + 1, candidate.product().sku(),
						candidate.product().name(),
						this.format.money(candidate.product().priceCents(), candidate.product().currency()), this.format
							.signedMoney(candidate.priceDifferencePerUnitCents(), candidate.product().currency()),
						candidate.free(), reason(candidate, locale)));
		}
		WorkbenchView.Form form = (failed != null && failed.sku().equals(sku.sku())) ? failed.form()
				: new WorkbenchView.Form(candidates.isEmpty() ? "" : candidates.get(0).sku(), "all", "", "",
						Integer.toString(this.settings.offerDays()), Map.of());
		return new WorkbenchView.Sku(sku.sku(), sku.name(), sku.category(),
				this.format.money(sku.priceCents(), sku.currency()), sku.units(), sku.orders(), sku.undatedUnits(),
				this.format.daysSince(sku.oldestPlacedAt()), sku.openOffers(),
				lines.stream()
					.map((line) -> new WorkbenchView.Line(line.lineId(), line.orderNumber(), line.customerEmail(),
							line.waiting(), line.undated(), this.format.date(line.etaLatest()),
							this.format.daysSince(line.placedAt()), line.openOffers()))
					.toList(),
				candidates, form);
	}

	/**
	 * Why a candidate is proposed: "same category, 3 of 4 attributes match, 5 % cheaper,
	 * 12 in stock".
	 */
	String reason(SubstituteRanking.RankedCandidate candidate, Locale locale) {
		List<String> parts = new ArrayList<>(4);
		parts.add(text(locale, "staff.substitutions.reason.category"));
		if (candidate.comparedAttributes() > 0) {
			parts.add(text(locale, "staff.substitutions.reason.attributes", candidate.matchingAttributes(),
					candidate.comparedAttributes()));
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
		parts.add(text(locale, "staff.substitutions.reason.free", candidate.free()));
		return String.join(", ", parts);
	}

	private String text(Locale locale, String key, Object... args) {
		return this.messages.getMessage(key, args, locale);
	}

	/**
	 * An offer form that needs correcting, for the SKU it was sent for.
	 *
	 * @param sku the SKU
	 * @param form the values and errors
	 */
	record Failed(String sku, WorkbenchView.Form form) {
	}

}
