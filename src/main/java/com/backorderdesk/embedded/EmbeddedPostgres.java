package com.backorderdesk.embedded;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

import org.postgresql.Driver;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.boot.SpringApplicationShutdownHandlers;
import org.springframework.util.Assert;
import org.springframework.util.FileSystemUtils;

/**
 * A real PostgreSQL server, run from the binaries on the class path, with its data in a
 * folder that survives restarts. Serves the no-setup mode and tests on machines without
 * Docker.
 * <p>
 * The server is a child process that listens on 127.0.0.1 only. While it runs, a lock on
 * the data folder keeps a second Backorder Desk off the same files, and a shutdown hook
 * stops the server should the JVM exit before {@link #close()} is called. A server left
 * running by a killed JVM is stopped at the next start.
 */
public final class EmbeddedPostgres implements AutoCloseable {

	private static final Logger logger = LoggerFactory.getLogger(EmbeddedPostgres.class);

	private static final String HOST = "127.0.0.1";

	private static final Duration START_TIMEOUT = Duration.ofSeconds(60);

	private static final int PORT_ATTEMPTS = 3;

	private final Settings settings;

	private final Path dataDirectory;

	private final PostgresCluster cluster;

	private final DataFolderLock lock;

	private final Process process;

	private final ProcessHandle postmaster;

	private final int port;

	private final SpringApplicationShutdownHandlers shutdownHandlers;

	private final Runnable stopAtExit;

	private boolean running = true;

	private EmbeddedPostgres(Settings settings, Path dataDirectory, PostgresCluster cluster, DataFolderLock lock,
			Process process, int port, SpringApplicationShutdownHandlers shutdownHandlers) {
		this.settings = settings;
		this.dataDirectory = dataDirectory;
		this.cluster = cluster;
		this.lock = lock;
		this.process = process;
		// With runuser in between, the child process is not the server itself
		this.postmaster = cluster.postmasterPid()
			.stream()
			.boxed()
			.findFirst()
			.flatMap(ProcessHandle::of)
			.orElse(process.toHandle());
		this.port = port;
		this.shutdownHandlers = shutdownHandlers;
		this.stopAtExit = this::close;
		shutdownHandlers.add(this.stopAtExit);
	}

	/**
	 * Starts a server on the given data folder, creating the database cluster and the
	 * database on first use. Blocks until the server accepts connections.
	 * @param settings where and how to run
	 * @return the running server, to be closed when no longer needed
	 * @throws EmbeddedPostgresException if the server cannot start, for example because
	 * another Backorder Desk uses the data folder
	 */
	public static EmbeddedPostgres start(Settings settings) {
		return start(settings, JvmShutdownHooks.instance);
	}

	/**
	 * Starts a server that stops through the given shutdown handlers should the JVM exit
	 * while it runs. In an application, Spring Boot's handlers run after the application
	 * contexts have closed, so the server outlives the requests that graceful shutdown
	 * lets finish; a plain JVM shutdown hook would race them.
	 */
	static EmbeddedPostgres start(Settings settings, SpringApplicationShutdownHandlers shutdownHandlers) {
		PostgresBinaries binaries = PostgresBinaries.unpack();
		ServerAccount account = ServerAccount.forThisProcess();
		Path dataDirectory = createDataDirectory(settings.dataDirectory(), account);
		DataFolderLock lock = DataFolderLock.acquire(dataDirectory);
		try {
			account.checkCanEnter(binaries.home(), "java.io.tmpdir");
			account.checkCanEnter(dataDirectory, "backorder.embedded.data-dir");
			PostgresCluster cluster = new PostgresCluster(binaries, account, dataDirectory);
			cluster.stopOrphan();
			if (!cluster.isInitialized()) {
				cluster.initialize(settings.username(), settings.password());
			}
			cluster.prepare();
			return launch(settings, dataDirectory, cluster, lock, shutdownHandlers);
		}
		catch (RuntimeException ex) {
			lock.close();
			throw ex;
		}
	}

