package com.backorderdesk.embedded;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

import org.springframework.boot.SpringApplication;

/**
 * The embedded servers of this JVM, one per data folder, shared by every application
 * context that asks for the same folder (a parent and its child, a restarted context) and
 * stopped when the last of them lets go.
 */
final class SharedEmbeddedPostgres {

	private static final Map<Path, Shared> servers = new HashMap<>();

	private SharedEmbeddedPostgres() {
	}

	static synchronized Lease acquire(EmbeddedPostgres.Settings settings) {
		Path key = settings.dataDirectory().toAbsolutePath().normalize();
		Shared shared = servers.get(key);
		if (shared == null || !shared.postgres.isRunning()) {
			shared = new Shared(EmbeddedPostgres.start(settings, SpringApplication.getShutdownHandlers()));
			servers.put(key, shared);
		}
		shared.leases++;
		return new Lease(key, shared.postgres);
	}

	private static synchronized void release(Path key, EmbeddedPostgres postgres) {
		Shared shared = servers.get(key);
		if (shared != null && shared.postgres == postgres && --shared.leases == 0) {
			servers.remove(key);
			postgres.close();
		}
	}

	private static final class Shared {

		private final EmbeddedPostgres postgres;

		private int leases;

		private Shared(EmbeddedPostgres postgres) {
			this.postgres = postgres;
		}

	}

	/**
	 * One context's use of a shared server.
	 */
	static final class Lease implements AutoCloseable {

		private final Path key;

		private final EmbeddedPostgres postgres;

		private boolean released;

		private Lease(Path key, EmbeddedPostgres postgres) {
			this.key = key;
			this.postgres = postgres;
		}

		EmbeddedPostgres postgres() {
			return this.postgres;
		}

		@Override
		public synchronized void close() {
			if (!this.released) {
				this.released = true;
				release(this.key, this.postgres);
			}
		}

	}

}
