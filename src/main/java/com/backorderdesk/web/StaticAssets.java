package com.backorderdesk.web;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;

import org.springframework.cache.concurrent.ConcurrentMapCache;
import org.springframework.core.Ordered;
import org.springframework.core.io.ByteArrayResource;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.server.PathContainer;
import org.springframework.util.DigestUtils;
import org.springframework.web.reactive.HandlerMapping;
import org.springframework.web.reactive.resource.AbstractResourceResolver;
import org.springframework.web.reactive.resource.CachingResourceResolver;
import org.springframework.web.reactive.resource.ContentVersionStrategy;
import org.springframework.web.reactive.resource.ResourceResolverChain;
import org.springframework.web.reactive.resource.ResourceWebHandler;
import org.springframework.web.reactive.resource.VersionResourceResolver;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import org.springframework.web.util.pattern.PathPattern;
import org.springframework.web.util.pattern.PathPatternParser;

/**
 * Serves our CSS, JavaScript and icons, the storefront widget ({@value #WIDGET}) and the
 * API's documentation page (Swagger UI at {@value #DOCS}) before the security filter
 * chain, which has nothing to decide about them, from memory, with content-hashed URLs
 * that browsers may keep for a year.
 *
 * <p>
 * Spring's resource chain does the work: {@link VersionResourceResolver} with the content
 * strategy ({@code /css/app-<md5>.css}), behind its {@link CachingResourceResolver}. The
 * files are read from the jar once, at start-up, so a request never goes through the
 * class loader's nested-jar lookup. Pages link {@code @{/css/app.css}}; the URL
 * transformer this filter puts on every exchange turns that into the hashed URL. A URL
 * without a hash still works, but is revalidated ({@code no-cache}).
 */
class StaticAssets implements WebFilter, Ordered {

	/** Before Spring Security's filter chain (-100). */
	static final int ORDER = -200;

	/**
	 * Swagger UI, the API's documentation page (its description is
	 * {@code /api/openapi.json}).
	 */
	static final String DOCS = "/api/docs";

	private static final List<String> PREFIXES = List.of("/css/", "/js/", DOCS + "/");

	/**
	 * The files of Swagger UI's distribution that its page loads; our initializer
	 * replaces its own.
	 */
	private static final List<String> SWAGGER_UI = List.of("index.html", "index.css", "swagger-ui.css",
			"swagger-ui-bundle.js", "swagger-ui-standalone-preset.js", "favicon-16x16.png", "favicon-32x32.png");

	/**
	 * The storefront widget: pasted into other sites under this name, so it cannot carry
	 * a hash. A day in every cache, and a week more while it revalidates.
	 */
	static final String WIDGET = "/widget.js";

	private static final String WIDGET_CACHE = CacheControl.maxAge(Duration.ofDays(1))
		.cachePublic()
		.staleWhileRevalidate(Duration.ofDays(7))
		.getHeaderValue();

	/** {@code /favicon.ico}, {@code /favicon.svg} and their hashed names. */
	private static final String ICONS = "/favicon";

	private static final String IMMUTABLE = CacheControl.maxAge(Duration.ofDays(365))
		.cachePublic()
		.immutable()
		.getHeaderValue();

	/** What the resource handler would have been mapped to. */
	private static final PathPattern ANY = PathPatternParser.defaultInstance.parse("/**");

	private final ResourceWebHandler handler;

	/** {@code /css/app.css} to {@code /css/app-<md5>.css}. */
	private final Map<String, String> versioned;

	private final Function<String, String> transformer;

	private StaticAssets(ResourceWebHandler handler, Map<String, String> versioned) {
		this.handler = handler;
		this.versioned = Map.copyOf(versioned);
		this.transformer = (url) -> this.versioned.getOrDefault(url, url);
	}

