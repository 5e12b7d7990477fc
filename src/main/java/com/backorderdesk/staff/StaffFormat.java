package com.backorderdesk.staff;

import java.text.NumberFormat;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.Currency;
import java.util.Locale;

import org.jspecify.annotations.Nullable;

import com.backorderdesk.allocation.EtaWindow;
import com.backorderdesk.substitution.OfferActivity;
import com.backorderdesk.substitution.OfferStatus;
import com.backorderdesk.timeline.Actors;
import org.springframework.stereotype.Component;

/**
 * Dates, money and statuses as the staff pages show them: dense and sortable, in the
 * shop's zone.
 */
@Component
public class StaffFormat {

	private static final DateTimeFormatter MOMENT = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm", Locale.ENGLISH);

	private final Clock clock;

	StaffFormat(Clock clock) {
		this.clock = clock;
	}

	public String date(@Nullable LocalDate date) {
		return (date != null) ? date.toString() : "";
	}

	public String window(@Nullable EtaWindow window) {
		if (window == null) {
			return "";
		}
		return window.earliest().equals(window.latest()) ? date(window.earliest())
				: date(window.earliest()) + " – " + date(window.latest());
	}

	public String moment(@Nullable Instant instant) {
		return (instant != null) ? MOMENT.format(instant.atZone(this.clock.getZone())) : "";
	}

	public long daysSince(Instant instant) {
		return Math.max(0, Duration.between(instant, this.clock.instant()).toDays());
	}

	public LocalDate today() {
		return LocalDate.now(this.clock);
	}

	/** An amount with its sign: "+€5.00", "−€2.50", "€0.00". */
	public String signedMoney(long cents, String currency) {
		String amount = money(Math.abs(cents), currency);
		return (cents > 0) ? "+" + amount : (cents < 0) ? "−" + amount : amount;
	}

	public String money(long cents, String currency) {
		NumberFormat format = NumberFormat.getCurrencyInstance(Locale.ENGLISH);
		format.setCurrency(Currency.getInstance(currency));
		return format.format(cents / 100.0);
	}

	public OfferRow offer(OfferActivity offer) {
		// an open offer whose substitute sold out cannot be accepted: say so
		boolean unavailable = offer.status() == OfferStatus.OFFERED && !offer.available();
		return new OfferRow(offer.id(), offer.orderNumber(), offer.originalSku() + " · " + offer.originalName(),
				offer.substituteSku() + " · " + offer.substituteName(), offer.quantity(),
				signedMoney(offer.priceDifferenceCents(), offer.currency()),
				unavailable ? "UNAVAILABLE" : offer.status().name(), unavailable ? "none" : kind(offer.status()),
				actor(offer.createdBy()), moment(offer.createdAt()), moment(offer.expiresAt()),
				moment(offer.decidedAt()));
	}

	/**
	 * Who did something, as staff pages name them: a member of staff by username.
	 * @param actor an event's or offer's actor
	 * @return the username for staff, the actor as stored for anyone else
	 */
	public static String actor(String actor) {
		String username = Actors.staffUsername(actor);
		return (username != null) ? username : actor;
	}

	public static String kind(OfferStatus status) {
		return switch (status) {
			case OFFERED -> "waiting";
			case ACCEPTED -> "ready";
			case DECLINED -> "none";
			case EXPIRED, WITHDRAWN -> "cancelled";
		};
	}

}
