package io.influmeter.api.notifications;

import java.util.UUID;

/**
 * One rendered e-mail, ready for a {@link MailSender}.
 *
 * @param notificationId the outbox row it comes from (sent as a header, so receivers and tests can
 *     recognise a repeated delivery after a crash between sending and marking SENT)
 * @param to the recipient's current address
 * @param kind what it announces
 * @param subject one line, no control characters
 * @param text the plain-text body
 * @param html the same body as escaped HTML
 */
public record Email(
    UUID notificationId,
    String to,
    NotificationKind kind,
    String subject,
    String text,
    String html) {}
