package com.backorderdesk.embedded;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

class EmbeddedPostgresTests {

	private final Path folder = Path.of("target", "embedded-postgres-tests", UUID.randomUUID().toString())
		.toAbsolutePath();

	private final List<AutoCloseable> cleanup = new ArrayList<>();

	@AfterEach
	void cleanUp() throws Exception {
		Collections.reverse(this.cleanup);
		for (AutoCloseable closeable : this.cleanup) {
			closeable.close();
		}
		EmbeddedPostgres.deleteIfUnused(this.folder);
	}

	@Test
	void whenStartedThenServesItsDataFolderFromAnUnprivilegedAccount() throws Exception {
		EmbeddedPostgres postgres = start();
		try (Connection connection = connect(postgres)) {
			assertThat(queryForString(connection, "SELECT current_setting('data_directory')"))
				.isEqualTo(this.folder.toRealPath().resolve("pgdata").toString());
			assertThat(queryForString(connection, "SELECT current_database()")).isEqualTo("backorder");
			assertThat(queryForString(connection, "SELECT current_setting('listen_addresses')")).isEqualTo("127.0.0.1");
		}
		long uid = ServerAccount.currentUid();
		long serverUid = processUid(postgres.pid());
		if (uid == 0) {
			assertThat(serverUid).isNotZero();
		}
		else {
			assertThat(serverUid).isEqualTo(uid);
		}
	}

	@Test
	void whenRestartedThenTheDataIsStillThere() throws Exception {
		try (EmbeddedPostgres first = EmbeddedPostgres.start(settings());
				Connection connection = connect(first);
				Statement statement = connection.createStatement()) {
			statement.execute("CREATE TABLE kept (note text)");
			statement.execute("INSERT INTO kept VALUES ('still here')");
		}
		EmbeddedPostgres second = start();
		try (Connection connection = connect(second)) {
			assertThat(queryForString(connection, "SELECT note FROM kept")).isEqualTo("still here");
		}
	}

	@Test
	void whenASecondInstanceUsesTheSameDataFolderThenItFailsAndTheFirstKeepsServing() throws Exception {
		EmbeddedPostgres first = start();
		assertThatExceptionOfType(EmbeddedPostgresException.class).isThrownBy(this::start)
			.withMessageContaining("Data folder " + this.folder.toRealPath())
			.withMessageContaining("is in use by another running Backorder Desk")
			.satisfies((ex) -> assertThat(ex.action()).contains("backorder.embedded.data-dir"));
		try (Connection connection = connect(first)) {
			assertThat(queryForString(connection, "SELECT 'serving'")).isEqualTo("serving");
		}
		assertThat(EmbeddedPostgres.deleteIfUnused(this.folder)).isFalse();
	}

	@Test
	void whenAnotherProcessHoldsTheDataFolderThenStartFailsNamingIt() throws Exception {
		Files.createDirectories(this.folder);
		Process holder = holdLockInAnotherProcess();
		try {
			assertThatExceptionOfType(EmbeddedPostgresException.class).isThrownBy(this::start)
				.withMessageContaining("is in use by another running Backorder Desk (pid " + holder.pid());
			assertThat(this.folder.resolve("pgdata")).doesNotExist();
		}
		finally {
			holder.destroyForcibly().waitFor();
		}
	}

	@Test
	void whenClosedThenNoServerProcessRemains() throws Exception {
		EmbeddedPostgres postgres = start();
		ProcessHandle postmaster = ProcessHandle.of(postgres.pid()).orElseThrow();
		List<ProcessHandle> processes = new ArrayList<>(postmaster.descendants().toList());
		processes.add(postmaster);
		assertThat(processes).hasSizeGreaterThan(1);
		postgres.close();
		postgres.close();
		assertThat(postgres.isRunning()).isFalse();
		assertThat(processes).noneMatch(ProcessHandle::isAlive);
		assertThat(this.folder.resolve("pgdata/postmaster.pid")).doesNotExist();
	}

	@Test
	void whenAKilledRunLeftItsServerRunningThenTheNextStartStopsItFirst() throws Exception {
		start().close();
		PostgresCluster cluster = new PostgresCluster(PostgresBinaries.unpack(), ServerAccount.forThisProcess(),
				this.folder.toRealPath());
		Process orphan = cluster.launch(freePort(), Map.of());
		this.cleanup.add(orphan::destroyForcibly);
		awaitReady(cluster);
		EmbeddedPostgres postgres = start();
		assertThat(orphan.waitFor(10, TimeUnit.SECONDS)).isTrue();
		try (Connection connection = connect(postgres)) {
			assertThat(queryForString(connection, "SELECT 'serving'")).isEqualTo("serving");
		}
	}

