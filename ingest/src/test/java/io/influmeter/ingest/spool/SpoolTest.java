package io.influmeter.ingest.spool;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.influmeter.ingest.TestDirectories;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

class SpoolTest {

  private final Path directory = TestDirectories.fresh("spool-");

  @Test
  void recordsAreReadBackInAppendOrderWithKeysValuesAndHeaders() throws Exception {
    try (Spool spool = Spool.open(directory, 1 << 20, 1 << 16)) {
      List<CompletableFuture<SpoolPosition>> appends = new ArrayList<>();
      for (int i = 0; i < 100; i++) {
        appends.add(spool.append(record(i)));
      }
      appends.forEach(CompletableFuture::join);
      appends.add(
          spool.append(
              new OutboundRecord(
                  "dlq",
                  null,
                  bytes("raw"),
                  List.of(new OutboundRecord.Header("why", bytes("x"))))));
      appends.get(100).get(5, TimeUnit.SECONDS);

      List<OutboundRecord> read = readAll(spool, SpoolPosition.START, 101);

      assertThat(read).hasSize(101);
      for (int i = 0; i < 100; i++) {
        assertThat(read.get(i).key()).isEqualTo("key-" + i);
        assertThat(new String(read.get(i).value(), StandardCharsets.UTF_8)).isEqualTo("value-" + i);
      }
      assertThat(read.get(100).key()).isNull();
      assertThat(read.get(100).headers())
          .singleElement()
          .extracting(OutboundRecord.Header::name)
          .isEqualTo("why");
    }
  }

  @Test
  void aReopenedSpoolReplaysWhatAnEarlierProcessLeftAcrossSegments() {
    try (Spool spool = Spool.open(directory, 1 << 20, 512)) {
      for (int i = 0; i < 50; i++) {
        spool.append(record(i)).join();
      }
    }
    try (Spool reopened = Spool.open(directory, 1 << 20, 512)) {
      List<OutboundRecord> read = readAll(reopened, reopened.checkpoint(), 50);
      assertThat(read).extracting(OutboundRecord::key).containsExactlyElementsOf(keys(0, 50));
    }
  }

  @Test
  void aTornLastRecordOfACrashedProcessIsDetectedAndSkipped() throws IOException {
    try (Spool spool = Spool.open(directory, 1 << 20, 1 << 20)) {
      for (int i = 0; i < 10; i++) {
        spool.append(record(i)).join();
      }
    }
    Path segment = segments().get(0);
    long size = Files.size(segment);
    try (RandomAccessFile file = new RandomAccessFile(segment.toFile(), "rw")) {
      file.setLength(size - 5); // the crash cut the last frame short
    }

    try (Spool reopened = Spool.open(directory, 1 << 20, 1 << 20)) {
      reopened.append(record(10)).join();
      List<OutboundRecord> read = readAll(reopened, SpoolPosition.START, 10);

      assertThat(read)
          .extracting(OutboundRecord::key)
          .containsExactly(
              "key-0", "key-1", "key-2", "key-3", "key-4", "key-5", "key-6", "key-7", "key-8",
              "key-10");
      assertThat(reopened.corruptRecords()).isEqualTo(1);
    }
  }

  @Test
  void aCorruptedByteIsCaughtByTheCrc() throws IOException {
    try (Spool spool = Spool.open(directory, 1 << 20, 1 << 20)) {
      for (int i = 0; i < 3; i++) {
        spool.append(record(i)).join();
      }
    }
    Path segment = segments().get(0);
    byte[] content = Files.readAllBytes(segment);
    content[content.length - 2] ^= 0x40;
    Files.write(segment, content);

    try (Spool reopened = Spool.open(directory, 1 << 20, 1 << 20)) {
      assertThat(readAll(reopened, SpoolPosition.START, 2))
          .extracting(OutboundRecord::key)
          .containsExactly("key-0", "key-1");
      assertThat(reopened.corruptRecords()).isEqualTo(1);
    }
  }

  @Test
  void acknowledgedSegmentsAreDeletedAndTheCheckpointSurvivesARestart() throws IOException {
    SpoolPosition next;
    try (Spool spool = Spool.open(directory, 1 << 20, 256)) {
      for (int i = 0; i < 30; i++) {
        spool.append(record(i)).join();
      }
      SpoolBatch first = spool.read(SpoolPosition.START, 20);
      assertThat(first.records()).hasSize(20);
      spool.acknowledge(first.next());
      next = first.next();
      assertThat(segments())
          .allSatisfy(path -> assertThat(sequence(path)).isGreaterThanOrEqualTo(next.segment()));
    }
    try (Spool reopened = Spool.open(directory, 1 << 20, 256)) {
      assertThat(reopened.checkpoint()).isEqualTo(next);
      assertThat(readAll(reopened, reopened.checkpoint(), 10))
          .extracting(OutboundRecord::key)
          .containsExactlyElementsOf(keys(20, 30));
    }
  }

