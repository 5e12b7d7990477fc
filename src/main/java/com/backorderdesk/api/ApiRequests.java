package com.backorderdesk.api;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.PositiveOrZero;
import jakarta.validation.constraints.Size;
import org.jspecify.annotations.Nullable;

import com.backorderdesk.inventory.RestockStatus;

/**
 * Request bodies of the API. Every field is nullable at the Java level so that a missing
 * field becomes a validation message naming it rather than a decoding failure.
 */
final class ApiRequests {

	static final String IDENTIFIER = "[A-Za-z0-9][A-Za-z0-9._-]{0,63}";

	static final String IDENTIFIER_MESSAGE = "must be 1-64 letters, digits, '.', '_' or '-', starting with a letter or digit";

	private ApiRequests() {
	}

	record ProductBody(@NotBlank @Size(max = 200) @Nullable String name,
			@NotBlank @Size(max = 100) @Nullable String category,
			@Nullable Map<@NotBlank @Size(max = 100) String, @NotNull @Size(max = 500) String> attributes,
			@NotNull @PositiveOrZero @Nullable Long priceCents, @NotNull @Pattern(regexp = "[A-Z]{3}",
					message = "must be an ISO 4217 code such as EUR") @Nullable String currency) {
	}

	record StockBody(@NotNull @PositiveOrZero @Max(1_000_000_000) @Nullable Integer onHand) {
	}

	record NewRestockBody(@NotBlank @Pattern(regexp = IDENTIFIER, message = IDENTIFIER_MESSAGE) @Nullable String sku,
			@NotBlank @Size(max = 200) @Nullable String supplier,
			@NotNull @Positive @Max(1_000_000_000) @Nullable Integer quantity,
			@NotNull @Nullable LocalDate expectedOn) {
	}

	record RestockPatchBody(@Nullable LocalDate expectedOn, @Positive @Max(1_000_000_000) @Nullable Integer quantity,
			@Nullable RestockStatus status, @PositiveOrZero @Nullable Long version) {
	}

	record OrderBody(@NotBlank @Pattern(regexp = IDENTIFIER, message = IDENTIFIER_MESSAGE) @Nullable String number,
			@NotNull @Valid @Nullable Customer customer,
			@NotEmpty @Size(max = 200) @Nullable List<@NotNull @Valid LineBody> lines) {
	}

	record Customer(@NotBlank @Email @Size(max = 254) @Nullable String email,
			@NotBlank @Size(max = 200) @Nullable String name) {
	}

	record ShipmentBody(
			@NotBlank @Pattern(regexp = IDENTIFIER, message = IDENTIFIER_MESSAGE) @Nullable String shipmentId,
			@NotEmpty @Size(max = 200) @Nullable List<@NotNull @Valid LineBody> lines) {
	}

	record LineBody(@NotBlank @Pattern(regexp = IDENTIFIER, message = IDENTIFIER_MESSAGE) @Nullable String sku,
			@NotNull @Positive @Max(100_000) @Nullable Integer quantity) {
	}

}
