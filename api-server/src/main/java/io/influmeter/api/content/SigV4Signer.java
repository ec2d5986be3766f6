package io.influmeter.api.content;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.HexFormat;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.stream.Collectors;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * AWS Signature Version 4 as AWS documents it (canonical request, string to sign, derived signing
 * key), for header authentication and for presigned URLs. Written on the JDK alone so the S3 client
 * needs no SDK; checked against AWS's published test vectors.
 */
public final class SigV4Signer {
  public static final String ALGORITHM = "AWS4-HMAC-SHA256";
  public static final String UNSIGNED_PAYLOAD = "UNSIGNED-PAYLOAD";
  public static final DateTimeFormatter AMZ_DATE =
      DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);
  private static final DateTimeFormatter DATE =
      DateTimeFormatter.ofPattern("yyyyMMdd").withZone(ZoneOffset.UTC);

  private final String accessKeyId;
  private final String secretAccessKey;
  private final String region;
  private final String service;

  public SigV4Signer(String accessKeyId, String secretAccessKey, String region, String service) {
    this.accessKeyId = accessKeyId;
    this.secretAccessKey = secretAccessKey;
    this.region = region;
    this.service = service;
  }

  /**
   * The Authorization header value for a request. {@code headers} must hold every header to sign
   * (at least host and x-amz-date; names are lower-cased here); {@code path} is already
   * URI-encoded.
   */
  public String authorization(
      String method,
      String path,
      Map<String, String> query,
      Map<String, String> headers,
      String payloadHash,
      Instant at) {
    SortedMap<String, String> canonicalHeaders = canonicalHeaders(headers);
    String signedHeaders = String.join(";", canonicalHeaders.keySet());
    String signature =
        signature(method, path, query, canonicalHeaders, signedHeaders, payloadHash, at);
    return ALGORITHM
        + " Credential="
        + accessKeyId
        + "/"
        + scope(at)
        + ", SignedHeaders="
        + signedHeaders
        + ", Signature="
        + signature;
  }

  /**
   * The query string (without '?') of a presigned URL: the authentication parameters plus {@code
   * query}, signed over the host header only and an unsigned payload.
   */
  public String presignedQuery(
      String method,
      String path,
      String host,
      Map<String, String> query,
      long expiresSeconds,
      Instant at) {
    SortedMap<String, String> params = new TreeMap<>(query);
    params.put("X-Amz-Algorithm", ALGORITHM);
    params.put("X-Amz-Credential", accessKeyId + "/" + scope(at));
    params.put("X-Amz-Date", AMZ_DATE.format(at));
    params.put("X-Amz-Expires", Long.toString(expiresSeconds));
    params.put("X-Amz-SignedHeaders", "host");
    SortedMap<String, String> headers = canonicalHeaders(Map.of("host", host));
    String signature = signature(method, path, params, headers, "host", UNSIGNED_PAYLOAD, at);
    return canonicalQuery(params) + "&X-Amz-Signature=" + signature;
  }

  /** The signature of a request, as a server recomputes it to verify one. */
  public String signature(
      String method,
      String path,
      Map<String, String> query,
      SortedMap<String, String> canonicalHeaders,
      String signedHeaders,
      String payloadHash,
      Instant at) {
    String canonicalRequest =
        method
            + "\n"
            + path
            + "\n"
            + canonicalQuery(query)
            + "\n"
            + canonicalHeaders.entrySet().stream()
                .filter(e -> (";" + signedHeaders + ";").contains(";" + e.getKey() + ";"))
                .map(e -> e.getKey() + ":" + e.getValue() + "\n")
                .collect(Collectors.joining())
            + "\n"
            + signedHeaders
            + "\n"
            + payloadHash;
    String stringToSign =
        ALGORITHM
            + "\n"
            + AMZ_DATE.format(at)
            + "\n"
            + scope(at)
            + "\n"
            + sha256Hex(canonicalRequest);
    return HexFormat.of().formatHex(hmac(signingKey(at), stringToSign));
  }

  public String scope(Instant at) {
    return DATE.format(at) + "/" + region + "/" + service + "/aws4_request";
  }

  /** Header names lower-cased, values trimmed with inner runs of spaces collapsed, sorted. */
  public static SortedMap<String, String> canonicalHeaders(Map<String, String> headers) {
    SortedMap<String, String> canonical = new TreeMap<>();
    headers.forEach(
        (name, value) ->
            canonical.put(
                name.toLowerCase(java.util.Locale.ROOT), value.trim().replaceAll(" +", " ")));
    return canonical;
  }

  /** Names and values URI-encoded (RFC 3986 unreserved kept), sorted by encoded name. */
  public static String canonicalQuery(Map<String, String> query) {
    SortedMap<String, String> encoded = new TreeMap<>();
    query.forEach((name, value) -> encoded.put(uriEncode(name, true), uriEncode(value, true)));
    return encoded.entrySet().stream()
        .map(e -> e.getKey() + "=" + e.getValue())
        .collect(Collectors.joining("&"));
  }

  /** AWS's URI encoding: every byte but A-Z a-z 0-9 - _ . ~ (and '/' in paths) as %XY. */
  public static String uriEncode(String value, boolean encodeSlash) {
    StringBuilder out = new StringBuilder();
    for (byte b : value.getBytes(StandardCharsets.UTF_8)) {
      char c = (char) (b & 0xff);
      boolean unreserved =
          (c >= 'A' && c <= 'Z')
              || (c >= 'a' && c <= 'z')
              || (c >= '0' && c <= '9')
              || c == '-'
              || c == '_'
              || c == '.'
              || c == '~';
      if (unreserved || (c == '/' && !encodeSlash)) {
        out.append(c);
      } else {
        out.append('%').append(HexFormat.of().withUpperCase().toHexDigits(b));
      }
    }
    return out.toString();
  }

  public static String sha256Hex(String text) {
    return sha256Hex(text.getBytes(StandardCharsets.UTF_8));
  }

  public static String sha256Hex(byte[] bytes) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("SHA-256 is unavailable", e);
    }
  }

  private byte[] signingKey(Instant at) {
    byte[] date =
        hmac(("AWS4" + secretAccessKey).getBytes(StandardCharsets.UTF_8), DATE.format(at));
    byte[] regionKey = hmac(date, region);
    byte[] serviceKey = hmac(regionKey, service);
    return hmac(serviceKey, "aws4_request");
  }

  private static byte[] hmac(byte[] key, String data) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(key, "HmacSHA256"));
      return mac.doFinal(data.getBytes(StandardCharsets.UTF_8));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA256 is unavailable", e);
    }
  }
}
