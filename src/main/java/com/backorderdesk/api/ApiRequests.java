package com.backorderdesk.api;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.PositiveOrZero;
import jakarta.validation.constraints.Size;
import org.jspecify.annotations.Nullable;

import com.backorderdesk.InputRules;
import com.backorderdesk.catalog.BackorderCap;
import com.backorderdesk.inventory.RestockStatus;
import com.backorderdesk.orders.OrderPriority;
import com.backorderdesk.orders.ShipPreference;

/**
 * Request bodies of the API. Every field is nullable at the Java level so that a missing
 * field becomes a validation message naming it rather than a decoding failure. The
 * annotations report every field that is missing or out of bounds at once; the services
 * check the same bounds ({@link InputRules}) for every entry point, and the rules that
 * depend on what is stored.
 */
final class ApiRequests {

	static final String IDENTIFIER = InputRules.IDENTIFIER;

	static final String IDENTIFIER_MESSAGE = "must be 1-64 letters, digits, '.', '_' or '-', starting with a letter or digit";

	private ApiRequests() {
	}

	record ProductBody(@NotBlank @Size(max = 200) @Nullable String name,
			@NotBlank @Size(max = 100) @Nullable String category,
			@Size(max = InputRules.MAX_ATTRIBUTES) @Nullable Map<@NotBlank @Size(max = 100) String, @NotNull @Size(
					max = 500) String> attributes,
			@NotNull @PositiveOrZero @Max(InputRules.MAX_CENTS) @Nullable Long priceCents,
			@NotNull @Pattern(regexp = "[A-Z]{3}",
					message = "must be an ISO 4217 code such as EUR") @Nullable String currency,
			@Schema(description = "How much may be ordered beyond stock; ALLOW when left out") BackorderCap.@Nullable Policy backorders,
			@Schema(description = "For LIMITED: units without a date all open orders may have together, beyond planned supply") @PositiveOrZero @Max(InputRules.MAX_LINE_QUANTITY) @Nullable Integer backorderLimit) {
	}

	record StockBody(@NotNull @PositiveOrZero @Max(InputRules.MAX_ON_HAND) @Nullable Integer onHand) {
	}

	record NewRestockBody(@NotBlank @Pattern(regexp = IDENTIFIER, message = IDENTIFIER_MESSAGE) @Nullable String sku,
			@NotBlank @Size(max = 200) @Nullable String supplier,
			@NotNull @Positive @Max(InputRules.MAX_RESTOCK_QUANTITY) @Nullable Integer quantity,
			@NotNull @Nullable LocalDate expectedOn) {
	}

	record RestockPatchBody(@Nullable LocalDate expectedOn,
			@Positive @Max(InputRules.MAX_RESTOCK_QUANTITY) @Nullable Integer quantity, @Nullable RestockStatus status,
			@PositiveOrZero @Nullable Long version) {
	}

	record OrderBody(@NotBlank @Pattern(regexp = IDENTIFIER, message = IDENTIFIER_MESSAGE) @Nullable String number,
			@NotNull @Valid @Nullable Customer customer,
			@NotEmpty @Size(max = InputRules.MAX_LINES) @Nullable List<@NotNull @Valid OrderLineBody> lines,
			@Schema(description = "How soon the order is served among orders waiting for the same SKU; NORMAL when left out") @Nullable OrderPriority priority,
			@Schema(description = "The customer's language, a BCP 47 tag ('de', 'en-GB'); pages and e-mails are written in it when the shop writes it") @Size(
					max = 35) @Nullable String locale,
			@Schema(description = "SHIP_COMPLETE when the customer chose at checkout to have everything shipped together "
					+ "(a shipment that splits the order is then refused unless overridden); SHIP_WHEN_READY, the "
					+ "default, ships what is ready. The customer can change it later on the order page") @Nullable ShipPreference shipPreference) {
	}

	/**
	 * An ordered line; without a price, the product's price now is what a refund gives
	 * back.
	 */
	record OrderLineBody(@NotBlank @Pattern(regexp = IDENTIFIER, message = IDENTIFIER_MESSAGE) @Nullable String sku,
			@NotNull @Positive @Max(InputRules.MAX_LINE_QUANTITY) @Nullable Integer quantity,
			@Schema(description = "The price paid per unit, in cents; a refund gives this back") @PositiveOrZero @Max(InputRules.MAX_CENTS) @Nullable Long unitPriceCents) {
	}

	/**
	 * The customer; the address is checked as the mailer will parse it.
	 */
	record Customer(@NotBlank @MailAddress @Nullable String email, @NotBlank @Size(max = 200) @Nullable String name) {
	}

	/**
	 * A shipment; the tracking fields are optional, and a shipment that would split an
	 * order its customer wants shipped complete needs {@code overrideShipPreference}.
	 */
	record ShipmentBody(
			@NotBlank @Pattern(regexp = IDENTIFIER, message = IDENTIFIER_MESSAGE) @Nullable String shipmentId,
			@NotEmpty @Size(max = InputRules.MAX_LINES) @Nullable List<@NotNull @Valid LineBody> lines,
			@Schema(description = "Who carries it, e.g. DHL") @Size(min = 1, max = 100) @Nullable String carrier,
			@Schema(description = "The carrier's number for the parcel") @Size(min = 1,
					max = 100) @Nullable String trackingNumber,
			@Schema(description = "Where the customer follows the parcel: an absolute https or http address",
					format = "uri") @Size(max = 2000) @Nullable String trackingUrl,
			@Schema(description = "true ships it even when it splits an order whose customer chose to ship "
					+ "everything together (SHIP_COMPLETE); audited") @Nullable Boolean overrideShipPreference) {
	}

	record LineBody(@NotBlank @Pattern(regexp = IDENTIFIER, message = IDENTIFIER_MESSAGE) @Nullable String sku,
			@NotNull @Positive @Max(InputRules.MAX_LINE_QUANTITY) @Nullable Integer quantity) {
	}

}
