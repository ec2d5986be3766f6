package io.influmeter.ingest.spool;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A local, append-only write-ahead spool for records Kafka did not acknowledge in time.
 *
 * <p>Appends are queued to one writer thread, which writes every queued frame, then fsyncs once
 * (group commit): an append's future completes only after its bytes are on disk, so a 2xx or 302
 * sent after it survives a crash of the process. Each start opens a new segment and never appends
 * to old ones, so a torn last record of a crashed process stays in a closed segment, where the
 * reader detects it by its CRC and skips it. The relay reads in append order and {@link
 * #acknowledge acknowledges} what Kafka accepted; fully acknowledged segments are deleted and the
 * position is kept in a checkpoint (not fsynced: losing it only replays records twice, which
 * consumers drop by event id).
 */
public final class Spool implements AutoCloseable {

  static final String SEGMENT_SUFFIX = ".spool";
  private static final String CHECKPOINT = "relay.checkpoint";
  private static final String LOCK = "spool.lock";
  private static final Logger LOG = LoggerFactory.getLogger(Spool.class);
  private static final int MAX_GROUP = 1024;

  private final Path directory;
  private final long maxBytes;
  private final long segmentBytes;
  private final ConcurrentSkipListMap<Long, Segment> segments = new ConcurrentSkipListMap<>();
  private final BlockingQueue<PendingAppend> queue = new LinkedBlockingQueue<>();
  private final AtomicLong usedBytes = new AtomicLong();
  private final AtomicLong reservedBytes = new AtomicLong();
  private final AtomicLong appended = new AtomicLong();
  private final Object appendSignal = new Object();
  private long durableGroups;
  private final AtomicLong failures = new AtomicLong();
  private final AtomicLong corruptTails = new AtomicLong();
  private final Thread writer;
  private volatile boolean running = true;
  private final FileChannel lockChannel;
  private final FileLock lock;
  private Segment active;
  private FileChannel activeChannel;

  private Spool(Path directory, long maxBytes, long segmentBytes) throws IOException {
    this.directory = directory;
    this.maxBytes = maxBytes;
    this.segmentBytes = segmentBytes;
    Files.createDirectories(directory);
    lockChannel =
        FileChannel.open(
            directory.resolve(LOCK), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
    // Two processes appending to and deleting one spool would lose records: one owner only.
    lock = lockChannel.tryLock();
    if (lock == null) {
      lockChannel.close();
      throw new IOException("spool " + directory + " is in use by another process");
    }
    try (Stream<Path> files = Files.list(directory)) {
      for (Path file : files.filter(p -> p.toString().endsWith(SEGMENT_SUFFIX)).toList()) {
        String name = file.getFileName().toString();
        long sequence = Long.parseLong(name.substring(0, name.length() - SEGMENT_SUFFIX.length()));
        long size = Files.size(file);
        segments.put(sequence, new Segment(sequence, file, size, true));
        usedBytes.addAndGet(size);
      }
    }
    openSegment(segments.isEmpty() ? 1 : segments.lastKey() + 1);
    writer = new Thread(this::writeLoop, "ingest-spool-writer");
    writer.setDaemon(true);
    writer.start();
  }

  /**
   * Opens (or creates) the spool in a directory; segments left by an earlier process are kept for
   * the relay to replay.
   *
   * @param maxBytes appends are refused once the segments would exceed this size
   * @param segmentBytes a segment is closed and a new one started past this size
   */
  public static Spool open(Path directory, long maxBytes, long segmentBytes) {
    try {
      return new Spool(directory, maxBytes, segmentBytes);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot open spool in " + directory, e);
    }
  }

  /**
   * Appends a record; the future completes with the record's position once it is fsynced, or fails
   * with {@link SpoolFullException} or the I/O error.
   */
  public CompletableFuture<SpoolPosition> append(OutboundRecord record) {
    return append(record, null);
  }

  /**
   * Like {@link #append(OutboundRecord)}, and {@code beforeReadable} is called with the record's
   * position on the writer thread once the record is fsynced and <em>before</em> {@link #read} can
   * return it. Keep it tiny and non-blocking: it delays the whole append group. A caller that must
   * note something about the position before the relay sees the record (the Kafka attempt still in
   * flight for it) does it here: a callback on the returned future may run later, on the caller's
   * thread, when the future was already complete by the time the callback was attached.
   */
  public CompletableFuture<SpoolPosition> append(
      OutboundRecord record, Consumer<SpoolPosition> beforeReadable) {
    byte[] frame = SpoolCodec.encodeFrame(record);
    long reserved = reservedBytes.addAndGet(frame.length);
    if (usedBytes.get() + reserved > maxBytes || !running) {
      reservedBytes.addAndGet(-frame.length);
      failures.incrementAndGet();
      return CompletableFuture.failedFuture(
          new SpoolFullException(usedBytes.get() + reserved, maxBytes));
    }
    PendingAppend pending =
        new PendingAppend(frame, beforeReadable, new CompletableFuture<>(), new long[1]);
    queue.add(pending);
    return pending.done;
  }

  /** Reads up to {@code maxRecords} durable records from {@code from} on, in append order. */
  public SpoolBatch read(SpoolPosition from, int maxRecords) {
    return new SpoolReader(segments, corruptTails).read(from, maxRecords);
  }

  /**
   * Marks everything before {@code next} as delivered: deletes closed segments wholly before it and
   * records it as the checkpoint the relay resumes from after a restart.
   */
  public void acknowledge(SpoolPosition next) {
    for (Map.Entry<Long, Segment> entry : segments.headMap(next.segment(), true).entrySet()) {
      Segment segment = entry.getValue();
      boolean passed = segment.sequence < next.segment() || next.offset() >= segment.durableEnd;
      if (segment.closed && passed) {
        delete(segment);
      }
    }
    writeCheckpoint(next);
  }

  /** Where the relay resumes: the checkpoint of the last run, or the oldest segment. */
  public SpoolPosition checkpoint() {
    Path file = directory.resolve(CHECKPOINT);
    try {
      if (Files.exists(file)) {
        String[] parts = Files.readString(file, StandardCharsets.UTF_8).trim().split(" ");
        return new SpoolPosition(Long.parseLong(parts[0]), Long.parseLong(parts[1]));
      }
    } catch (IOException | RuntimeException e) {
      LOG.warn("Unreadable spool checkpoint {}: replaying every segment ({})", file, e.toString());
    }
    return SpoolPosition.START;
  }

  /** Bytes held by segment files (delivered records of the active segment included). */
  public long usedBytes() {
    return usedBytes.get();
  }

  /** Records appended (fsynced) since start. */
  public long appendedRecords() {
    return appended.get();
  }

  /** Appends refused (full) or failed (I/O) since start. */
  public long failedAppends() {
    return failures.get();
  }

  /** Torn or corrupt records skipped on replay since start. */
  public long corruptRecords() {
    return corruptTails.get();
  }

  /**
   * Waits until a group of appends has been fsynced or {@code timeout} passed: the relay sleeps
   * here instead of polling, so a record spooled during a hiccup starts its way to Kafka (and the
   * sender back to direct sends) at once rather than after a polling interval.
   */
  public void awaitAppends(long seenGroups, long timeoutMillis) throws InterruptedException {
    synchronized (appendSignal) {
      if (durableGroups == seenGroups) {
        appendSignal.wait(timeoutMillis);
      }
    }
  }

  /** Count of fsynced append groups whose records are readable; see {@link #awaitAppends}. */
  public long durableGroups() {
    synchronized (appendSignal) {
      return durableGroups;
    }
  }

  /** Appends queued but not yet fsynced. */
  public int pendingAppends() {
    return queue.size();
  }

  @Override
  public void close() {
    running = false;
    try {
      writer.join(TimeUnit.SECONDS.toMillis(10));
      activeChannel.close();
      lock.release();
      lockChannel.close();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (IOException e) {
      LOG.warn("Closing spool segment failed", e);
    }
  }

  private void writeLoop() {
    List<PendingAppend> group = new ArrayList<>();
    while (running || !queue.isEmpty()) {
      try {
        PendingAppend first = queue.poll(50, TimeUnit.MILLISECONDS);
        if (first == null) {
          continue;
        }
        group.add(first);
        queue.drainTo(group, MAX_GROUP - 1);
        writeGroup(group);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      } finally {
        group.clear();
      }
    }
  }

  private void writeGroup(List<PendingAppend> group) {
    long bytes = 0;
    try {
      for (PendingAppend pending : group) {
        pending.offset[0] = activeChannel.position();
        ByteBuffer buffer = ByteBuffer.wrap(pending.frame);
        while (buffer.hasRemaining()) {
          activeChannel.write(buffer);
        }
        bytes += pending.frame.length;
      }
      activeChannel.force(false);
      usedBytes.addAndGet(bytes);
      reservedBytes.addAndGet(-bytes);
      appended.addAndGet(group.size());
      long sequence = active.sequence;
      for (PendingAppend pending : group) {
        SpoolPosition position = new SpoolPosition(sequence, pending.offset[0]);
        notifyBeforeReadable(pending, position);
        pending.done.complete(position);
      }
      // Published only after every beforeReadable hook ran: the relay cannot read a record whose
      // writer has not yet noted its position.
      active.durableEnd = activeChannel.position();
      if (active.durableEnd >= segmentBytes) {
        rollSegment();
      }
      synchronized (appendSignal) {
        durableGroups++;
        appendSignal.notifyAll();
      }
    } catch (IOException | RuntimeException e) {
      failures.addAndGet(group.size());
      reservedBytes.addAndGet(-group.stream().mapToLong(p -> p.frame.length).sum());
      LOG.error("SPOOL WRITE FAILED: {} records not durable ({})", group.size(), e.toString());
      group.forEach(pending -> pending.done.completeExceptionally(e));
      // Whatever was half-written stays past the durable end of a closed segment: never read.
      try {
        rollSegment();
      } catch (IOException rollFailure) {
        LOG.error("SPOOL CANNOT OPEN A NEW SEGMENT: {}", rollFailure.toString());
      }
    }
  }

  private static void notifyBeforeReadable(PendingAppend pending, SpoolPosition position) {
    if (pending.beforeReadable == null) {
      return;
    }
    try {
      pending.beforeReadable.accept(position);
    } catch (RuntimeException e) {
      // The record is durable either way; a failing hook must not fail the group's fsync.
      LOG.error("Spool append hook failed at {}: {}", position, e.toString());
    }
  }

  private void rollSegment() throws IOException {
    active.closed = true;
    activeChannel.close();
    openSegment(active.sequence + 1);
  }

  private void openSegment(long sequence) throws IOException {
    Path path = directory.resolve(Segment.fileName(sequence));
    activeChannel = FileChannel.open(path, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
    active = new Segment(sequence, path, 0, false);
    segments.put(sequence, active);
  }

  private void delete(Segment segment) {
    try {
      long size = Files.size(segment.path);
      Files.deleteIfExists(segment.path);
      segments.remove(segment.sequence);
      usedBytes.addAndGet(-size);
    } catch (IOException e) {
      LOG.warn("Cannot delete drained spool segment {}: {}", segment.path, e.toString());
    }
  }

  private void writeCheckpoint(SpoolPosition position) {
    Path temporary = directory.resolve(CHECKPOINT + ".tmp");
    try {
      Files.writeString(temporary, position.segment() + " " + position.offset());
      Files.move(
          temporary,
          directory.resolve(CHECKPOINT),
          StandardCopyOption.REPLACE_EXISTING,
          StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException e) {
      LOG.warn("Cannot write spool checkpoint: {}", e.toString());
    }
  }

  private record PendingAppend(
      byte[] frame,
      Consumer<SpoolPosition> beforeReadable,
      CompletableFuture<SpoolPosition> done,
      long[] offset) {}
}
