package com.backorderdesk.storefront;

import java.io.StringWriter;
import java.math.BigDecimal;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.time.format.DateTimeFormatter;
import java.util.Currency;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Collectors;

import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;

import org.jspecify.annotations.Nullable;

import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import com.backorderdesk.ShopSettings;
import com.backorderdesk.catalog.CatalogService;
import com.backorderdesk.catalog.ListedProduct;
import com.backorderdesk.catalog.Product;
import com.backorderdesk.notification.BaseUrl;
import com.backorderdesk.orders.Availability;
import com.backorderdesk.orders.Quote;
import org.springframework.http.CacheControl;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The product feed for Google Merchant Center: RSS 2.0 with the {@code g:} namespace, one
 * item per product with what a new order of one unit would get now
 * ({@link Availability}): {@code in_stock}, {@code backorder} with the
 * {@code g:availability_date} its delivery window ends on (the latest date: never promise
 * earlier than the data supports), or {@code out_of_stock} (no date, or sold out at the
 * backorder cap). Written with the JDK's StAX writer: no library does more for a flat RSS
 * file.
 * <p>
 * Google refuses an item without {@code g:image_link}, and we hold no images of our own:
 * the picture is the shop's, named by the product's {@code image} attribute (an absolute
 * http or https URL). A product without one is left out of the feed rather than listed
 * with a made-up or placeholder picture that Merchant Center would reject or, worse,
 * show.
 */
@RestController
class GoogleMerchantFeed {

	static final String NAMESPACE = "http://base.google.com/ns/1.0";

	private static final int BATCH = 200;

	private final CatalogService catalog;

	private final Availability availability;

	private final BaseUrl baseUrl;

	private final ShopSettings shop;

	GoogleMerchantFeed(CatalogService catalog, Availability availability, BaseUrl baseUrl, ShopSettings shop) {
		this.catalog = catalog;
		this.availability = availability;
		this.baseUrl = baseUrl;
		this.shop = shop;
	}

	@GetMapping(path = "/feeds/google-merchant.xml", produces = MediaType.APPLICATION_XML_VALUE)
	Mono<ResponseEntity<String>> feed() {
		return pages()
			.concatMap(
					(page) -> this.availability.quote(page.stream().map((listed) -> listed.product().sku()).toList(), 1)
						.map((quotes) -> new Batch(page, quotes)))
			.collectList()
			.map((batches) -> ResponseEntity.ok()
				.cacheControl(CacheControl.maxAge(Duration.ofMinutes(15)).cachePublic())
				.contentType(new MediaType("application", "rss+xml"))
				.body(write(batches)));
	}

	private Flux<List<ListedProduct>> pages() {
		return this.catalog.list(null, BATCH, List.of(), null, null)
			.expand((page) -> (page.size() < BATCH) ? Mono.empty()
					: this.catalog.list(page.get(page.size() - 1).product().sku(), BATCH, List.of(), null, null))
			.filter((page) -> !page.isEmpty());
	}

	private String write(List<Batch> batches) {
		StringWriter out = new StringWriter();
		try {
			XMLStreamWriter xml = XMLOutputFactory.newFactory().createXMLStreamWriter(out);
			xml.writeStartDocument("UTF-8", "1.0");
			xml.writeStartElement("rss");
			xml.writeAttribute("version", "2.0");
			xml.writeNamespace("g", NAMESPACE);
			xml.writeStartElement("channel");
			element(xml, "title", "Products");
			element(xml, "link", this.baseUrl.get() + "/products");
			element(xml, "description", "Products with what a new order gets now");
			for (Batch batch : batches) {
				for (ListedProduct listed : batch.products()) {
					Quote quote = batch.quotes().get(listed.product().sku());
					if (quote != null && imageLink(listed.product()) != null) {
						item(xml, listed.product(), quote);
					}
				}
			}
			xml.writeEndElement();
			xml.writeEndElement();
			xml.writeEndDocument();
			xml.close();
		}
		catch (XMLStreamException ex) {
			throw new IllegalStateException("Could not write the product feed", ex);
		}
		return out.toString();
	}

	private void item(XMLStreamWriter xml, Product product, Quote quote) throws XMLStreamException {
		xml.writeStartElement("item");
		google(xml, "id", product.sku());
		google(xml, "title", product.name());
		google(xml, "description", description(product));
		google(xml, "link", this.baseUrl.get() + "/products/" + product.sku());
		google(xml, "image_link", Objects.requireNonNull(imageLink(product)));
		google(xml, "price", price(product));
		google(xml, "condition", "new");
		String brand = product.attributes().get("brand");
		if (brand != null && !brand.isBlank()) {
			google(xml, "brand", brand);
		}
		google(xml, "identifier_exists", "no");
		google(xml, "product_type", product.category());
		switch (quote.status()) {
			case IN_STOCK -> google(xml, "availability", "in_stock");
			case BACKORDER -> {
				google(xml, "availability", "backorder");
				// the day the window ends, at the start of the shop's day, with its
				// offset
				google(xml, "availability_date",
						quote.eta()
							.latest()
							.atStartOfDay(this.shop.zone())
							.toOffsetDateTime()
							.format(DateTimeFormatter.ISO_OFFSET_DATE_TIME));
			}
			case NO_DATE, NOT_ORDERABLE -> google(xml, "availability", "out_of_stock");
		}
		xml.writeEndElement();
	}

	private static @Nullable String imageLink(Product product) {
		String image = product.attributes().get("image");
		if (image == null) {
			return null;
		}
		try {
			URI uri = new URI(image);
			String scheme = uri.getScheme();
			return (uri.getHost() != null && ("https".equalsIgnoreCase(scheme) || "http".equalsIgnoreCase(scheme)))
					? image : null;
		}
		catch (URISyntaxException ex) {
			return null;
		}
	}

	private static String description(Product product) {
		String attributes = product.attributes()
			.entrySet()
			.stream()
			.filter((attribute) -> !attribute.getKey().equals("image"))
			.map((attribute) -> attribute.getKey() + ": " + attribute.getValue())
			.collect(Collectors.joining(", "));
		return product.name() + " (" + product.category() + ")" + (attributes.isEmpty() ? "" : ", " + attributes);
	}

	/** Google's price format: "12.90 EUR". */
	private static String price(Product product) {
		int digits;
		try {
			digits = Math.max(0, Currency.getInstance(product.currency()).getDefaultFractionDigits());
		}
		catch (IllegalArgumentException ex) {
			// a code the JDK does not know: cents, as most currencies have
			digits = 2;
		}
		return BigDecimal.valueOf(product.priceCents(), digits).toPlainString() + " " + product.currency();
	}

	private static void element(XMLStreamWriter xml, String name, String text) throws XMLStreamException {
		xml.writeStartElement(name);
		xml.writeCharacters(text);
		xml.writeEndElement();
	}

	private static void google(XMLStreamWriter xml, String name, String text) throws XMLStreamException {
		xml.writeStartElement("g", name, NAMESPACE);
		xml.writeCharacters(text);
		xml.writeEndElement();
	}

	private record Batch(List<ListedProduct> products, Map<String, Quote> quotes) {
	}

}
