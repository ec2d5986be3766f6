package io.influmeter.api.notifications;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * "Sends" by logging: the default when no SMTP server is configured, and what the local stack uses.
 * The kind, subject and a masked recipient ({@code c***@example.test}: logs are read by more people
 * than the address's owner) at INFO; the full address and the body only at DEBUG (bodies may quote
 * text users wrote). E-mails carry no secrets, so nothing else needs hiding.
 */
public final class LogMailSender implements MailSender {
  private static final Logger LOG = LoggerFactory.getLogger(LogMailSender.class);

  @Override
  public void send(Email email) {
    LOG.info(
        "e-mail {} to {} ({}): {}",
        email.notificationId(),
        masked(email.to()),
        email.kind(),
        email.subject());
    LOG.debug("e-mail {} to {} body:\n{}", email.notificationId(), email.to(), email.text());
  }

  /** The first character of the local part and the domain: enough to tell test inboxes apart. */
  static String masked(String address) {
    int at = address.lastIndexOf('@');
    if (at <= 0) {
      return "***";
    }
    return address.charAt(0) + "***" + address.substring(at);
  }
}
