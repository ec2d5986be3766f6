package io.influmeter.ingest;

/** {@code java -cp ... io.influmeter.ingest.IngestMain}: ingest configured by the environment. */
public final class IngestMain {

  private IngestMain() {}

  public static void main(String[] args) {
    IngestConfig config;
    try {
      config = IngestConfig.fromEnvironment(System.getenv());
    } catch (IllegalArgumentException e) {
      System.err.println(e.getMessage());
      System.exit(2);
      return;
    }
    Ingest ingest = Ingest.start(config);
    Runtime.getRuntime().addShutdownHook(new Thread(ingest::close, "ingest-shutdown"));
  }
}
