package com.backorderdesk.security;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;

import com.backorderdesk.InputRules;
import com.backorderdesk.InvalidValueException;
import com.backorderdesk.orders.OrderService;
import com.backorderdesk.orders.OrderView;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Finds an order by its number and the customer's e-mail address, the way a customer
 * without an account proves it is theirs.
 *
 * <p>
 * A wrong pair gets the same answer whether the order exists or not, and the comparison
 * does the same work either way, so neither the answer nor its timing tells a guesser
 * which order numbers are real.
 */
@Service
public class OrderLookup {

	private static final Pattern NUMBER = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");

	/** Spaces a customer typed where the number has its dash ("bo 1001"). */
	private static final Pattern INNER_SPACES = Pattern.compile("\\s+");

	/** Compared against when there is no order, so a miss costs what a hit costs. */
	private static final String NO_ORDER_EMAIL = "no-order@backorder-desk.invalid";

	private final OrderService orders;

	private final LookupAttempts attempts;

	OrderLookup(OrderService orders, LookupAttempts attempts) {
		this.orders = orders;
		this.attempts = attempts;
	}

	/**
	 * Looks an order up. The number matches whatever its case and surrounding spaces, and
	 * spaces inside it stand for its dash ("bo 1001" finds BO-1001); only a failed
	 * attempt counts toward the limits (per client and per order number), and a success
	 * forgets the client's failures at that order.
	 * @param number the order number as entered
	 * @param email the e-mail address as entered; one the mailer could not send to
	 * ({@link InputRules#email}) is refused before anything is counted, as it can match
	 * no order
	 * @param client the client's address
	 * @return what the lookup found; an {@link InvalidValueException} for the field
	 * {@code email}
	 */
	@Transactional
	public Mono<LookupResult> lookup(String number, String email, String client) {
		return Mono.fromCallable(() -> InputRules.email("email", email))
			.flatMap((address) -> lookupChecked(number, address, client));
	}

	private Mono<LookupResult> lookupChecked(String number, String email, String client) {
		String normalisedNumber = INNER_SPACES.matcher(number.strip()).replaceAll("-");
		boolean wellFormed = NUMBER.matcher(normalisedNumber).matches();
		String key = wellFormed ? LookupAttempts.numberKey(normalisedNumber) : "";
		byte[] presented = digest(email);
		return this.attempts.blocked(client, key).flatMap((wait) -> {
			if (!wait.isZero()) {
				return Mono.just(LookupResult.tooManyAttempts(wait));
			}
			Mono<LookupResult> found = wellFormed
					? this.orders.findIgnoringCase(normalisedNumber)
						.collectList()
						.map((candidates) -> match(candidates, presented))
					: Mono.fromSupplier(() -> noMatch(presented));
			return found.flatMap((result) -> ((result.outcome() == LookupResult.Outcome.FOUND)
					? this.attempts.succeeded(client, key) : this.attempts.failed(client, key))
				.thenReturn(result));
		});
	}

	/** The first order whose address matches, comparing every candidate's. */
	private static LookupResult match(List<OrderView> candidates, byte[] presented) {
		if (candidates.isEmpty()) {
			return noMatch(presented);
		}
		@Nullable OrderView found = null;
		for (OrderView candidate : candidates) {
			if (matches(candidate.customerEmail(), presented) && found == null) {
				found = candidate;
			}
		}
		return (found != null) ? LookupResult.found(found.id(), found.number(), found.linkRevision())
				: LookupResult.noMatch();
	}

	private static LookupResult noMatch(byte[] presented) {
		matches(NO_ORDER_EMAIL, presented);
		return LookupResult.noMatch();
	}

	private static boolean matches(String stored, byte[] presented) {
		return MessageDigest.isEqual(digest(stored), presented);
	}

	/**
	 * Hashes the normalised address: equal lengths make {@link MessageDigest#isEqual}
	 * constant-time whatever the addresses' lengths.
	 */
	private static byte[] digest(String email) {
		try {
			return MessageDigest.getInstance("SHA-256")
				.digest(email.strip().toLowerCase(Locale.ROOT).getBytes(StandardCharsets.UTF_8));
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException("SHA-256 is part of every Java runtime", ex);
		}
	}

}
