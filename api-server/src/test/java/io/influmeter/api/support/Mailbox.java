package io.influmeter.api.support;

import com.icegreen.greenmail.configuration.GreenMailConfiguration;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import io.influmeter.api.ApiConfig;
import io.influmeter.api.notifications.NotificationConfig;
import io.influmeter.api.notifications.SmtpConfig;
import io.influmeter.api.notifications.SmtpMailSender;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * A real SMTP server in the test JVM (GreenMail) and the settings that make the api-server send to
 * it. Whole-story tests start one, hand {@link #configure} the server's configuration (which also
 * turns the notification worker on, polling every 100 ms) and wait for the e-mails they expect:
 *
 * <pre>{@code
 * try (var mailbox = Mailbox.start()) {
 *   api = TestApi.start(mailbox.configure(TestApi.config()), clock);
 *   ... // the story
 *   mailbox.awaitMessages("brand@example.test", 2, Duration.ofSeconds(30));
 * }
 * }</pre>
 */
public final class Mailbox implements AutoCloseable {
  public static final String FROM = "notifications@influmeter.test";

  private final GreenMail greenMail;
  private final int port;

  private Mailbox(GreenMail greenMail) {
    this.greenMail = greenMail;
    this.port = greenMail.getSmtp().getPort();
  }

  /** A server on a free port. */
  public static Mailbox start() {
    return start(new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_SMTP).dynamicPort());
  }

  /** A server on {@code port} (tests that first find the server down, then up). */
  public static Mailbox startOnPort(int port) {
    return start(new ServerSetup(port, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
  }

  private static Mailbox start(ServerSetup setup) {
    // A loaded machine can take a while to bind.
    setup.setServerStartupTimeout(30_000);
    var greenMail =
        new GreenMail(setup)
            .withConfiguration(GreenMailConfiguration.aConfig().withDisabledAuthentication());
    greenMail.start();
    return new Mailbox(greenMail);
  }

  public int port() {
    return port;
  }

  /** The SMTP settings of this server (plain SMTP on loopback, no login). */
  public SmtpConfig smtp() {
    return smtp(port);
  }

  /** SMTP settings for a server on {@code port} of loopback, which may not be running. */
  public static SmtpConfig smtp(int port) {
    return new SmtpConfig(
        "127.0.0.1",
        port,
        Optional.empty(),
        Optional.empty(),
        FROM,
        false,
        Duration.ofSeconds(5),
        Duration.ofSeconds(10));
  }

  /** Notification settings that send here, with the worker on and polling every 100 ms. */
  public NotificationConfig notifications() {
    return NotificationConfig.defaults()
        .withWorkerEnabled(true)
        .withPollInterval(Duration.ofMillis(100))
        .withSmtp(smtp());
  }

  /** {@code config} sending its e-mails to this server. */
  public ApiConfig configure(ApiConfig config) {
    return config.withNotifications(notifications());
  }

  /** One received e-mail, decoded. */
  public record Received(
      String to, String from, String subject, String text, String html, String notificationId) {}

  /** Everything received so far, in arrival order. */
  public List<Received> all() {
    return Arrays.stream(greenMail.getReceivedMessages()).map(Mailbox::decode).toList();
  }

  /** What {@code recipient} received so far. */
  public List<Received> messagesTo(String recipient) {
    return all().stream().filter(m -> m.to().equalsIgnoreCase(recipient)).toList();
  }

  /**
   * Waits until {@code recipient} received at least {@code count} e-mails; fails listing what did
   * arrive when the deadline passes first.
   */
  public List<Received> awaitMessages(String recipient, int count, Duration timeout) {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (true) {
      List<Received> received = messagesTo(recipient);
      if (received.size() >= count) {
        return received;
      }
      if (System.nanoTime() > deadline) {
        throw new AssertionError(
            "expected "
                + count
                + " e-mails to "
                + recipient
                + " within "
                + timeout
                + ", got "
                + received.size()
                + "; all received: "
                + summary());
      }
      try {
        Thread.sleep(50);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new AssertionError("interrupted", e);
      }
    }
  }

  private String summary() {
    List<String> lines = new ArrayList<>();
    for (Received m : all()) {
      lines.add(m.to() + ": " + m.subject());
    }
    return lines.toString();
  }

  private static Received decode(MimeMessage message) {
    try {
      var content = (MimeMultipart) message.getContent();
      String text = (String) content.getBodyPart(0).getContent();
      String html = (String) content.getBodyPart(1).getContent();
      String to = message.getRecipients(Message.RecipientType.TO)[0].toString();
      String[] id = message.getHeader(SmtpMailSender.NOTIFICATION_HEADER);
      return new Received(
          to,
          message.getFrom()[0].toString(),
          message.getSubject(),
          text,
          html,
          id == null ? null : id[0]);
    } catch (MessagingException | IOException e) {
      throw new AssertionError("unreadable e-mail", e);
    }
  }

  @Override
  public void close() {
    greenMail.stop();
  }
}
