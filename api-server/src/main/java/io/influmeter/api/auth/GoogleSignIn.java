package io.influmeter.api.auth;

import com.google.api.client.googleapis.auth.oauth2.GoogleIdToken;
import com.google.api.client.googleapis.auth.oauth2.GoogleIdTokenVerifier;
import com.google.api.client.googleapis.auth.oauth2.GooglePublicKeysManager;
import com.google.api.client.http.javanet.NetHttpTransport;
import com.google.api.client.json.gson.GsonFactory;
import io.influmeter.api.ApiConfig.GoogleConfig;
import io.influmeter.api.http.ApiException;
import java.io.IOException;
import java.security.GeneralSecurityException;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Verifies Google ID tokens with Google's own client library: signature against the certificates
 * Google publishes (fetched from the configured URL and cached as its Cache-Control says), {@code
 * aud} among our client ids, {@code iss}, {@code exp}/{@code iat} (with the library's 5 minute
 * skew), and then {@code email_verified}.
 */
public final class GoogleSignIn {
  private final GoogleIdTokenVerifier verifier;

  /** What we take from a verified token. */
  public record GoogleIdentity(String subject, String email, String name) {}

  public GoogleSignIn(GoogleConfig config, Clock clock) {
    com.google.api.client.util.Clock googleClock = clock::millis;
    var keys =
        new GooglePublicKeysManager.Builder(
                new NetHttpTransport(), GsonFactory.getDefaultInstance())
            .setPublicCertsEncodedUrl(config.certsUrl().toString())
            .setClock(googleClock)
            .build();
    this.verifier =
        new GoogleIdTokenVerifier.Builder(keys)
            .setAudience(config.clientIds())
            .setIssuers(config.issuers())
            .setClock(googleClock)
            .build();
  }

  /** The identity in {@code idToken}, or empty when the token is not valid for us. */
  public Optional<GoogleIdentity> verify(String idToken) {
    GoogleIdToken token;
    try {
      token = verifier.verify(idToken);
    } catch (IOException e) {
      // Google's keys could not be fetched: not the caller's fault, and not a valid sign-in.
      throw new ApiException(
          503,
          "identity-provider-unavailable",
          "Identity provider unavailable",
          "Google sign-in is temporarily unavailable.",
          List.of(),
          Map.of("Retry-After", "30"));
    } catch (GeneralSecurityException | RuntimeException e) {
      return Optional.empty();
    }
    if (token == null) {
      return Optional.empty();
    }
    GoogleIdToken.Payload payload = token.getPayload();
    if (!Boolean.TRUE.equals(payload.getEmailVerified())
        || payload.getEmail() == null
        || payload.getSubject() == null) {
      return Optional.empty();
    }
    Object name = payload.get("name");
    return Optional.of(
        new GoogleIdentity(
            payload.getSubject(), payload.getEmail(), name instanceof String s ? s : null));
  }
}
