package io.influmeter.local.demo;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;
import java.util.UUID;

/**
 * A signed-in account of the api-server. Access tokens are short-lived: a 401 signs in again once
 * and repeats the request, so a demo running for hours keeps working.
 */
public final class Session {

  private final ApiClient api;
  private final String email;
  private final String password;
  private volatile String token;
  private volatile UUID userId;

  private Session(ApiClient api, String email, String password) {
    this.api = api;
    this.email = email;
    this.password = password;
  }

  /** Signs in with an existing account. */
  public static Session login(ApiClient api, String email, String password) {
    Session session = new Session(api, email, password);
    session.signIn();
    return session;
  }

  /**
   * Signs in, registering the account first when it does not exist yet (a second start of the demo
   * finds the account of the first).
   *
   * @param organisation the brand's organisation name (null for other roles)
   */
  public static Session loginOrRegister(
      ApiClient api,
      String email,
      String password,
      String role,
      String displayName,
      String organisation) {
    Session session = new Session(api, email, password);
    ApiClient.Answer login = session.tryLogin();
    if (login.status() == 200) {
      session.keep(login.json());
      return session;
    }
    Map<String, Object> body =
        organisation == null
            ? Map.of("email", email, "password", password, "role", role, "displayName", displayName)
            : Map.of(
                "email",
                email,
                "password",
                password,
                "role",
                role,
                "displayName",
                displayName,
                "organisationName",
                organisation);
    session.keep(api.post("/auth/register", null, body).expect(201, "register " + email));
    return session;
  }

  public String email() {
    return email;
  }

  public UUID userId() {
    return userId;
  }

  public String token() {
    return token;
  }

  public JsonNode get(String path, int expected) {
    return call("GET", path, null).expect(expected, "GET " + path);
  }

  public JsonNode post(String path, Object body, int expected) {
    return call("POST", path, body).expect(expected, "POST " + path);
  }

  public JsonNode put(String path, Object body, int expected) {
    return call("PUT", path, body).expect(expected, "PUT " + path);
  }

  /** Sends a request as this account, signing in again once if the token expired. */
  public ApiClient.Answer call(String method, String path, Object body) {
    ApiClient.Answer answer = api.send(method, path, token, body);
    if (answer.status() != 401) {
      return answer;
    }
    signIn();
    return api.send(method, path, token, body);
  }

  private void signIn() {
    keep(tryLogin().expect(200, "sign in as " + email));
  }

  private ApiClient.Answer tryLogin() {
    return api.post("/auth/login", null, Map.of("email", email, "password", password));
  }

  private void keep(JsonNode tokens) {
    token = tokens.get("accessToken").asText();
    userId = UUID.fromString(tokens.at("/user/id").asText());
  }
}
