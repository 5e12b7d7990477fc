package com.backorderdesk.embedded;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.TimeUnit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.util.FileSystemUtils;

/**
 * The PostgreSQL programs at work on one data folder: initdb, the server and its
 * shutdown. The folder holds the cluster in {@code pgdata}, the server log and the lock
 * file, so the cluster directory itself stays exactly as PostgreSQL wants it.
 */
final class PostgresCluster {

	private static final Logger logger = LoggerFactory.getLogger(PostgresCluster.class);

	static final Duration STOP_TIMEOUT = Duration.ofSeconds(30);

	private final PostgresBinaries binaries;

	private final ServerAccount account;

	private final Path folder;

	private final Path directory;

	private final Path log;

	PostgresCluster(PostgresBinaries binaries, ServerAccount account, Path folder) {
		this.binaries = binaries;
		this.account = account;
		this.folder = folder;
		this.directory = folder.resolve("pgdata");
		this.log = folder.resolve("postgresql.log");
	}

	Path directory() {
		return this.directory;
	}

	Path log() {
		return this.log;
	}

	boolean isInitialized() {
		return Files.exists(this.directory.resolve("PG_VERSION"));
	}

	/**
	 * Creates the cluster with the given superuser. It is created beside its final place
	 * and renamed when complete, so an interrupted initdb never leaves a half-made
	 * cluster that later starts would trip over.
	 */
	void initialize(String username, String password) {
		Path staging = this.folder.resolve("pgdata.initializing");
		Path passwordFile = this.folder.resolve("pgdata.password");
		try {
			FileSystemUtils.deleteRecursively(staging);
			Files.createDirectory(staging,
					PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
			Files.deleteIfExists(passwordFile);
			Files.createFile(passwordFile,
					PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
			Files.writeString(passwordFile, password + "\n", StandardCharsets.UTF_8);
			this.account.takeOwnership(staging);
			this.account.takeOwnership(passwordFile);
			run(List.of(this.binaries.initdb().toString(), "-D", staging.toString(), "-U", username, "-E", "UTF8",
					"--locale=C", "--auth=scram-sha-256", "--pwfile=" + passwordFile, "--no-instructions"), "initdb");
			Files.move(staging, this.directory, StandardCopyOption.ATOMIC_MOVE);
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Could not create a PostgreSQL database in " + this.directory, ex);
		}
		finally {
			try {
				Files.deleteIfExists(passwordFile);
			}
			catch (IOException ex) {
				logger.warn("Could not delete {}", passwordFile, ex);
			}
		}
	}

	/**
	 * Checks an existing cluster can be served by these binaries and hands it to the
	 * server account.
	 */
	void prepare() {
		try {
			String version = Files.readString(this.directory.resolve("PG_VERSION")).trim();
			String ours = this.binaries.majorVersion();
			if (!ours.isEmpty() && !version.equals(ours)) {
				throw new EmbeddedPostgresException(
						"Data folder " + this.folder + " holds a PostgreSQL " + version
								+ " database, but Backorder Desk runs PostgreSQL " + ours + ".",
						"Move the folder away to start with a fresh database (export the data first with pg_dump "
								+ version + " if you need it), or set backorder.embedded.data-dir to another folder.");
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		this.account.takeOwnership(this.directory);
	}

	/**
	 * Stops a server that still runs on this cluster although no Backorder Desk holds the
	 * folder: one whose Backorder Desk was killed before it could stop it.
	 */
	void stopOrphan() {
		OptionalLong pid = postmasterPid();
		if (pid.isEmpty()) {
			return;
		}
		Optional<ProcessHandle> handle = ProcessHandle.of(pid.getAsLong()).filter(ProcessHandle::isAlive);
		if (handle.isEmpty()) {
			deletePidFile();
		}
		else if (handle.get().info().command().isPresent()) {
			if (servesThisCluster(handle.get())) {
				logger.warn(
						"Stopping PostgreSQL (pid {}) left running on {} by a Backorder Desk that did not shut down",
						pid.getAsLong(), this.folder);
				stop(handle.get());
			}
			else {
				// Stale: after a crash the pid went to an unrelated process
				deletePidFile();
			}
		}
	}

	/**
	 * Whether a process is a PostgreSQL server on this cluster rather than one that
	 * happens to have the pid a crashed server left in its pid file.
	 */
	private boolean servesThisCluster(ProcessHandle process) {
		if (!process.info().command().orElse("").endsWith("/postgres")) {
			return false;
		}
		try {
			// A PostgreSQL server works in its data directory
			return Files.isSameFile(Path.of("/proc", Long.toString(process.pid()), "cwd"), this.directory);
		}
		catch (IOException ex) {
			// No /proc (macOS): the directory is on the command line
			return Arrays.asList(process.info().arguments().orElse(new String[0])).contains(this.directory.toString());
		}
	}

	Process launch(int port, Map<String, String> settings) {
		List<String> command = new ArrayList<>();
		Path setsid = ServerAccount.findProgram("setsid");
		if (setsid != null) {
			// A session of its own: Ctrl-C in a terminal reaches only Backorder Desk,
			// which stops the server once the requests still running have finished
			command.add(setsid.toString());
		}
		command.addAll(List.of(this.binaries.postgres().toString(), "-D", this.directory.toString(), "-p",
				Integer.toString(port), "-c", "listen_addresses=127.0.0.1",
				// no Unix sockets: TCP on the loopback address is all Backorder Desk uses
				"-c", "unix_socket_directories=", "-c", "cluster_name=backorder-desk"));
		settings.forEach((name, value) -> command.addAll(List.of("-c", name + "=" + value)));
		try {
			if (Files.exists(this.log)) {
				Files.move(this.log, this.log.resolveSibling(this.log.getFileName() + ".1"),
						StandardCopyOption.REPLACE_EXISTING);
			}
			return this.account.processBuilder(command, this.folder)
				.redirectErrorStream(true)
				.redirectOutput(this.log.toFile())
				.start();
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Could not start " + this.binaries.postgres(), ex);
		}
	}

	/**
	 * Whether the server accepts connections, as it notes in its pid file.
	 */
	boolean isReady() {
		try {
			List<String> lines = Files.readAllLines(this.directory.resolve("postmaster.pid"));
			return lines.size() > 7 && lines.get(7).trim().equals("ready");
		}
		catch (IOException ex) {
			return false;
		}
	}

	OptionalLong postmasterPid() {
		Path pidFile = this.directory.resolve("postmaster.pid");
		try {
			List<String> lines = Files.readAllLines(pidFile);
			return lines.isEmpty() ? OptionalLong.empty() : OptionalLong.of(Long.parseLong(lines.get(0).trim()));
		}
		catch (IOException | NumberFormatException ex) {
			return OptionalLong.empty();
		}
	}

	/**
	 * Fast shutdown: open sessions are ended rather than waited for, then the server
	 * writes a checkpoint and exits. Killed if it has not done so in time.
	 */
	void stop(ProcessHandle postmaster) {
		if (!postmaster.isAlive()) {
			return;
		}
		String output;
		try {
			output = run(List.of(this.binaries.pgCtl().toString(), "stop", "-D", this.directory.toString(), "-m",
					"fast", "-w", "-t", Long.toString(STOP_TIMEOUT.toSeconds())), "pg_ctl stop");
			// pg_ctl returns once the server has removed its pid file: only the exit
			// itself is left
			awaitExit(postmaster, Duration.ofSeconds(5));
			return;
		}
		catch (RuntimeException ex) {
			// e.g. a server left by another account, which only a signal from this
			// process can reach
			output = ex.getMessage();
			postmaster.destroy();
		}
		if (!awaitExit(postmaster, STOP_TIMEOUT)) {
			logger.warn("PostgreSQL (pid {}) on {} did not stop in time, killing it: {}", postmaster.pid(), this.folder,
					output);
			postmaster.destroyForcibly();
			awaitExit(postmaster, Duration.ofSeconds(10));
		}
	}

	String logTail(int lines) {
		try {
			List<String> all = Files.readAllLines(this.log, StandardCharsets.UTF_8);
			return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
		}
		catch (IOException ex) {
			return "(no log in " + this.log + ")";
		}
	}

	private void deletePidFile() {
		try {
			Files.deleteIfExists(this.directory.resolve("postmaster.pid"));
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	private String run(List<String> command, String name) {
		try {
			Process process = this.account.processBuilder(command, this.folder).redirectErrorStream(true).start();
			process.getOutputStream().close();
			String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
			if (!process.waitFor(STOP_TIMEOUT.toSeconds() * 2, TimeUnit.SECONDS)) {
				process.destroyForcibly();
				throw new IllegalStateException(name + " did not finish in time: " + output);
			}
			if (process.exitValue() != 0) {
				throw new IllegalStateException(name + " failed (exit code " + process.exitValue() + "): " + output);
			}
			return output;
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Could not run " + name, ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException("Interrupted while running " + name, ex);
		}
	}

	/**
	 * Polls rather than using {@link ProcessHandle#onExit()}, which for a process that is
	 * not our child (an orphan) backs off to waits of seconds.
	 */
	private static boolean awaitExit(ProcessHandle process, Duration timeout) {
		long deadline = System.nanoTime() + timeout.toNanos();
		while (process.isAlive() && !isZombie(process.pid())) {
			if (System.nanoTime() > deadline) {
				return false;
			}
			try {
				Thread.sleep(20);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				return !process.isAlive();
			}
		}
		return true;
	}

	/**
	 * Whether a process has exited but not been reaped yet, as orphans adopted by a
	 * container's init process can stay for a while.
	 */
	private static boolean isZombie(long pid) {
		try {
			String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
			int end = stat.lastIndexOf(')');
			return end > 0 && end + 2 < stat.length() && stat.charAt(end + 2) == 'Z';
		}
		catch (IOException ex) {
			return false;
		}
	}

}
