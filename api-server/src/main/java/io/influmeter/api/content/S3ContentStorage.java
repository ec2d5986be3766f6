package io.influmeter.api.content;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * An S3-compatible bucket over the JDK HttpClient: PUT object with a header-signed request (SigV4,
 * payload hash signed), reads through a short-lived presigned GET URL. Path-style addressing
 * ({@code endpoint/bucket/key}), which every S3-compatible store accepts.
 */
public final class S3ContentStorage implements ContentStorage {
  private static final Duration PRESIGN_FOR = Duration.ofMinutes(1);

  private final ContentConfig.S3Config config;
  private final SigV4Signer signer;
  private final Clock clock;
  private final HttpClient client =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

  public S3ContentStorage(ContentConfig.S3Config config, Clock clock) {
    this.config = config;
    this.clock = clock;
    this.signer =
        new SigV4Signer(config.accessKeyId(), config.secretAccessKey(), config.region(), "s3");
  }

  @Override
  public void put(String key, Path file, MediaType type) throws IOException {
    ContentStorage.requireGeneratedKey(key);
    String path = objectPath(key);
    String payloadHash = sha256Hex(file);
    Instant now = clock.instant();
    Map<String, String> headers = new LinkedHashMap<>();
    headers.put("host", host());
    headers.put("content-type", type.mime());
    headers.put("x-amz-content-sha256", payloadHash);
    headers.put("x-amz-date", SigV4Signer.AMZ_DATE.format(now));
    String authorization = signer.authorization("PUT", path, Map.of(), headers, payloadHash, now);
    HttpRequest request =
        HttpRequest.newBuilder(URI.create(base() + path))
            .timeout(Duration.ofMinutes(5))
            .header("Content-Type", type.mime())
            .header("x-amz-content-sha256", payloadHash)
            .header("x-amz-date", headers.get("x-amz-date"))
            .header("Authorization", authorization)
            .PUT(HttpRequest.BodyPublishers.ofFile(file))
            .build();
    HttpResponse<String> response = send(request, HttpResponse.BodyHandlers.ofString());
    if (response.statusCode() / 100 != 2) {
      throw new IOException("S3 PUT answered " + response.statusCode());
    }
  }

  @Override
  public InputStream open(String key) throws IOException {
    HttpRequest request =
        HttpRequest.newBuilder(presignedGet(key)).timeout(Duration.ofMinutes(5)).GET().build();
    HttpResponse<InputStream> response = send(request, HttpResponse.BodyHandlers.ofInputStream());
    if (response.statusCode() != 200) {
      response.body().close();
      throw new IOException("S3 GET answered " + response.statusCode());
    }
    return response.body();
  }

  /** A presigned GET URL of the object, valid for a minute. */
  public URI presignedGet(String key) {
    ContentStorage.requireGeneratedKey(key);
    String path = objectPath(key);
    String query =
        signer.presignedQuery(
            "GET", path, host(), Map.of(), PRESIGN_FOR.toSeconds(), clock.instant());
    return URI.create(base() + path + "?" + query);
  }

  private String objectPath(String key) {
    String prefix = config.endpoint().getRawPath() == null ? "" : config.endpoint().getRawPath();
    prefix = prefix.replaceAll("/+$", "");
    return prefix
        + "/"
        + SigV4Signer.uriEncode(config.bucket(), true)
        + "/"
        + SigV4Signer.uriEncode(key, false);
  }

  private String base() {
    URI endpoint = config.endpoint();
    return endpoint.getScheme() + "://" + endpoint.getRawAuthority();
  }

  private String host() {
    return config.endpoint().getRawAuthority();
  }

  private <T> HttpResponse<T> send(HttpRequest request, HttpResponse.BodyHandler<T> handler)
      throws IOException {
    try {
      return client.send(request, handler);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted while talking to S3", e);
    }
  }

  private static String sha256Hex(Path file) throws IOException {
    try (var in =
        new DigestInputStream(Files.newInputStream(file), MessageDigest.getInstance("SHA-256"))) {
      in.transferTo(java.io.OutputStream.nullOutputStream());
      return HexFormat.of().formatHex(in.getMessageDigest().digest());
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("SHA-256 is unavailable", e);
    }
  }
}
