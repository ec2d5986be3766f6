package io.influmeter.api.support;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.sun.net.httpserver.HttpServer;
import io.influmeter.api.ApiConfig;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.Signature;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import java.util.Map;
import org.bouncycastle.asn1.ASN1EncodableVector;
import org.bouncycastle.asn1.ASN1Encoding;
import org.bouncycastle.asn1.ASN1Integer;
import org.bouncycastle.asn1.DERBitString;
import org.bouncycastle.asn1.DERNull;
import org.bouncycastle.asn1.DERSequence;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.asn1.x509.TBSCertificate;
import org.bouncycastle.asn1.x509.Time;
import org.bouncycastle.asn1.x509.V3TBSCertificateGenerator;

/**
 * A local stand-in for Google's certificate endpoint, in Google's documented format
 * (https://www.googleapis.com/oauth2/v1/certs: a JSON object of key id to PEM X.509 certificate,
 * with Cache-Control max-age), and a minter of ID tokens signed the way Google signs them (RS256,
 * {@code kid} header).
 */
public final class FakeGoogle implements AutoCloseable {
  public static final String CLIENT_ID = "influmeter-web.apps.googleusercontent.com";
  public static final String ISSUER = "https://accounts.google.com";
  public static final String KEY_ID = "test-key-1";

  private final KeyPair keys;
  private final KeyPair otherKeys;
  private final HttpServer server;

  public FakeGoogle() {
    try {
      var generator = KeyPairGenerator.getInstance("RSA");
      generator.initialize(2048);
      keys = generator.generateKeyPair();
      otherKeys = generator.generateKeyPair();
      String pem = pem(selfSigned(keys));
      byte[] body = new ObjectMapper().writeValueAsBytes(Map.of(KEY_ID, pem));
      server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
      server.createContext(
          "/oauth2/v1/certs",
          exchange -> {
            exchange.getResponseHeaders().add("Content-Type", "application/json; charset=UTF-8");
            exchange
                .getResponseHeaders()
                .add("Cache-Control", "public, max-age=19800, must-revalidate, no-transform");
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
          });
      server.start();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  public ApiConfig.GoogleConfig config() {
    return new ApiConfig.GoogleConfig(
        List.of(CLIENT_ID),
        URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/oauth2/v1/certs"),
        List.of(ISSUER, "accounts.google.com"));
  }

  /** Claims as Google puts them in an ID token, valid for an hour from {@code now}. */
  public static JWTClaimsSet.Builder claims(Instant now, String subject, String email) {
    return new JWTClaimsSet.Builder()
        .issuer(ISSUER)
        .audience(CLIENT_ID)
        .subject(subject)
        .claim("azp", CLIENT_ID)
        .claim("email", email)
        .claim("email_verified", true)
        .claim("name", "Murugi Wanjiku")
        .issueTime(Date.from(now))
        .expirationTime(Date.from(now.plus(Duration.ofHours(1))));
  }

  /** Signed with the key the certificate endpoint publishes. */
  public String sign(JWTClaimsSet claims) {
    return sign(claims, keys);
  }

  /** Signed with a key Google never published, under the published key id. */
  public String signWithUnpublishedKey(JWTClaimsSet claims) {
    return sign(claims, otherKeys);
  }

  private static String sign(JWTClaimsSet claims, KeyPair pair) {
    try {
      var header =
          new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(KEY_ID).type(JOSEObjectType.JWT).build();
      var jwt = new SignedJWT(header, claims);
      jwt.sign(new RSASSASigner(pair.getPrivate()));
      return jwt.serialize();
    } catch (com.nimbusds.jose.JOSEException e) {
      throw new IllegalStateException(e);
    }
  }

  private static X509Certificate selfSigned(KeyPair pair)
      throws GeneralSecurityException, IOException {
    var name = new X500Name("CN=fake-google-signing-key");
    var algorithm =
        new AlgorithmIdentifier(PKCSObjectIdentifiers.sha256WithRSAEncryption, DERNull.INSTANCE);
    var tbs = new V3TBSCertificateGenerator();
    tbs.setSerialNumber(new ASN1Integer(BigInteger.ONE));
    tbs.setIssuer(name);
    tbs.setSubject(name);
    tbs.setStartDate(new Time(Date.from(Instant.now().minus(Duration.ofDays(1)))));
    tbs.setEndDate(new Time(Date.from(Instant.now().plus(Duration.ofDays(365)))));
    tbs.setSignature(algorithm);
    tbs.setSubjectPublicKeyInfo(SubjectPublicKeyInfo.getInstance(pair.getPublic().getEncoded()));
    TBSCertificate certificate = tbs.generateTBSCertificate();
    var signer = Signature.getInstance("SHA256withRSA");
    signer.initSign(pair.getPrivate());
    signer.update(certificate.getEncoded(ASN1Encoding.DER));
    var sequence = new ASN1EncodableVector();
    sequence.add(certificate);
    sequence.add(algorithm);
    sequence.add(new DERBitString(signer.sign()));
    byte[] der = new DERSequence(sequence).getEncoded(ASN1Encoding.DER);
    return (X509Certificate)
        CertificateFactory.getInstance("X.509").generateCertificate(new ByteArrayInputStream(der));
  }

  private static String pem(X509Certificate certificate) throws GeneralSecurityException {
    String base64 =
        Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
            .encodeToString(certificate.getEncoded());
    return "-----BEGIN CERTIFICATE-----\n" + base64 + "\n-----END CERTIFICATE-----\n";
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
