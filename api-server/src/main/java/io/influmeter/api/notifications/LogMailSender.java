package io.influmeter.api.notifications;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * "Sends" by logging: the default when no SMTP server is configured, and what the local stack uses.
 * The recipient, kind and subject at INFO, the body only at DEBUG (bodies may quote text users
 * wrote). E-mails carry no secrets, so nothing else needs hiding.
 */
public final class LogMailSender implements MailSender {
  private static final Logger LOG = LoggerFactory.getLogger(LogMailSender.class);

  @Override
  public void send(Email email) {
    LOG.info(
        "e-mail {} to {} ({}): {}",
        email.notificationId(),
        email.to(),
        email.kind(),
        email.subject());
    LOG.debug("e-mail {} body:\n{}", email.notificationId(), email.text());
  }
}
