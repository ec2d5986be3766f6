package io.influmeter.api.support;

import io.influmeter.api.ApiConfig;
import io.influmeter.embedded.junit.EmbeddedServices;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Base of the functional tests: an empty database and a fresh server (with a hand-moved clock) for
 * every test. Subclasses adjust the configuration through {@link #configure}.
 */
@ExtendWith(EmbeddedServices.class)
public abstract class ApiTest {
  protected final MutableClock clock = MutableClock.atNow();
  protected TestApi api;
  protected Http http;

  protected ApiConfig configure(ApiConfig config) {
    return config;
  }

  @BeforeEach
  void startApi() {
    TestDatabase.get().reset();
    api = TestApi.start(configure(TestApi.config()), clock);
    http = api.http();
  }

  @AfterEach
  void stopApi() {
    if (api != null) {
      api.close();
    }
  }
}
