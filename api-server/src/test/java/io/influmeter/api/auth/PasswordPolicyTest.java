package io.influmeter.api.auth;

import static org.assertj.core.api.Assertions.assertThat;

import io.influmeter.api.support.ApiTest;
import java.util.Map;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class PasswordPolicyTest extends ApiTest {

  private io.influmeter.api.support.Http.Response register(String email, String password) {
    return http.post(
        "/auth/register",
        Map.of(
            "email", email, "password", password, "role", "INFLUENCER", "displayName", "Someone"));
  }

  @ParameterizedTest(name = "\"{0}\" is refused because it {1}")
  @CsvSource({
    "short1,must be at least 10 characters",
    "Password123,is too common",
    "QWERTYUIOP,is too common",
    "wanjiku.kamau-2026,must not contain your email address"
  })
  void weak_passwords_are_refused_with_a_message_on_the_password_field(
      String password, String why) {
    var response = register("wanjiku.kamau@example.test", password);

    assertThat(response.status()).isEqualTo(400);
    assertThat(response.json().at("/errors/0/field").asText()).isEqualTo("password");
    assertThat(response.json().at("/errors/0/message").asText()).isEqualTo(why);
  }

  @Test
  void a_password_longer_than_128_characters_is_refused() {
    var response = register("long@example.test", "x".repeat(129));

    assertThat(response.status()).isEqualTo(400);
    assertThat(response.json().at("/errors/0/message").asText())
        .isEqualTo("must be at most 128 characters");
  }

  @Test
  void a_long_uncommon_passphrase_is_accepted_and_stored_as_argon2id() {
    var response = register("fine@example.test", "violet tractor under moonlight");

    assertThat(response.status()).isEqualTo(201);
    String stored =
        io.influmeter.api.support.TestDatabase.get()
            .dsl()
            .select(io.influmeter.api.db.Tables.USERS.PASSWORD_HASH)
            .from(io.influmeter.api.db.Tables.USERS)
            .fetchOne(io.influmeter.api.db.Tables.USERS.PASSWORD_HASH);
    assertThat(stored).startsWith("$argon2id$v=19$m=19456,t=2,p=1$");
  }
}
