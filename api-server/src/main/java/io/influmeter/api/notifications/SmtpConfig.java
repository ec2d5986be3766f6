package io.influmeter.api.notifications;

import java.time.Duration;
import java.util.Optional;

/**
 * Where e-mails are submitted.
 *
 * @param host SMTP server
 * @param port SMTP port (587 = submission with STARTTLS, 465 is not supported: use STARTTLS)
 * @param username login, empty = no authentication
 * @param password password of the login (never logged)
 * @param from the From address of every e-mail
 * @param startTls require STARTTLS before authenticating and sending (off only for local relays)
 * @param connectTimeout how long to wait for the connection
 * @param timeout how long to wait for each reply and write of the conversation
 */
public record SmtpConfig(
    String host,
    int port,
    Optional<String> username,
    Optional<String> password,
    String from,
    boolean startTls,
    Duration connectTimeout,
    Duration timeout) {

  public static final int DEFAULT_PORT = 587;
  public static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(10);
  public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(30);

  @Override
  public String toString() {
    return "SmtpConfig[host="
        + host
        + ", port="
        + port
        + ", username="
        + username.orElse("<none>")
        + ", password="
        + (password.isPresent() ? "<redacted>" : "<none>")
        + ", from="
        + from
        + ", startTls="
        + startTls
        + ", connectTimeout="
        + connectTimeout
        + ", timeout="
        + timeout
        + "]";
  }
}
