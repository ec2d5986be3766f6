package io.influmeter.api.content;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

/**
 * Where uploaded content is kept and how much is accepted.
 *
 * @param storageDir local directory of the files (used when {@code s3} is empty)
 * @param s3 an S3-compatible bucket instead of the local directory
 * @param uploadTempDir where multipart uploads are spooled while they arrive (never held in memory)
 * @param urlKey HMAC key of the expiring download URLs (never logged)
 * @param urlTtl how long a download URL works
 * @param maxImageBytes largest accepted image
 * @param maxVideoBytes largest accepted video
 * @param maxImageDimension largest accepted image width and height, in pixels
 */
public record ContentConfig(
    Path storageDir,
    Optional<S3Config> s3,
    Path uploadTempDir,
    byte[] urlKey,
    Duration urlTtl,
    long maxImageBytes,
    long maxVideoBytes,
    int maxImageDimension) {

  /** HMAC-SHA256 wants a key at least as long as its output. */
  public static final int MIN_URL_KEY_BYTES = 32;

  public static final long DEFAULT_MAX_IMAGE_BYTES = 10L * 1024 * 1024;
  public static final long DEFAULT_MAX_VIDEO_BYTES = 200L * 1024 * 1024;
  public static final int DEFAULT_MAX_IMAGE_DIMENSION = 8192;
  public static final Duration DEFAULT_URL_TTL = Duration.ofMinutes(5);

  public ContentConfig {
    urlKey = urlKey.clone();
    if (urlKey.length < MIN_URL_KEY_BYTES) {
      throw new IllegalArgumentException(
          "the content URL key must be at least " + MIN_URL_KEY_BYTES + " bytes");
    }
  }

  /** The largest multipart body an upload may have: the larger cap plus room for the form. */
  public long maxUploadRequestBytes() {
    return Math.max(maxImageBytes, maxVideoBytes) + 64 * 1024;
  }

  /**
   * An S3-compatible bucket, addressed path-style ({@code endpoint/bucket/key}), requests signed
   * with AWS Signature Version 4.
   */
  public record S3Config(
      URI endpoint, String region, String bucket, String accessKeyId, String secretAccessKey) {
    @Override
    public String toString() {
      return "S3Config[endpoint="
          + endpoint
          + ", region="
          + region
          + ", bucket="
          + bucket
          + ", accessKeyId="
          + accessKeyId
          + ", secretAccessKey=<redacted>]";
    }
  }

  @Override
  public String toString() {
    return "ContentConfig[storageDir="
        + storageDir
        + ", s3="
        + s3
        + ", urlKey=<redacted>, urlTtl="
        + urlTtl
        + ", maxImageBytes="
        + maxImageBytes
        + ", maxVideoBytes="
        + maxVideoBytes
        + ", maxImageDimension="
        + maxImageDimension
        + "]";
  }
}
