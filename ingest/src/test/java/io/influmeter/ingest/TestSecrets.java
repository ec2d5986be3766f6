package io.influmeter.ingest;

/** Config builders with test-only secrets: main code carries no secret defaults. */
public final class TestSecrets {

  /** "0:" + base64 of "test-only-click-id-secret-0123456789ab". */
  public static final String CLICK_ID_SECRETS =
      "0:dGVzdC1vbmx5LWNsaWNrLWlkLXNlY3JldC0wMTIzNDU2Nzg5YWI=";

  private TestSecrets() {}

  /** {@link IngestConfig#builder()} with test secrets filled in. */
  public static IngestConfig.Builder builder() {
    return IngestConfig.builder()
        .with(
            b -> {
              b.visitorHashSecret = "test-only-visitor-hash-secret";
              b.customerHashSecret = "test-only-customer-hash-secret";
              b.clickIdSecrets = CLICK_ID_SECRETS;
              return b;
            });
  }
}
