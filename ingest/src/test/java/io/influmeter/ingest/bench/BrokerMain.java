package io.influmeter.ingest.bench;

import io.influmeter.embedded.EmbeddedKafka;
import io.influmeter.schemas.Topics;
import java.nio.file.Path;

/**
 * The benchmark's Kafka broker in its own JVM (the project's KRaft broker with every catalog
 * topic), as in any deployment: ingest never shares a process with its broker. Prints {@code READY
 * <bootstrap servers>}; stops when the parent closes stdin.
 */
public final class BrokerMain {

  private BrokerMain() {}

  public static void main(String[] args) {
    EmbeddedKafka kafka = EmbeddedKafka.start(Path.of(args[0]), 0, 0);
    kafka.createTopics(Topics.all());
    System.out.println(BenchProcess.READY + kafka.bootstrapServers());
    BenchProcess.awaitParentGone();
    kafka.close();
    System.exit(0);
  }
}
