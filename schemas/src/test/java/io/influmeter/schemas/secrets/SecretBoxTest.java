package io.influmeter.schemas.secrets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import java.util.Base64;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;

@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class SecretBoxTest {
  private static final byte[] KEY = filled(32, 7);
  private static final byte[] OTHER_KEY = filled(32, 9);

  @Test
  void a_sealed_secret_opens_to_the_original_and_does_not_contain_it() {
    var box = new SecretBox(KEY);
    String secret = "whsec_shopify-signing-secret-ünïcode";

    String sealed = box.seal(secret);

    assertThat(sealed).startsWith("v1:").doesNotContain(secret).doesNotContain("whsec");
    assertThat(box.open(sealed)).isEqualTo(secret);
  }

  @Test
  void sealing_twice_gives_different_texts_because_each_has_a_fresh_nonce() {
    var box = new SecretBox(KEY);

    String first = box.seal("same");
    String second = box.seal("same");

    assertThat(first).isNotEqualTo(second);
    byte[] a = Base64.getDecoder().decode(first.substring(3));
    byte[] b = Base64.getDecoder().decode(second.substring(3));
    assertThat(Arrays.copyOf(a, 12)).isNotEqualTo(Arrays.copyOf(b, 12));
    // nonce (12) + ciphertext (4) + tag (16)
    assertThat(a).hasSize(12 + 4 + 16);
  }

  @Test
  void every_flipped_bit_of_a_sealed_secret_is_detected() {
    var box = new SecretBox(KEY);
    byte[] raw = Base64.getDecoder().decode(box.seal("tamper me").substring(3));

    for (int i = 0; i < raw.length; i++) {
      byte[] tampered = raw.clone();
      tampered[i] ^= 0x01;
      String text = "v1:" + Base64.getEncoder().encodeToString(tampered);
      assertThatThrownBy(() -> box.open(text))
          .as("byte " + i)
          .isInstanceOf(SecretBox.SealedSecretException.class)
          .hasMessageContaining("altered");
    }
  }

  @Test
  void a_secret_sealed_with_another_key_does_not_open() {
    String sealed = new SecretBox(OTHER_KEY).seal("secret");

    assertThatThrownBy(() -> new SecretBox(KEY).open(sealed))
        .isInstanceOf(SecretBox.SealedSecretException.class)
        .hasMessageContaining("another key");
  }

  @Test
  void plain_truncated_or_non_base64_texts_are_refused() {
    var box = new SecretBox(KEY);

    assertThatThrownBy(() -> box.open("whsec_plain")).hasMessageContaining("v1:");
    assertThatThrownBy(() -> box.open("v1:AAAA")).hasMessageContaining("truncated");
    assertThatThrownBy(() -> box.open("v1:***")).hasMessageContaining("base64");
  }

  @Test
  void keys_must_be_32_bytes_of_base64_and_are_never_printed() {
    String base64 = Base64.getEncoder().encodeToString(KEY);
    var box = SecretBox.fromBase64Key(base64);

    assertThat(box.open(new SecretBox(KEY).seal("x"))).isEqualTo("x");
    assertThat(box.toString()).doesNotContain(base64);
    assertThatThrownBy(() -> new SecretBox(new byte[16])).hasMessageContaining("32 bytes");
    assertThatThrownBy(() -> SecretBox.fromBase64Key("not base64!"))
        .hasMessage("the key is not base64");
    assertThatThrownBy(
            () -> SecretBox.fromBase64Key(Base64.getEncoder().encodeToString(new byte[31])))
        .hasMessageContaining("32 bytes");
  }

  private static byte[] filled(int length, int value) {
    byte[] bytes = new byte[length];
    Arrays.fill(bytes, (byte) value);
    return bytes;
  }
}
