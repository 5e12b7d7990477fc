package com.backorderdesk.customer;

import java.util.Locale;

import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;

import com.backorderdesk.notification.BackInStockRequests;
import com.backorderdesk.InvalidValueException;
import com.backorderdesk.orders.LineWording;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.server.ServerWebExchange;

/**
 * Product availability as a shopper sees it, and the "tell me when it's back" form.
 */
@Controller
class ProductController {

	private static final String DETAIL = "customer/product";

	/** Far beyond any catalogue's last page; keeps the offset small. */
	private static final int MAX_PAGE = 10_000;

	private final ProductAvailability products;

	private final BackInStockRequests requests;

	ProductController(ProductAvailability products, BackInStockRequests requests) {
		this.products = products;
		this.requests = requests;
	}

	@GetMapping("/products")
	Mono<String> list(@RequestParam(name = "q", defaultValue = "") String query,
			@RequestParam(name = "page", defaultValue = "1") String page, Model model, ServerWebExchange exchange) {
		model.addAttribute("q", (query.length() > ProductAvailability.MAX_QUERY)
				? query.substring(0, ProductAvailability.MAX_QUERY) : query.strip());
		return this.products.search(query, pageNumber(page), locale(exchange)).map((found) -> {
			model.addAttribute("found", found);
			model.addAttribute("products", found.products());
			return "customer/products";
		});
	}

	/** A page number as asked; anything that is not one shows the first page. */
	private static int pageNumber(String page) {
		try {
			return Math.max(1, Math.min(MAX_PAGE, Integer.parseInt(page.strip())));
		}
		catch (NumberFormatException ex) {
			return 1;
		}
	}

	@GetMapping("/products/{sku}")
	Mono<String> detail(@PathVariable String sku,
			@RequestParam(name = "subscribed", defaultValue = "false") boolean subscribed, Model model,
			ServerWebExchange exchange) {
		model.addAttribute("form", new NotifyForm(""));
		model.addAttribute("subscribed", subscribed);
		return show(sku, model, exchange);
	}

	/**
	 * Records a request and answers with the product page, where the form has become the
	 * confirmation (focused, so a screen reader reads it). The address has no
	 * {@code #notify}: a browser does not autofocus on a page opened at a fragment.
	 */
	@PostMapping("/products/{sku}/notify")
	Mono<String> notifyWhenBack(@PathVariable String sku, @ModelAttribute("form") NotifyForm form, Model model,
			ServerWebExchange exchange) {
		return product(sku, exchange)
			.flatMap((product) -> this.requests.request(product.sku(), form.emailOrEmpty(), locale(exchange))
				.thenReturn("redirect:/products/" + product.sku() + "?subscribed=true"))
			.onErrorResume(InvalidValueException.class, (ex) -> {
				exchange.getResponse().setStatusCode(HttpStatus.UNPROCESSABLE_CONTENT);
				model.addAttribute("emailError", ex.getMessage());
				model.addAttribute("subscribed", false);
				return show(sku, model, exchange);
			});
	}

	private Mono<String> show(String sku, Model model, ServerWebExchange exchange) {
		return product(sku, exchange).map((product) -> {
			model.addAttribute("product", product);
			return DETAIL;
		});
	}

	private Mono<ProductAvailability.Available> product(String sku, ServerWebExchange exchange) {
		return this.products.find(sku, locale(exchange))
			.switchIfEmpty(Mono.error(() -> new ResponseStatusException(HttpStatus.NOT_FOUND, "No such product")));
	}

	private static Locale locale(ServerWebExchange exchange) {
		return LineWording.orEnglish(exchange.getLocaleContext().getLocale());
	}

	/**
	 * The back-in-stock form.
	 *
	 * @param email the address to tell
	 */
	record NotifyForm(@Nullable String email) {

		String emailOrEmpty() {
			return (this.email != null) ? this.email : "";
		}

	}

}
