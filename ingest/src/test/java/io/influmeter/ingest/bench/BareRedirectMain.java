package io.influmeter.ingest.bench;

import io.javalin.Javalin;
import org.eclipse.jetty.util.thread.QueuedThreadPool;

/**
 * The baseline: the same HTTP stack as ingest (Javalin 7 on Jetty 12, the same thread pool)
 * answering a fixed 302 with no lookup and no Kafka, in a JVM of its own with the same options as
 * ingest's. {@code args: maxThreads}; prints {@code READY <port>}.
 */
public final class BareRedirectMain {

  private BareRedirectMain() {}

  public static void main(String[] args) {
    int maxThreads = Integer.parseInt(args[0]);
    Javalin bare =
        Javalin.create(
                cfg -> {
                  cfg.startup.showJavalinBanner = false;
                  cfg.jetty.host = "127.0.0.1";
                  cfg.jetty.port = 0;
                  cfg.jetty.threadPool = new QueuedThreadPool(maxThreads, 4);
                  cfg.routes.get(
                      "/go/{slug}",
                      ctx ->
                          ctx.status(302)
                              .header("Location", "https://shop.example/bench?utm_source=x"));
                })
            .start();
    System.out.println(BenchProcess.READY + bare.port());
    BenchProcess.awaitParentGone();
    bare.stop();
    System.exit(0);
  }
}