	/**
	 * Reads every file under {@code classpath:static/}.
	 * @return the filter
	 */
	static StaticAssets load() {
		Map<String, Asset> assets = new HashMap<>();
		Map<String, String> versioned = new HashMap<>();
		ContentVersionStrategy strategy = new ContentVersionStrategy();
		try {
			// Swagger UI from its WebJar (the version springdoc manages), read once like
			// our own
			// files: a jar read on a request would block the event loop
			for (Resource file : new PathMatchingResourcePatternResolver()
				.getResources("classpath*:META-INF/resources/webjars/swagger-ui/*/*.*")) {
				String name = file.getFilename();
				if (name != null && SWAGGER_UI.contains(name)) {
					String path = DOCS.substring(1) + "/" + name;
					assets.put(path, new Asset(file.getContentAsByteArray(), path));
				}
			}
			Resource root = new PathMatchingResourcePatternResolver().getResource("classpath:static/");
			String rootUrl = root.getURL().toString();
			for (Resource file : new PathMatchingResourcePatternResolver().getResources("classpath:static/**/*.*")) {
				String path = file.getURL().toString().substring(rootUrl.length());
				byte[] content = file.getContentAsByteArray();
				assets.put(path, new Asset(content, path));
				// the same digest as the content strategy's, which checks requests
				versioned.put("/" + path, "/" + strategy.addVersion(path, DigestUtils.md5DigestAsHex(content)));
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Could not read the static assets", ex);
		}
		ResourceWebHandler handler = new ResourceWebHandler();
		VersionResourceResolver versions = new VersionResourceResolver().addVersionStrategy(strategy, "/**");
		handler.setResourceResolvers(
				List.of(new CachingResourceResolver(new ConcurrentMapCache("assets")), versions, new InMemory(assets)));
		handler.setLocations(List.of(new ByteArrayResource(new byte[0], "static assets in memory")));
		handler.setCacheControl(CacheControl.noCache());
		handler.setUseLastModified(false);
		try {
			handler.afterPropertiesSet();
		}
		catch (Exception ex) {
			throw new IllegalStateException(ex);
		}
		return new StaticAssets(handler, versioned);
	}

	@Override
	public int getOrder() {
		return ORDER;
	}

	/**
	 * The hashed URL of an asset.
	 * @param url the asset's URL, such as {@code /css/app.css}
	 * @return the hashed URL, or the URL itself when it names no asset
	 */
	String versioned(String url) {
		return this.transformer.apply(url);
	}

	@Override
	public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
		String path = exchange.getRequest().getPath().pathWithinApplication().value();
		HttpMethod method = exchange.getRequest().getMethod();
		boolean read = method == HttpMethod.GET || method == HttpMethod.HEAD;
		if (read && (path.equals(DOCS) || path.equals(DOCS + "/"))) {
			exchange.getResponse().setStatusCode(HttpStatus.FOUND);
			exchange.getResponse().getHeaders().setLocation(URI.create(DOCS + "/index.html"));
			return exchange.getResponse().setComplete();
		}
		if (read && isAsset(path)) {
			exchange.getAttributes().put(HandlerMapping.BEST_MATCHING_PATTERN_ATTRIBUTE, ANY);
			exchange.getAttributes()
				.put(HandlerMapping.PATH_WITHIN_HANDLER_MAPPING_ATTRIBUTE, PathContainer.parsePath(path.substring(1)));
			HttpHeaders headers = exchange.getResponse().getHeaders();
			headers.set("X-Content-Type-Options", "nosniff");
			if (path.equals(WIDGET)) {
				exchange.getResponse().beforeCommit(() -> {
					headers.setCacheControl(WIDGET_CACHE);
					return Mono.empty();
				});
			}
			else if (!this.versioned.containsKey(path)) {
				// a hashed name: the content behind it never changes
				exchange.getResponse().beforeCommit(() -> {
					if (exchange.getResponse().getStatusCode() != null
							&& exchange.getResponse().getStatusCode().is2xxSuccessful()) {
						headers.setCacheControl(IMMUTABLE);
					}
					return Mono.empty();
				});
			}
			return this.handler.handle(exchange);
		}
		exchange.addUrlTransformer(this.transformer);
		return chain.filter(exchange);
	}

	private static boolean isAsset(String path) {
		if (path.equals(WIDGET)) {
			return true;
		}
		for (String prefix : PREFIXES) {
			if (path.startsWith(prefix)) {
				return true;
			}
		}
		// the icons, at the root where browsers look for /favicon.ico
		return path.startsWith(ICONS) && path.indexOf('/', 1) < 0;
	}

	/** A file's content, kept in memory under its name for the media type. */
	private static final class Asset extends ByteArrayResource {

		private final String path;

		Asset(byte[] content, String path) {
			super(content, path);
			this.path = path;
		}

		@Override
		public String getFilename() {
			return this.path.substring(this.path.lastIndexOf('/') + 1);
		}

		@Override
		public boolean equals(@Nullable Object other) {
			return other instanceof Asset asset && asset.path.equals(this.path);
		}

		@Override
		public int hashCode() {
			return this.path.hashCode();
		}

	}

	/** Finds a file among those read at start-up. */
	private static final class InMemory extends AbstractResourceResolver {

		private final Map<String, Asset> assets;

		InMemory(Map<String, Asset> assets) {
			this.assets = assets;
		}

		@Override
		protected Mono<Resource> resolveResourceInternal(@Nullable ServerWebExchange exchange, String requestPath,
				List<? extends Resource> locations, ResourceResolverChain chain) {
			return Mono.justOrEmpty(this.assets.get(requestPath));
		}

		@Override
		protected Mono<String> resolveUrlPathInternal(String resourceUrlPath, List<? extends Resource> locations,
				ResourceResolverChain chain) {
			return this.assets.containsKey(resourceUrlPath) ? Mono.just(resourceUrlPath) : Mono.empty();
		}

	}

}