	/**
	 * Deletes a data folder, unless a running Backorder Desk uses it. A server a killed
	 * JVM left running on it is stopped first.
	 * @param dataDirectory the data folder
	 * @return whether the folder is gone
	 */
	public static boolean deleteIfUnused(Path dataDirectory) {
		if (!Files.isDirectory(dataDirectory)) {
			return true;
		}
		Path folder = realPath(dataDirectory);
		DataFolderLock lock;
		try {
			lock = DataFolderLock.acquire(folder);
		}
		catch (EmbeddedPostgresException ex) {
			return false;
		}
		try (lock) {
			new PostgresCluster(PostgresBinaries.unpack(), ServerAccount.forThisProcess(), folder).stopOrphan();
		}
		try {
			return FileSystemUtils.deleteRecursively(folder);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	public int port() {
		return this.port;
	}

	/**
	 * The data folder: the database cluster is in its {@code pgdata} folder, beside the
	 * server log {@code postgresql.log}.
	 * @return the data folder as an absolute path
	 */
	public Path dataDirectory() {
		return this.dataDirectory;
	}

	public String database() {
		return this.settings.database();
	}

	public String username() {
		return this.settings.username();
	}

	public String password() {
		return this.settings.password();
	}

	public String jdbcUrl() {
		return "jdbc:postgresql://" + HOST + ":" + this.port + "/" + this.settings.database();
	}

	public String r2dbcUrl() {
		return "r2dbc:postgresql://" + HOST + ":" + this.port + "/" + this.settings.database();
	}

	/**
	 * The process id of the server's main process (the postmaster).
	 * @return the process id
	 */
	public long pid() {
		return this.postmaster.pid();
	}

	public synchronized boolean isRunning() {
		return this.running;
	}

	/**
	 * Stops the server (fast shutdown: open sessions are ended) and waits until it has
	 * exited, then releases the data folder. Does nothing when already stopped.
	 */
	@Override
	public synchronized void close() {
		if (!this.running) {
			return;
		}
		this.running = false;
		try {
			this.cluster.stop(this.postmaster);
			if (!this.process.waitFor(PostgresCluster.STOP_TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
				this.process.destroyForcibly();
			}
			logger.info("Stopped embedded PostgreSQL on port {} ({})", this.port, this.dataDirectory);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
		finally {
			this.lock.close();
			try {
				this.shutdownHandlers.remove(this.stopAtExit);
			}
			catch (IllegalStateException ex) {
				// The JVM is shutting down: the handler has run or is running now
			}
		}
	}

	@Override
	public String toString() {
		return "EmbeddedPostgres[" + HOST + ":" + this.port + ", " + this.dataDirectory + "]";
	}

	private static EmbeddedPostgres launch(Settings settings, Path dataDirectory, PostgresCluster cluster,
			DataFolderLock lock, SpringApplicationShutdownHandlers shutdownHandlers) {
		for (int attempt = 1;; attempt++) {
			int port = (settings.port() != 0) ? settings.port() : freePort();
			Process process = cluster.launch(port, settings.serverSettings());
			try {
				awaitConnections(settings, cluster, process, port);
				createDatabase(settings, port);
				return new EmbeddedPostgres(settings, dataDirectory, cluster, lock, process, port, shutdownHandlers);
			}
			catch (PortTakenException ex) {
				// Another program took the free port before the server could
				if (settings.port() != 0 || attempt == PORT_ATTEMPTS) {
					throw new EmbeddedPostgresException("Port " + port + " on " + HOST + " is taken.",
							"Set backorder.embedded.port to another port, or to 0 to pick a free one.");
				}
			}
			catch (RuntimeException ex) {
				cluster.stop(process.toHandle());
				throw ex;
			}
		}
	}

	private static void awaitConnections(Settings settings, PostgresCluster cluster, Process process, int port) {
		Instant deadline = Instant.now().plus(START_TIMEOUT);
		while (true) {
			if (!process.isAlive()) {
				String log = cluster.logTail(20);
				if (log.contains("could not bind") || log.contains("could not create any TCP/IP sockets")) {
					throw new PortTakenException();
				}
				throw new EmbeddedPostgresException(
						"PostgreSQL stopped while starting (exit code " + process.exitValue() + "). The end of "
								+ cluster.log() + ":\n" + log,
						"Fix what the log reports, or set backorder.embedded.data-dir to another folder to start afresh.");
			}
			// Until the server says it is ready, the port may belong to another program
			// that accepts connections and never answers
			if (cluster.isReady()) {
				try (Connection connection = connect(settings, port, "postgres")) {
					return;
				}
				catch (SQLException ex) {
					if (ex.getSQLState() != null && ex.getSQLState().startsWith("28")) {
						throw new EmbeddedPostgresException("The database in " + cluster.directory()
								+ " was created for another user name or password than '" + settings.username() + "'.",
								"Use the credentials it was created with, or move the folder away to start with a fresh database.");
					}
				}
			}
			if (Instant.now().isAfter(deadline)) {
				throw new EmbeddedPostgresException(
						"PostgreSQL did not accept connections within " + START_TIMEOUT.toSeconds()
								+ " seconds. The end of " + cluster.log() + ":\n" + cluster.logTail(20),
						"Fix what the log reports; on a slow machine, try again.");
			}
			try {
				Thread.sleep(50);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				throw new IllegalStateException("Interrupted while PostgreSQL was starting", ex);
			}
		}
	}

	private static void createDatabase(Settings settings, int port) {
		try (Connection connection = connect(settings, port, "postgres");
				PreparedStatement exists = connection.prepareStatement("SELECT 1 FROM pg_database WHERE datname = ?")) {
			exists.setString(1, settings.database());
			try (ResultSet result = exists.executeQuery()) {
				if (result.next()) {
					return;
				}
			}
			try (Statement create = connection.createStatement()) {
				create.execute("CREATE DATABASE \"" + settings.database().replace("\"", "\"\"") + "\"");
			}
		}
		catch (SQLException ex) {
			throw new IllegalStateException("Could not create database " + settings.database(), ex);
		}
	}

	private static Connection connect(Settings settings, int port, String database) throws SQLException {
		Properties properties = new Properties();
		properties.setProperty("user", settings.username());
		properties.setProperty("password", settings.password());
		properties.setProperty("connectTimeout", "5");
		properties.setProperty("socketTimeout", "60");
		Connection connection = new Driver().connect("jdbc:postgresql://" + HOST + ":" + port + "/" + database,
				properties);
		Assert.state(connection != null, "PostgreSQL JDBC driver refused the URL");
		return connection;
	}

	private static int freePort() {
		try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getByName(HOST))) {
			return socket.getLocalPort();
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Could not find a free port on " + HOST, ex);
		}
	}

	private static Path createDataDirectory(Path configured, ServerAccount account) {
		try {
			Path folder = realPath(Files.createDirectories(configured.toAbsolutePath().normalize()));
			if (account.isSwitched() && ServerAccount.isOwnedByCurrentUser(folder)) {
				// Let the server account pass through to its cluster inside
				Set<PosixFilePermission> permissions = Files.getPosixFilePermissions(folder);
				if (permissions.add(PosixFilePermission.OTHERS_EXECUTE)) {
					Files.setPosixFilePermissions(folder, permissions);
				}
			}
			return folder;
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Could not create data folder " + configured, ex);
		}
	}

	private static Path realPath(Path path) {
		try {
			return path.toRealPath();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/**
	 * Where and how to run a server.
	 *
	 * @param dataDirectory the data folder, created if missing
	 * @param port the port on 127.0.0.1, or 0 to pick a free one
	 * @param database the database to create if missing
	 * @param username the superuser, used when the data folder is first set up
	 * @param password the superuser's password
	 * @param serverSettings further server settings ({@code -c name=value}), such as
	 * {@code fsync=off} for throw-away test databases
	 */
	public record Settings(Path dataDirectory, int port, String database, String username, String password,
			Map<String, String> serverSettings) {

		public Settings {
			Assert.isTrue(port >= 0 && port <= 65535, "port must be between 0 and 65535");
			Assert.hasText(database, "database must not be empty");
			Assert.hasText(username, "username must not be empty");
			Assert.hasText(password, "password must not be empty");
			serverSettings = Collections.unmodifiableMap(new LinkedHashMap<>(serverSettings));
		}

		@Override
		public String toString() {
			return "Settings[dataDirectory=" + this.dataDirectory + ", port=" + this.port + ", database="
					+ this.database + ", username=" + this.username + ", serverSettings=" + this.serverSettings + "]";
		}

	}

	/**
	 * Shutdown handlers as plain JVM shutdown hooks, for servers used outside a Spring
	 * Boot application.
	 */
	private static final class JvmShutdownHooks implements SpringApplicationShutdownHandlers {

		static final JvmShutdownHooks instance = new JvmShutdownHooks();

		private final Map<Runnable, Thread> hooks = new ConcurrentHashMap<>();

		@Override
		public void add(Runnable action) {
			Thread hook = new Thread(action, "embedded-postgres-shutdown");
			this.hooks.put(action, hook);
			Runtime.getRuntime().addShutdownHook(hook);
		}

		@Override
		public void remove(Runnable action) {
			Thread hook = this.hooks.remove(action);
			if (hook != null) {
				Runtime.getRuntime().removeShutdownHook(hook);
			}
		}

	}

	private static final class PortTakenException extends RuntimeException {

		PortTakenException() {
			super(null, null, false, false);
		}

	}

}