	@Test
	void whenACrashLeftAPidFileNamingAnUnrelatedProcessThenStartCarriesOn() throws Exception {
		start().close();
		Files.writeString(this.folder.resolve("pgdata/postmaster.pid"), ProcessHandle.current().pid() + "\n");
		EmbeddedPostgres postgres = start();
		try (Connection connection = connect(postgres)) {
			assertThat(queryForString(connection, "SELECT 'serving'")).isEqualTo("serving");
		}
	}

	@Test
	void whenTheConfiguredPortIsTakenThenStartFailsSayingSo() throws Exception {
		try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
			EmbeddedPostgres.Settings settings = new EmbeddedPostgres.Settings(this.folder, taken.getLocalPort(),
					"backorder", "backorder", "backorder", Map.of());
			assertThatExceptionOfType(EmbeddedPostgresException.class)
				.isThrownBy(() -> EmbeddedPostgres.start(settings))
				.withMessage("Port " + taken.getLocalPort() + " on 127.0.0.1 is taken.");
		}
		assertThat(EmbeddedPostgres.deleteIfUnused(this.folder)).isTrue();
	}

	@Test
	void whenRunningAsRootAndTheServerAccountCannotReachTheDataFolderThenTheMessageNamesTheFix() throws Exception {
		assumeTrue(ServerAccount.currentUid() == 0, "only root hands the server to another account");
		Path closed = Files.createDirectories(this.folder.resolve("closed"));
		Files.setPosixFilePermissions(closed, PosixFilePermissions.fromString("rwx------"));
		EmbeddedPostgres.Settings settings = new EmbeddedPostgres.Settings(closed.resolve("data"), 0, "backorder",
				"backorder", "backorder", Map.of());
		assertThatExceptionOfType(EmbeddedPostgresException.class).isThrownBy(() -> EmbeddedPostgres.start(settings))
			.withMessageContaining("cannot enter " + closed.toRealPath())
			.satisfies((ex) -> assertThat(ex.action()).contains("chmod o+x " + closed.toRealPath()));
	}

	private EmbeddedPostgres start() {
		EmbeddedPostgres postgres = EmbeddedPostgres.start(settings());
		this.cleanup.add(postgres);
		return postgres;
	}

	private EmbeddedPostgres.Settings settings() {
		return new EmbeddedPostgres.Settings(this.folder, 0, "backorder", "backorder", "backorder",
				Map.of("fsync", "off"));
	}

	private static Connection connect(EmbeddedPostgres postgres) throws SQLException {
		return DriverManager.getConnection(postgres.jdbcUrl(), postgres.username(), postgres.password());
	}

	private static String queryForString(Connection connection, String sql) throws SQLException {
		try (Statement statement = connection.createStatement(); ResultSet result = statement.executeQuery(sql)) {
			assertThat(result.next()).isTrue();
			return result.getString(1);
		}
	}

	private static long processUid(long pid) throws IOException {
		return Files.readAllLines(Path.of("/proc/" + pid + "/status"))
			.stream()
			.filter((line) -> line.startsWith("Uid:"))
			.map((line) -> Long.parseLong(line.split("\\s+")[1]))
			.findFirst()
			.orElseThrow();
	}

	private static int freePort() throws IOException {
		try (ServerSocket socket = new ServerSocket(0)) {
			return socket.getLocalPort();
		}
	}

	private static void awaitReady(PostgresCluster cluster) throws Exception {
		Path pidFile = cluster.directory().resolve("postmaster.pid");
		Instant deadline = Instant.now().plus(Duration.ofSeconds(30));
		while (!(Files.exists(pidFile) && Files.readString(pidFile).contains("ready"))) {
			assertThat(Instant.now()).isBefore(deadline);
			Thread.sleep(50);
		}
	}

	/**
	 * A separate JVM holding the lock, as a running Backorder Desk would.
	 */
	private Process holdLockInAnotherProcess() throws Exception {
		Path source = this.folder.resolveSibling(this.folder.getFileName() + "-HoldLock.java");
		Files.writeString(source, """
				import java.nio.channels.FileChannel;
				import java.nio.file.*;
				public class HoldLock {
					public static void main(String[] args) throws Exception {
						FileChannel channel = FileChannel.open(Path.of(args[0]), StandardOpenOption.CREATE,
								StandardOpenOption.WRITE);
						channel.lock();
						channel.write(java.nio.ByteBuffer.wrap(("pid " + ProcessHandle.current().pid()).getBytes()));
						System.out.println("locked");
						Thread.sleep(60_000);
					}
				}
				""");
		String java = ProcessHandle.current().info().command().orElse("java");
		Process process = new ProcessBuilder(java, source.toString(),
				this.folder.resolve(DataFolderLock.FILE_NAME).toString())
			.redirectErrorStream(true)
			.start();
		this.cleanup.add(() -> Files.deleteIfExists(source));
		String line = new String(process.getInputStream().readNBytes(6));
		assertThat(line).isEqualTo("locked");
		return process;
	}

}
