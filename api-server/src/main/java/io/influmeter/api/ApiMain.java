package io.influmeter.api;

import io.influmeter.api.insights.InsightsConfig;
import java.util.concurrent.CountDownLatch;

/** Reads the environment, starts the api-server, stops it on SIGTERM/Ctrl-C. */
public final class ApiMain {
  private ApiMain() {}

  public static void main(String[] args) throws InterruptedException {
    ApiConfig config;
    InsightsConfig insights;
    try {
      config = ApiConfig.fromEnvironment(System.getenv());
      insights = InsightsConfig.fromEnvironment(System.getenv());
    } catch (ApiConfig.ConfigException | IllegalArgumentException e) {
      System.err.println(e.getMessage());
      System.exit(2);
      return;
    }
    ApiRuntime runtime = ApiRuntime.start(config, insights);
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  runtime.close();
                  stopped.countDown();
                },
                "api-server-stop"));
    stopped.await();
  }
}
