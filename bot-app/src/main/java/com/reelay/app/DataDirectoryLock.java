package com.reelay.app;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.OptionalLong;

/**
 * The claim of one process on a data directory: an OS file lock on {@code reelay.lock}, held
 * until the process ends (the OS drops it even after {@code kill -9}). Two processes on one store
 * would both resume its waiting requests and both post every finished link. The file holds the
 * owner's pid so the refusal can name it; it stays behind on purpose, since deleting a lock file
 * races with the next process taking it.
 */
final class DataDirectoryLock implements AutoCloseable {

    static final String FILE_NAME = "reelay.lock";

    private final FileChannel channel;
    private final FileLock lock;

    private DataDirectoryLock(FileChannel channel, FileLock lock) {
        this.channel = channel;
        this.lock = lock;
    }

    /** Another process holds the directory. */
    static final class InUse extends Exception {
        InUse(Path dir, OptionalLong pid) {
            super("Reelay can't start: another Reelay process" + (pid.isPresent() ? " (pid " + pid.getAsLong() + ")" : "")
                    + " is using the data directory " + dir + ". Stop it first, or give this one its own REELAY_DATA_DIR.",
                    null, false, false);
        }
    }

    /** Takes the directory for this process, or says who has it. */
    static DataDirectoryLock take(Path dir) throws InUse, IOException {
        Path file = dir.resolve(FILE_NAME);
        FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ,
                StandardOpenOption.WRITE);
        FileLock lock;
        try {
            lock = channel.tryLock();
        } catch (OverlappingFileLockException sameProcess) {
            lock = null;
        } catch (IOException e) {
            channel.close();
            throw e;
        }
        if (lock == null) {
            channel.close();
            throw new InUse(dir, owner(file));
        }
        channel.truncate(0);
        channel.write(ByteBuffer.wrap((ProcessHandle.current().pid() + "\n").getBytes(StandardCharsets.US_ASCII)), 0);
        channel.force(false);
        return new DataDirectoryLock(channel, lock);
    }

    private static OptionalLong owner(Path file) {
        try {
            return OptionalLong.of(Long.parseLong(Files.readString(file, StandardCharsets.US_ASCII).strip()));
        } catch (IOException | NumberFormatException e) {
            return OptionalLong.empty(); // the owner has not written its pid yet
        }
    }

    @Override
    public void close() throws IOException {
        try {
            lock.release();
        } finally {
            channel.close();
        }
    }
}
