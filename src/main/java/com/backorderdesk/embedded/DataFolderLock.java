package com.backorderdesk.embedded;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * An exclusive lock on a data folder, so that two Backorder Desks never run servers on
 * the same files. The operating system drops the lock when the process dies, however it
 * dies, so a lock that can be taken means no live Backorder Desk uses the folder.
 */
final class DataFolderLock implements AutoCloseable {

	static final String FILE_NAME = "backorder-desk.lock";

	/**
	 * Folders locked by this process. Needed because a process holds file locks as a
	 * whole: a second attempt from this process would not be refused, and closing its
	 * channel would silently drop the first lock.
	 */
	private static final Set<Path> heldByThisProcess = ConcurrentHashMap.newKeySet();

	private final Path folder;

	private final FileChannel channel;

	private DataFolderLock(Path folder, FileChannel channel) {
		this.folder = folder;
		this.channel = channel;
	}

	/**
	 * Locks the folder or fails with a message that names the process holding it.
	 * @param folder an existing folder, as an absolute real path
	 * @return the lock, to be closed when the folder is no longer used
	 */
	static DataFolderLock acquire(Path folder) {
		if (!heldByThisProcess.add(folder)) {
			throw inUse(folder, "pid " + ProcessHandle.current().pid() + ", this process");
		}
		try {
			FileChannel channel = FileChannel.open(folder.resolve(FILE_NAME), StandardOpenOption.CREATE,
					StandardOpenOption.READ, StandardOpenOption.WRITE);
			FileLock lock;
			try {
				lock = channel.tryLock();
			}
			catch (IOException | RuntimeException ex) {
				channel.close();
				throw ex;
			}
			if (lock == null) {
				String holder = read(channel);
				channel.close();
				throw inUse(folder, holder.isBlank() ? "unknown pid" : holder);
			}
			channel.truncate(0);
			channel.write(ByteBuffer.wrap(("pid " + ProcessHandle.current().pid() + ", since " + Instant.now())
				.getBytes(StandardCharsets.UTF_8)));
			channel.force(false);
			return new DataFolderLock(folder, channel);
		}
		catch (IOException ex) {
			heldByThisProcess.remove(folder);
			throw new UncheckedIOException("Could not lock data folder " + folder, ex);
		}
		catch (RuntimeException ex) {
			heldByThisProcess.remove(folder);
			throw ex;
		}
	}

	@Override
	public void close() {
		try {
			// Closing the channel releases the lock
			this.channel.close();
		}
		catch (IOException ex) {
			// nothing left to do: the lock goes with the process at the latest
		}
		finally {
			heldByThisProcess.remove(this.folder);
		}
	}

	private static String read(FileChannel channel) throws IOException {
		ByteBuffer buffer = ByteBuffer.allocate(200);
		channel.read(buffer, 0);
		return new String(buffer.array(), 0, buffer.position(), StandardCharsets.UTF_8).trim();
	}

	private static EmbeddedPostgresException inUse(Path folder, String holder) {
		return new EmbeddedPostgresException(
				"Data folder " + folder + " is in use by another running Backorder Desk (" + holder + ").",
				"Stop the other Backorder Desk, or set backorder.embedded.data-dir to a different folder.");
	}

}
