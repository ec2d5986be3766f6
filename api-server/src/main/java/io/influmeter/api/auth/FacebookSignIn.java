package io.influmeter.api.auth;

import com.google.api.client.http.GenericUrl;
import com.google.api.client.http.HttpRequestFactory;
import com.google.api.client.http.HttpResponse;
import com.google.api.client.http.javanet.NetHttpTransport;
import com.google.api.client.json.GenericJson;
import com.google.api.client.json.JsonObjectParser;
import com.google.api.client.json.gson.GsonFactory;
import io.influmeter.api.ApiConfig.FacebookConfig;
import io.influmeter.api.http.ApiException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Facebook Login, server side of the OAuth2 authorization-code flow, as Facebook documents it:
 * {@code GET /oauth/access_token?client_id&redirect_uri&client_secret&code} for a user access
 * token, then {@code GET /me?fields=id,name,email} with it and {@code appsecret_proof} (HMAC-SHA256
 * of the token with the app secret, so a leaked token alone cannot call the Graph API as our app).
 * Facebook only returns {@code email} when the user has confirmed it.
 */
public final class FacebookSignIn {
  private final FacebookConfig config;
  private final HttpRequestFactory http;

  /** What we take from Facebook. */
  public record FacebookIdentity(String subject, String email, String name) {}

  public FacebookSignIn(FacebookConfig config) {
    this.config = config;
    var parser = new JsonObjectParser(GsonFactory.getDefaultInstance());
    this.http =
        new NetHttpTransport()
            .createRequestFactory(
                request -> {
                  request.setParser(parser);
                  request.setThrowExceptionOnExecuteError(false);
                  request.setConnectTimeout(5_000);
                  request.setReadTimeout(10_000);
                });
  }

  /** The identity behind an authorization code, or empty when Facebook refuses the code. */
  public Optional<FacebookIdentity> exchange(String code, String redirectUri) {
    try {
      var tokenUrl = new GenericUrl(config.graphUrl() + "/oauth/access_token");
      tokenUrl.put("client_id", config.appId());
      tokenUrl.put("redirect_uri", redirectUri);
      tokenUrl.put("client_secret", config.appSecret());
      tokenUrl.put("code", code);
      HttpResponse tokenResponse = http.buildGetRequest(tokenUrl).execute();
      if (!tokenResponse.isSuccessStatusCode()) {
        tokenResponse.disconnect();
        return Optional.empty();
      }
      Object accessToken = tokenResponse.parseAs(GenericJson.class).get("access_token");
      if (!(accessToken instanceof String token) || token.isEmpty()) {
        return Optional.empty();
      }
      var meUrl = new GenericUrl(config.graphUrl() + "/me");
      meUrl.put("fields", "id,name,email");
      meUrl.put("appsecret_proof", proof(token));
      var meRequest = http.buildGetRequest(meUrl);
      meRequest.getHeaders().setAuthorization("Bearer " + token);
      HttpResponse meResponse = meRequest.execute();
      if (!meResponse.isSuccessStatusCode()) {
        meResponse.disconnect();
        return Optional.empty();
      }
      GenericJson me = meResponse.parseAs(GenericJson.class);
      if (!(me.get("id") instanceof String id)) {
        return Optional.empty();
      }
      return Optional.of(
          new FacebookIdentity(
              id,
              me.get("email") instanceof String email ? email : null,
              me.get("name") instanceof String name ? name : null));
    } catch (IOException e) {
      throw new ApiException(
          503,
          "identity-provider-unavailable",
          "Identity provider unavailable",
          "Facebook login is temporarily unavailable.",
          List.of(),
          Map.of("Retry-After", "30"));
    }
  }

  private String proof(String accessToken) {
    try {
      var mac = Mac.getInstance("HmacSHA256");
      mac.init(
          new SecretKeySpec(config.appSecret().getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
      return HexFormat.of().formatHex(mac.doFinal(accessToken.getBytes(StandardCharsets.UTF_8)));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }
}
