package io.influmeter.ingest.bench;

import io.influmeter.events.StorePlatform;
import io.influmeter.ingest.Ingest;
import io.influmeter.ingest.IngestConfig;
import io.influmeter.ingest.stores.InMemoryStoreDirectory;
import io.influmeter.ingest.stores.Store;
import java.util.UUID;

/**
 * Ingest in its own JVM for the benchmarks, configured by the environment exactly like {@code
 * IngestMain}; the only difference is an in-memory store ({@code args: storeId secret}) for the
 * webhook benchmark, since the benchmark has no api-server database. Prints {@code READY <port>}.
 */
public final class BenchIngestMain {

  private BenchIngestMain() {}

  public static void main(String[] args) {
    InMemoryStoreDirectory stores = new InMemoryStoreDirectory();
    if (args.length == 2) {
      stores.put(
          new Store(
              args[0],
              UUID.randomUUID().toString(),
              StorePlatform.SHOPIFY,
              "USD",
              args[1],
              null,
              null));
    }
    Ingest ingest = Ingest.start(IngestConfig.fromEnvironment(System.getenv()), stores);
    System.out.println(BenchProcess.READY + ingest.port());
    BenchProcess.awaitParentGone();
    ingest.close();
    System.exit(0);
  }
}
