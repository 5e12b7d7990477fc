package com.backorderdesk.customer;

import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;

import com.backorderdesk.notification.BackInStockRequests;
import com.backorderdesk.InvalidValueException;
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

	private final ProductAvailability products;

	private final BackInStockRequests requests;

	ProductController(ProductAvailability products, BackInStockRequests requests) {
		this.products = products;
		this.requests = requests;
	}

	@GetMapping("/products")
	Mono<String> list(@RequestParam(name = "q", defaultValue = "") String query, Model model) {
		model.addAttribute("q", (query.length() > ProductAvailability.MAX_QUERY)
				? query.substring(0, ProductAvailability.MAX_QUERY) : query.strip());
		return this.products.search(query).map((found) -> {
			model.addAttribute("products", found);
			return "customer/products";
		});
	}

	@GetMapping("/products/{sku}")
	Mono<String> detail(@PathVariable String sku,
			@RequestParam(name = "subscribed", defaultValue = "false") boolean subscribed, Model model) {
		model.addAttribute("form", new NotifyForm(""));
		model.addAttribute("subscribed", subscribed);
		return show(sku, model);
	}

	@PostMapping("/products/{sku}/notify")
	Mono<String> notifyWhenBack(@PathVariable String sku, @ModelAttribute("form") NotifyForm form, Model model,
			ServerWebExchange exchange) {
		return product(sku)
			.flatMap((product) -> this.requests.request(product.sku(), form.emailOrEmpty())
				.thenReturn("redirect:/products/" + product.sku() + "?subscribed=true"))
			.onErrorResume(InvalidValueException.class, (ex) -> {
				exchange.getResponse().setStatusCode(HttpStatus.UNPROCESSABLE_CONTENT);
				model.addAttribute("emailError", ex.getMessage());
				model.addAttribute("subscribed", false);
				return show(sku, model);
			});
	}

	private Mono<String> show(String sku, Model model) {
		return product(sku).map((product) -> {
			model.addAttribute("product", product);
			return DETAIL;
		});
	}

	private Mono<ProductAvailability.Available> product(String sku) {
		return this.products.find(sku)
			.switchIfEmpty(Mono.error(() -> new ResponseStatusException(HttpStatus.NOT_FOUND, "No such product")));
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
