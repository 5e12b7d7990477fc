package com.backorderdesk.inventory;

import org.junit.jupiter.api.Test;

import com.backorderdesk.InvalidInputException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * A planner's note for customers (a restock edit, a bulk shift) is held to the shop's
 * rule for text over several lines, as every other note is: it reaches customers' pages
 * and e-mails.
 */
class CustomerNoteTests {

	@Test
	void aBlankNoteIsNoNoteAndAKeptNoteIsStrippedWithItsLineBreaks() {
		assertThat(InventoryService.customerNote(null)).isNull();
		assertThat(InventoryService.customerNote(" \n\t ")).isNull();
		assertThat(InventoryService.customerNote("  The port is closed.\nTea \ud83c\udf75 "))
			.isEqualTo("The port is closed.\nTea \ud83c\udf75");
		assertThat(InventoryService
			.customerNote("\u05d4\u05de\u05e9\u05dc\u05d5\u05d7 \u05de\u05ea\u05e2\u05db\u05d1\u200f"))
			.endsWith("\u200f");
	}

	@Test
	void aNoteMayNotTurnTheDirectionOfWhatFollowsNorHoldHalfACharacterOrAControlCharacter() {
		for (String bad : new String[] { "Delayed \u202eecnarf morf", "a\u2066b\u2069", "Tea \ud83c", "a\u0000b",
				"x".repeat(InventoryService.NOTE_LIMIT + 1) }) {
			assertThatExceptionOfType(InvalidInputException.class).as(bad)
				.isThrownBy(() -> InventoryService.customerNote(bad))
				.satisfies((ex) -> assertThat(ex.getField()).isEqualTo("note"));
		}
	}

}
