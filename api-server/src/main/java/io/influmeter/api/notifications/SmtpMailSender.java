package io.influmeter.api.notifications;

import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.SendFailedException;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import java.nio.charset.StandardCharsets;
import java.util.Properties;

/**
 * Submits e-mails over SMTP with Jakarta Mail (Angus): one connection per e-mail, which is plenty
 * for the volume of notifications and leaves no idle connection for the server to time out. Every
 * e-mail is multipart/alternative: plain text first, the escaped HTML second.
 */
public final class SmtpMailSender implements MailSender {
  /** Lets receivers (and tests) recognise a repeated delivery of the same notification. */
  public static final String NOTIFICATION_HEADER = "X-Influmeter-Notification";

  private final SmtpConfig config;
  private final Session session;
  private final InternetAddress from;

  public SmtpMailSender(SmtpConfig config) {
    this.config = config;
    this.session = Session.getInstance(properties(config));
    try {
      this.from = new InternetAddress(config.from(), true);
    } catch (AddressException e) {
      throw new IllegalArgumentException("SMTP_FROM is not an e-mail address", e);
    }
  }

  static Properties properties(SmtpConfig config) {
    var properties = new Properties();
    properties.put("mail.smtp.host", config.host());
    properties.put("mail.smtp.port", String.valueOf(config.port()));
    properties.put("mail.smtp.auth", String.valueOf(config.username().isPresent()));
    // Required, not just enabled: a server (or a man in the middle) that drops STARTTLS must not
    // get the password or the mail in clear text.
    properties.put("mail.smtp.starttls.enable", String.valueOf(config.startTls()));
    properties.put("mail.smtp.starttls.required", String.valueOf(config.startTls()));
    properties.put("mail.smtp.ssl.checkserveridentity", "true");
    properties.put(
        "mail.smtp.connectiontimeout", String.valueOf(config.connectTimeout().toMillis()));
    properties.put("mail.smtp.timeout", String.valueOf(config.timeout().toMillis()));
    properties.put("mail.smtp.writetimeout", String.valueOf(config.timeout().toMillis()));
    return properties;
  }

  @Override
  public void send(Email email) throws MailDeliveryException {
    MimeMessage message;
    try {
      message = message(email);
    } catch (AddressException e) {
      throw new MailDeliveryException("recipient address is not valid", true, e);
    } catch (MessagingException e) {
      throw new MailDeliveryException("could not build the message: " + e.getMessage(), false, e);
    }
    try (Transport transport = session.getTransport("smtp")) {
      transport.connect(
          config.host(),
          config.port(),
          config.username().orElse(null),
          config.password().orElse(null));
      transport.sendMessage(message, message.getAllRecipients());
    } catch (SendFailedException e) {
      boolean rejectedRecipient =
          e.getInvalidAddresses() != null && e.getInvalidAddresses().length > 0;
      throw new MailDeliveryException(describe(e), rejectedRecipient, e);
    } catch (MessagingException e) {
      throw new MailDeliveryException(describe(e), false, e);
    }
  }

  private MimeMessage message(Email email) throws MessagingException {
    var message = new MimeMessage(session);
    message.setFrom(from);
    message.setRecipient(Message.RecipientType.TO, new InternetAddress(email.to(), true));
    message.setSubject(email.subject(), StandardCharsets.UTF_8.name());
    message.setHeader(NOTIFICATION_HEADER, email.notificationId().toString());
    var text = new MimeBodyPart();
    text.setText(email.text(), StandardCharsets.UTF_8.name(), "plain");
    var html = new MimeBodyPart();
    html.setText(email.html(), StandardCharsets.UTF_8.name(), "html");
    message.setContent(new MimeMultipart("alternative", text, html));
    message.saveChanges();
    return message;
  }

  /** The failure and its cause (connection refused, the server's reply), never credentials. */
  private static String describe(MessagingException e) {
    String message = e.getClass().getSimpleName() + ": " + e.getMessage();
    Exception next = e.getNextException();
    if (next != null) {
      message += " (" + next.getClass().getSimpleName() + ": " + next.getMessage() + ")";
    }
    return message;
  }
}