  @Test
  void aWaitingRelayIsWokenAsSoonAsAnAppendIsDurableNotAfterItsTimeout() throws Exception {
    try (Spool spool = Spool.open(directory, 1 << 20, 1 << 20)) {
      long seen = spool.durableGroups();
      CompletableFuture<Long> woken =
          CompletableFuture.supplyAsync(
              () -> {
                long start = System.nanoTime();
                try {
                  spool.awaitAppends(seen, 60_000);
                } catch (InterruptedException e) {
                  Thread.currentThread().interrupt();
                }
                return System.nanoTime() - start;
              });
      SpoolPosition position = spool.append(record(1)).get(30, TimeUnit.SECONDS);
      assertThat(woken.get(30, TimeUnit.SECONDS)).isLessThan(TimeUnit.SECONDS.toNanos(30));
      assertThat(spool.durableGroups()).isGreaterThan(seen);
      assertThat(spool.read(SpoolPosition.START, 10).records())
          .extracting(SpoolBatch.Spooled::position)
          .containsExactly(position);
    }
  }

  @Test
  void aRecordIsNotReadableBeforeItsBeforeReadableHookReturned() throws Exception {
    try (Spool spool = Spool.open(directory, 1 << 20, 1 << 16)) {
      CountDownLatch hookEntered = new CountDownLatch(1);
      CountDownLatch releaseHook = new CountDownLatch(1);
      CompletableFuture<SpoolPosition> append =
          spool.append(
              record(1),
              position -> {
                hookEntered.countDown();
                try {
                  releaseHook.await();
                } catch (InterruptedException e) {
                  Thread.currentThread().interrupt();
                }
              });
      try {
        assertThat(hookEntered.await(30, TimeUnit.SECONDS)).isTrue();
        // Fsynced, its hook still running: a reader must not see it yet.
        assertThat(spool.read(SpoolPosition.START, 10).records()).isEmpty();
      } finally {
        releaseHook.countDown();
      }
      SpoolPosition position = append.get(30, TimeUnit.SECONDS);
      assertThat(readAll(spool, SpoolPosition.START, 1)).hasSize(1);
      assertThat(spool.read(SpoolPosition.START, 10).records())
          .extracting(SpoolBatch.Spooled::position)
          .containsExactly(position);
    }
  }

  @Test
  void aFullSpoolRefusesAppends() {
    try (Spool spool = Spool.open(directory, 2048, 1 << 20)) {
      List<CompletableFuture<SpoolPosition>> appends = new ArrayList<>();
      for (int i = 0; i < 200; i++) {
        appends.add(spool.append(record(i)));
      }
      CompletableFuture<SpoolPosition> last = appends.get(appends.size() - 1);
      assertThatThrownBy(() -> last.get(5, TimeUnit.SECONDS))
          .isInstanceOf(ExecutionException.class)
          .hasCauseInstanceOf(SpoolFullException.class);
      assertThat(spool.failedAppends()).isPositive();
      assertThat(spool.usedBytes()).isLessThanOrEqualTo(2048);
    }
  }

  // An append's future completes just before its bytes are published to readers: poll briefly.
  private static List<OutboundRecord> readAll(Spool spool, SpoolPosition from, int expected) {
    List<OutboundRecord> all = readOnce(spool, from);
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(2);
    while (all.size() < expected && System.nanoTime() < deadline) {
      Thread.onSpinWait();
      all = readOnce(spool, from);
    }
    return all;
  }

  private static List<OutboundRecord> readOnce(Spool spool, SpoolPosition from) {
    List<OutboundRecord> all = new ArrayList<>();
    SpoolPosition position = from;
    while (true) {
      SpoolBatch batch = spool.read(position, 7);
      batch.records().forEach(spooled -> all.add(spooled.record()));
      if (batch.isEmpty()) {
        return all;
      }
      position = batch.next();
    }
  }

  private List<Path> segments() throws IOException {
    try (Stream<Path> files = Files.list(directory)) {
      return files.filter(p -> p.toString().endsWith(".spool")).sorted().toList();
    }
  }

  private static long sequence(Path segment) {
    String name = segment.getFileName().toString();
    return Long.parseLong(name.substring(0, name.indexOf('.')));
  }

  private static List<String> keys(int from, int to) {
    List<String> keys = new ArrayList<>();
    for (int i = from; i < to; i++) {
      keys.add("key-" + i);
    }
    return keys;
  }

  private static OutboundRecord record(int i) {
    return OutboundRecord.of("clicks", "key-" + i, bytes("value-" + i));
  }

  private static byte[] bytes(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }
}
