package com.backorderdesk.staff;

import java.util.List;
import java.util.Locale;
import java.util.function.BiFunction;

import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;
import reactor.test.StepVerifier;

import com.backorderdesk.language.Languages;
import org.springframework.context.MessageSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The staff lists' pager: what a {@code page} parameter reads as, whatever is sent, and
 * the places and links of a page.
 */
class PagerTests {

	@Test
	void whenThePageParameterIsJunkThenItReadsAsAPageFromOneToTheMost() {
		for (String junk : new String[] { null, "", " ", "-1", "0", "000", "abc", "1e3", "2.5", "0x10", "٢", "+", "%",
				"1 2" }) {
			assertThat(Pager.requested(junk)).as(junk).isEqualTo(1);
		}
		assertThat(Pager.requested(" 7 ")).isEqualTo(7);
		assertThat(Pager.requested("+3")).isEqualTo(3);
		assertThat(Pager.requested("0012")).isEqualTo(12);
		assertThat(Pager.requested("100000")).isEqualTo(Pager.MAX_PAGE);
		assertThat(Pager.requested("100001")).isEqualTo(Pager.MAX_PAGE);
		assertThat(Pager.requested("2147483648")).isEqualTo(Pager.MAX_PAGE);
		assertThat(Pager.requested("1" + "0".repeat(30))).isEqualTo(Pager.MAX_PAGE);
		assertThat(Pager.requested("1" + "0".repeat(100))).isEqualTo(Pager.MAX_PAGE);
	}

	@Test
	void whenAPageIsPastTheEndThenTheLastIsShownAndAnEmptyListHasOnePage() {
		assertThat(Pager.clamp(Pager.MAX_PAGE, 312, 25)).isEqualTo(13);
		assertThat(Pager.clamp(3, 0, 25)).isEqualTo(1);
		assertThat(Pager.clamp(2, 26, 25)).isEqualTo(2);
		assertThat(Pager.offset(Pager.MAX_PAGE, 25)).isEqualTo(2_499_975L);
	}

	@Test
	void whenAListIsLoadedPastItsLastPageThenTheLastIsLoadedWithTheTotal() {
		Pager.PageLoader<String> load = (page, total) -> Mono.just(page + " of " + total);
		StepVerifier.create(Pager.load(Pager.MAX_PAGE, 25, Mono.just(26L), load))
			.expectNext("2 of 26")
			.verifyComplete();
		StepVerifier.create(Pager.load(3, 25, Mono.just(0L), load)).expectNext("1 of 0").verifyComplete();
		StepVerifier.create(Pager.load(2, 25, Mono.just(312L), load)).expectNext("2 of 312").verifyComplete();
	}

	@Test
	void whenAPageHoldsOneItemThenTheListsCountSaysItsPlaceOnce() {
		MessageSource messages = Languages.messages("i18n/staff-restocks", "i18n/staff-substitutions");
		BiFunction<String, Pager, String> count = (code, pager) -> messages.getMessage(code,
				new Object[] { pager.first(), pager.last(), pager.total(), pager.shown() }, Locale.ENGLISH);
		Pager lastAlone = Pager.of(2, 26, 25, (n) -> "/list");
		assertThat(lastAlone.shown()).isEqualTo(1);
		assertThat(count.apply("staff.restocks.count", lastAlone)).isEqualTo("26 of 26 restocks, soonest first");
		assertThat(count.apply("staff.substitutions.queue.count", Pager.of(2, 11, 10, (n) -> "/list")))
			.isEqualTo("11 of 11 items, most units waiting first");
		assertThat(count.apply("staff.restocks.count", Pager.of(1, 26, 25, (n) -> "/list")))
			.isEqualTo("1–25 of 26 restocks, soonest first");
		assertThat(count.apply("staff.restocks.count", Pager.of(81, 2026, 25, (n) -> "/list")))
			.isEqualTo("2,001–2,025 of 2,026 restocks, soonest first");
		assertThat(count.apply("staff.restocks.count", Pager.of(1, 1, 25, (n) -> "/list")))
			.isEqualTo("1 restock, soonest first");
		assertThat(count.apply("staff.substitutions.queue.count", Pager.of(1, 0, 10, (n) -> "/list")))
			.isEqualTo("No items, most units waiting first");
	}

	@Test
	void whenAMiddlePageIsShownThenItLinksTheEndsAndTwoEitherSideWithGaps() {
		Pager pager = Pager.of(7, 312, 25, (n) -> "/list?page=" + n);
		assertThat(pager.page()).isEqualTo(7);
		assertThat(pager.pages()).isEqualTo(13);
		assertThat(pager.first()).isEqualTo(151);
		assertThat(pager.last()).isEqualTo(175);
		assertThat(pager.previous()).isEqualTo("/list?page=6");
		assertThat(pager.next()).isEqualTo("/list?page=8");
		assertThat(pager.links().stream().map(Pager.Link::page).toList())
			.isEqualTo(List.of(1, 0, 5, 6, 7, 8, 9, 0, 13));
		assertThat(pager.links().stream().filter(Pager.Link::current).map(Pager.Link::url).toList())
			.containsExactly("/list?page=7");
	}

	@Test
	void whenTheLastPageIsShownThenItCountsItsFewRowsAndHasNoNext() {
		Pager pager = Pager.of(13, 312, 25, (n) -> "/list?page=" + n);
		assertThat(pager.first()).isEqualTo(301);
		assertThat(pager.last()).isEqualTo(312);
		assertThat(pager.next()).isNull();
		Pager empty = Pager.of(1, 0, 25, (n) -> "/list");
		assertThat(empty.pages()).isEqualTo(1);
		assertThat(empty.first()).isZero();
		assertThat(empty.last()).isZero();
		assertThat(empty.previous()).isNull();
		assertThat(empty.next()).isNull();
	}

}
