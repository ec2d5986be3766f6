package io.influmeter.embedded;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;

/**
 * The directory holding every service's data (Kafka logs, PostgreSQL cluster, Connect offsets,
 * Flink checkpoints) under one exclusive lock, so two stacks can never write the same files.
 */
public final class DataDirectory implements AutoCloseable {

  private static final String LOCK_FILE = "influmeter.lock";

  private final Path root;
  private final FileChannel lockChannel;
  private final FileLock lock;

  private DataDirectory(Path root, FileChannel lockChannel, FileLock lock) {
    this.root = root;
    this.lockChannel = lockChannel;
    this.lock = lock;
  }

  /**
   * Creates (if needed) and locks {@code root}. With {@code fresh}, everything in it is deleted
   * first, but only once the lock is held, so a running stack's data is never wiped from under it.
   *
   * @throws DataDirectoryLockedException when another process holds the lock
   */
  public static DataDirectory open(Path root, boolean fresh) {
    Path absolute = root.toAbsolutePath().normalize();
    try {
      Files.createDirectories(absolute);
      FileChannel channel =
          FileChannel.open(
              absolute.resolve(LOCK_FILE), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
      FileLock lock;
      try {
        lock = channel.tryLock();
      } catch (OverlappingFileLockException e) {
        lock = null;
      }
      if (lock == null) {
        channel.close();
        throw new DataDirectoryLockedException(absolute);
      }
      DataDirectory directory = new DataDirectory(absolute, channel, lock);
      if (fresh) {
        directory.wipe();
      }
      Files.createDirectories(directory.tmp());
      return directory;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot open data directory " + absolute, e);
    }
  }

  public Path root() {
    return root;
  }

  /** A sub-directory for one service, created on demand. */
  public Path service(String name) {
    Path path = root.resolve(name);
    try {
      Files.createDirectories(path);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create " + path, e);
    }
    return path;
  }

  /** Temporary files of every service: keep them on the data disk, not in /tmp. */
  public Path tmp() {
    return root.resolve("tmp");
  }

  private void wipe() throws IOException {
    try (var children = Files.list(root)) {
      for (Path child : children.toList()) {
        if (!child.getFileName().toString().equals(LOCK_FILE)) {
          deleteRecursively(child);
        }
      }
    }
  }

  /** Deletes a file or directory tree; missing paths are fine. */
  public static void deleteRecursively(Path path) throws IOException {
    if (!Files.exists(path)) {
      return;
    }
    Files.walkFileTree(
        path,
        new SimpleFileVisitor<>() {
          @Override
          public FileVisitResult visitFile(Path file, BasicFileAttributes attrs)
              throws IOException {
            Files.delete(file);
            return FileVisitResult.CONTINUE;
          }

          @Override
          public FileVisitResult postVisitDirectory(Path dir, IOException exc) throws IOException {
            Files.delete(dir);
            return FileVisitResult.CONTINUE;
          }
        });
  }

  @Override
  public void close() {
    try {
      lock.release();
      lockChannel.close();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot release the lock of " + root, e);
    }
  }
}
