package io.influmeter.api.content;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The signer against the test vectors AWS publishes for Signature Version 4. */
class SigV4SignerTest {
  private static final String EMPTY_SHA256 =
      "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";

  @Test
  void the_get_vanilla_vector_of_the_sigv4_test_suite_gives_the_published_signature() {
    var signer =
        new SigV4Signer(
            "AKIDEXAMPLE", "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY", "us-east-1", "service");
    Map<String, String> headers = new LinkedHashMap<>();
    headers.put("Host", "example.amazonaws.com");
    headers.put("X-Amz-Date", "20150830T123600Z");

    String authorization =
        signer.authorization(
            "GET", "/", Map.of(), headers, EMPTY_SHA256, Instant.parse("2015-08-30T12:36:00Z"));

    assertThat(authorization)
        .isEqualTo(
            "AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20150830/us-east-1/service/aws4_request,"
                + " SignedHeaders=host;x-amz-date,"
                + " Signature=5fa00fa31553b73ebf1942676e86291e8372ff2a2260956d9b8aae1d763fbf31");
  }

  @Test
  void the_s3_get_object_example_with_header_authentication_gives_the_published_signature() {
    var signer =
        new SigV4Signer(
            "AKIAIOSFODNN7EXAMPLE", "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY", "us-east-1", "s3");
    Map<String, String> headers = new LinkedHashMap<>();
    headers.put("Host", "examplebucket.s3.amazonaws.com");
    headers.put("Range", "bytes=0-9");
    headers.put("x-amz-content-sha256", EMPTY_SHA256);
    headers.put("x-amz-date", "20130524T000000Z");

    String authorization =
        signer.authorization(
            "GET",
            "/test.txt",
            Map.of(),
            headers,
            EMPTY_SHA256,
            Instant.parse("2013-05-24T00:00:00Z"));

    assertThat(authorization)
        .endsWith("Signature=f0e8bdb87c964420e857bd35b5d6ed310bd44f0170aba48dd91039c6036bdb41");
  }

  @Test
  void the_s3_presigned_url_example_gives_the_published_signature() {
    var signer =
        new SigV4Signer(
            "AKIAIOSFODNN7EXAMPLE", "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY", "us-east-1", "s3");

    String query =
        signer.presignedQuery(
            "GET",
            "/test.txt",
            "examplebucket.s3.amazonaws.com",
            Map.of(),
            86400,
            Instant.parse("2013-05-24T00:00:00Z"));

    assertThat(query)
        .isEqualTo(
            "X-Amz-Algorithm=AWS4-HMAC-SHA256"
                + "&X-Amz-Credential=AKIAIOSFODNN7EXAMPLE%2F20130524%2Fus-east-1%2Fs3%2Faws4_request"
                + "&X-Amz-Date=20130524T000000Z&X-Amz-Expires=86400&X-Amz-SignedHeaders=host"
                + "&X-Amz-Signature=aeeed9bbccd4d02ee5c0109b86d86835f995330da4c265957d157751f604d404");
  }

  @Test
  void uri_encoding_keeps_unreserved_characters_and_encodes_the_rest_as_upper_case_hex() {
    assertThat(SigV4Signer.uriEncode("a-b_c.d~e f/g+h=é", true))
        .isEqualTo("a-b_c.d~e%20f%2Fg%2Bh%3D%C3%A9");
    assertThat(SigV4Signer.uriEncode("dir/file name", false)).isEqualTo("dir/file%20name");
  }
}
