package io.influmeter.api.notifications;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.core.LogEvent;
import org.apache.logging.log4j.core.Logger;
import org.apache.logging.log4j.core.appender.AbstractAppender;
import org.apache.logging.log4j.core.config.Property;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;

@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class LogMailSenderTest {
  private final List<LogEvent> events = new CopyOnWriteArrayList<>();
  private final Logger logger = (Logger) LogManager.getLogger(LogMailSender.class);
  private final AbstractAppender capture =
      new AbstractAppender("capture", null, null, true, Property.EMPTY_ARRAY) {
        @Override
        public void append(LogEvent event) {
          events.add(event.toImmutable());
        }
      };
  private Level previous;

  @BeforeEach
  void capture() {
    previous = logger.getLevel();
    capture.start();
    logger.addAppender(capture);
  }

  @AfterEach
  void release() {
    logger.removeAppender(capture);
    logger.setLevel(previous);
    capture.stop();
  }

  private static Email email() {
    return new Email(
        UUID.randomUUID(),
        "creator@example.test",
        NotificationKind.CONTENT_CHANGES_REQUESTED,
        "Changes requested to your content for \"Summer\"",
        "What to change:\nthe private comment body",
        "<p>ignored</p>");
  }

  private List<String> messagesAt(Level level) {
    return events.stream()
        .filter(e -> e.getLevel() == level)
        .map(e -> e.getMessage().getFormattedMessage())
        .toList();
  }

  @Test
  void an_email_is_logged_at_info_with_a_masked_recipient_kind_and_subject_but_not_the_body() {
    logger.setLevel(Level.INFO);

    new LogMailSender().send(email());

    assertThat(messagesAt(Level.INFO))
        .singleElement()
        .asString()
        .contains("c***@example.test")
        .doesNotContain("creator@example.test")
        .contains("CONTENT_CHANGES_REQUESTED")
        .contains("Changes requested to your content for \"Summer\"")
        .doesNotContain("private comment body");
    assertThat(messagesAt(Level.DEBUG)).isEmpty();
  }

  @Test
  void the_body_is_logged_only_at_debug() {
    logger.setLevel(Level.DEBUG);

    new LogMailSender().send(email());

    assertThat(messagesAt(Level.DEBUG))
        .singleElement()
        .asString()
        .contains("private comment body")
        .contains("creator@example.test");
  }

  @Test
  void an_address_without_a_local_part_is_masked_whole() {
    assertThat(LogMailSender.masked("@example.test")).isEqualTo("***");
    assertThat(LogMailSender.masked("not-an-address")).isEqualTo("***");
    assertThat(LogMailSender.masked("a@b.test")).isEqualTo("a***@b.test");
  }
}
