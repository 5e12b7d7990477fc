package com.backorderdesk.embedded;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import com.sun.security.auth.module.UnixSystem;
import org.jspecify.annotations.Nullable;

/**
 * The account the PostgreSQL processes run as. PostgreSQL refuses to run as root, so when
 * Backorder Desk itself runs as root (typical in containers) its servers run as
 * {@code nobody}, started through {@code setpriv} or, failing that, {@code runuser}.
 * Otherwise they run as the current user.
 */
final class ServerAccount {

	private static final String UNPRIVILEGED = "nobody";

	private final String name;

	private final int uid;

	private final int gid;

	private final List<String> commandPrefix;

	private ServerAccount(String name, int uid, int gid, List<String> commandPrefix) {
		this.name = name;
		this.uid = uid;
		this.gid = gid;
		this.commandPrefix = List.copyOf(commandPrefix);
	}

	static ServerAccount forThisProcess() {
		if (currentUid() != 0) {
			return new ServerAccount(System.getProperty("user.name"), (int) currentUid(), -1, List.of());
		}
		int[] ids = unprivilegedIds();
		return new ServerAccount(UNPRIVILEGED, ids[0], ids[1], switchCommand(ids));
	}

	static long currentUid() {
		return new UnixSystem().getUid();
	}

	static boolean isOwnedByCurrentUser(Path path) {
		return ownerUid(path) == currentUid();
	}

	/**
	 * Whether the servers run as a different account than this process.
	 */
	boolean isSwitched() {
		return !this.commandPrefix.isEmpty();
	}

	String name() {
		return this.name;
	}

	int uid() {
		return this.uid;
	}

	/**
	 * A process builder for a PostgreSQL program run as this account. The working
	 * directory matters: initdb and pg_ctl fail when they cannot resolve the directory
	 * they were started in.
	 */
	ProcessBuilder processBuilder(List<String> command, Path workingDirectory) {
		List<String> full = new ArrayList<>(this.commandPrefix);
		full.addAll(command);
		ProcessBuilder builder = new ProcessBuilder(full).directory(workingDirectory.toFile());
		Map<String, String> environment = builder.environment();
		// Our own settings must win over whatever PG* variables or locale the shell had
		environment.keySet()
			.removeIf((key) -> key.startsWith("PG") || key.startsWith("LC_") || key.equals("LANG")
					|| key.equals("LANGUAGE"));
		environment.put("LC_ALL", "C");
		environment.put("LANG", "C");
		if (isSwitched()) {
			environment.put("HOME", workingDirectory.toString());
			environment.put("USER", this.name);
			environment.put("LOGNAME", this.name);
		}
		return builder;
	}

	/**
	 * Fails with a clear message when this account cannot reach the given directory. Only
	 * an issue when switched: a home directory such as /root is usually closed to other
	 * accounts.
	 * @param directory the directory the servers must reach
	 * @param setting the setting that moves it elsewhere
	 */
	void checkCanEnter(Path directory, String setting) {
		if (!isSwitched()) {
			return;
		}
		try {
			Path real = directory.toRealPath();
			for (Path path = real; path != null; path = path.getParent()) {
				int mode = (int) Files.getAttribute(path, "unix:mode");
				boolean canEnter = (ownerUid(path) == this.uid) ? (mode & 0100) != 0
						: ((int) Files.getAttribute(path, "unix:gid") == this.gid) ? (mode & 0010) != 0
								: (mode & 0001) != 0;
				if (!canEnter) {
					throw new EmbeddedPostgresException(
							"PostgreSQL refuses to run as root, so Backorder Desk runs it as '" + this.name + "', but '"
									+ this.name + "' cannot enter " + path + " ("
									+ PosixFilePermissions.toString(Files.getPosixFilePermissions(path))
									+ ") on the way to " + real + ".",
							"Let it pass with 'chmod o+x " + path + "', or set " + setting
									+ " to a folder every account can reach (for example under /var/lib or /srv), or start Backorder Desk as a regular user.");
				}
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/**
	 * Makes this account the owner of a directory tree: PostgreSQL insists on owning its
	 * data directory. Without root that cannot be changed, so a tree left behind by a
	 * start as root is reported instead.
	 */
	void takeOwnership(Path tree) {
		try {
			if (!isSwitched()) {
				long owner = ownerUid(tree);
				if (owner != this.uid) {
					throw new EmbeddedPostgresException(
							"The database files in " + tree + " belong to uid " + owner + ", not to " + this.name
									+ " (uid " + this.uid + "); an earlier start probably ran as root.",
							"Start Backorder Desk as root again, or hand the files over with 'sudo chown -R "
									+ this.name + " " + tree + "'.");
				}
				return;
			}
			try (Stream<Path> paths = Files.walk(tree)) {
				for (Path path : (Iterable<Path>) paths::iterator) {
					if (ownerUid(path) != this.uid
							|| (int) Files.getAttribute(path, "unix:gid", LinkOption.NOFOLLOW_LINKS) != this.gid) {
						Files.setAttribute(path, "unix:uid", this.uid, LinkOption.NOFOLLOW_LINKS);
						Files.setAttribute(path, "unix:gid", this.gid, LinkOption.NOFOLLOW_LINKS);
					}
				}
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Could not hand " + tree + " over to " + this.name, ex);
		}
	}

	@Override
	public String toString() {
		return this.name + " (uid " + this.uid + ")";
	}

	private static long ownerUid(Path path) {
		try {
			return (int) Files.getAttribute(path, "unix:uid", LinkOption.NOFOLLOW_LINKS);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	private static int[] unprivilegedIds() {
		try {
			for (String line : Files.readAllLines(Path.of("/etc/passwd"))) {
				String[] fields = line.split(":");
				if (fields.length > 3 && fields[0].equals(UNPRIVILEGED)) {
					return new int[] { Integer.parseInt(fields[2]), Integer.parseInt(fields[3]) };
				}
			}
		}
		catch (IOException | NumberFormatException ex) {
			// unreadable: reported below as missing
		}
		throw new EmbeddedPostgresException(
				"PostgreSQL refuses to run as root, and there is no '" + UNPRIVILEGED
						+ "' account in /etc/passwd to run it as.",
				"Start Backorder Desk as a regular user, or set spring.r2dbc.url to use your own PostgreSQL.");
	}

	private static List<String> switchCommand(int[] ids) {
		Path setpriv = findProgram("setpriv");
		if (setpriv != null) {
			// setpriv execs the program: the child process is PostgreSQL itself
			return List.of(setpriv.toString(), "--reuid=" + ids[0], "--regid=" + ids[1], "--clear-groups", "--");
		}
		Path runuser = findProgram("runuser");
		if (runuser != null) {
			return List.of(runuser.toString(), "-u", UNPRIVILEGED, "--");
		}
		throw new EmbeddedPostgresException(
				"PostgreSQL refuses to run as root, and neither setpriv nor runuser is available to run it as '"
						+ UNPRIVILEGED + "'.",
				"Start Backorder Desk as a regular user, or install util-linux.");
	}

	static @Nullable Path findProgram(String name) {
		List<String> directories = new ArrayList<>(List.of(System.getenv().getOrDefault("PATH", "").split(":")));
		directories.addAll(List.of("/usr/bin", "/bin", "/usr/sbin", "/sbin"));
		for (String directory : directories) {
			if (!directory.isEmpty()) {
				Path candidate = Path.of(directory, name);
				if (Files.isExecutable(candidate)) {
					return candidate;
				}
			}
		}
		return null;
	}

}
