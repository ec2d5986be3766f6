package io.influmeter.api.notifications;

/** Delivers one e-mail, or says why it could not. */
public interface MailSender {

  /** Sends {@code email}; returns only once the server accepted it. */
  void send(Email email) throws MailDeliveryException;

  /** A failed delivery; {@code permanent} ones (a malformed address) are not retried. */
  final class MailDeliveryException extends Exception {
    private static final long serialVersionUID = 1L;
    private final boolean permanent;

    public MailDeliveryException(String message, boolean permanent, Throwable cause) {
      super(message, cause);
      this.permanent = permanent;
    }

    public boolean permanent() {
      return permanent;
    }
  }
}
