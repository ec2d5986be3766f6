package io.influmeter.api.notifications;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class NotificationTemplatesTest {
  private final NotificationTemplates templates = new NotificationTemplates();

  /** Every fact any kind uses, each with a recognisable value. */
  private static Map<String, String> allFacts() {
    var facts = new HashMap<String, String>();
    facts.put("campaignId", "c0ffee00-0000-4000-8000-000000000001");
    facts.put("campaignName", "Summer Glow 2027");
    facts.put("reason", "The landing page is not reachable");
    facts.put("brandName", "Acme Cosmetics");
    facts.put("contentId", "d00d0000-0000-4000-8000-000000000002");
    facts.put("comment", "Please show the product label");
    facts.put("endsAt", "2027-07-31 23:59 UTC");
    facts.put("daysLeft", "3");
    facts.put("disputeId", "0d150000-0000-4000-8000-000000000003");
    facts.put("outcome", "UPHELD");
    facts.put("note", "The conversion is credited to you");
    return facts;
  }

  /** The facts each kind's callers pass (see the feature briefs), all of which must show. */
  private static String[] factsOf(NotificationKind kind) {
    return switch (kind) {
      case CAMPAIGN_APPROVED -> new String[] {"campaignId", "campaignName"};
      case CAMPAIGN_REJECTED -> new String[] {"campaignId", "campaignName", "reason"};
      case INVITATION -> new String[] {"campaignId", "campaignName", "brandName"};
      case APPLICATION_ACCEPTED, APPLICATION_DECLINED ->
          new String[] {"campaignId", "campaignName"};
      case CONTENT_APPROVED, CONTENT_CHANGES_REQUESTED ->
          new String[] {"campaignId", "campaignName", "contentId", "comment"};
      case CAMPAIGN_ENDING_SOON ->
          new String[] {"campaignId", "campaignName", "endsAt", "daysLeft"};
      case DISPUTE_RESOLVED -> new String[] {"disputeId", "outcome", "note"};
    };
  }

  @ParameterizedTest
  @EnumSource(NotificationKind.class)
  void every_kind_renders_a_subject_and_a_body_showing_all_its_facts(NotificationKind kind) {
    var rendered = templates.render(kind, allFacts());

    assertThat(rendered.subject()).isNotBlank().doesNotContain("\n").doesNotContain("not given");
    for (String fact : factsOf(kind)) {
      assertThat(rendered.text()).as(fact).contains(allFacts().get(fact));
    }
    assertThat(rendered.text()).doesNotContain("not given");
    assertThat(rendered.html()).startsWith("<!DOCTYPE html>").contains("<p>");
  }

  @ParameterizedTest
  @EnumSource(NotificationKind.class)
  void every_kind_renders_with_no_facts_at_all_showing_placeholders(NotificationKind kind) {
    var rendered = templates.render(kind, Map.of());

    assertThat(rendered.subject()).isNotBlank();
    assertThat(rendered.text()).contains("not given]");
  }

  @Test
  void subjects_name_what_happened() {
    var facts = allFacts();
    assertThat(templates.render(NotificationKind.CAMPAIGN_APPROVED, facts).subject())
        .isEqualTo("Your campaign \"Summer Glow 2027\" is approved");
    assertThat(templates.render(NotificationKind.INVITATION, facts).subject())
        .isEqualTo("Acme Cosmetics invites you to \"Summer Glow 2027\"");
    assertThat(templates.render(NotificationKind.CAMPAIGN_ENDING_SOON, facts).subject())
        .isEqualTo("\"Summer Glow 2027\" ends in 3 days");
    facts.put("daysLeft", "1");
    assertThat(templates.render(NotificationKind.CAMPAIGN_ENDING_SOON, facts).subject())
        .isEqualTo("\"Summer Glow 2027\" ends in 1 day");
  }

  @Test
  void an_approval_without_a_comment_leaves_the_comment_out_instead_of_a_placeholder() {
    var facts = allFacts();
    facts.remove("comment");

    var rendered = templates.render(NotificationKind.CONTENT_APPROVED, facts);

    assertThat(rendered.text()).doesNotContain("Comment").doesNotContain("not given");
  }

  @Test
  void user_text_is_escaped_in_the_html_part_and_kept_literal_in_the_text_part() {
    var facts = allFacts();
    facts.put("campaignName", "<script>alert(1)</script> & <a href=\"https://evil.test\">win</a>");
    facts.put("comment", "<img src=x onerror=alert(2)> 'quoted'");

    var rendered = templates.render(NotificationKind.CONTENT_CHANGES_REQUESTED, facts);

    assertThat(rendered.html())
        .doesNotContain("<script>")
        .doesNotContain("<a href")
        .doesNotContain("<img")
        .contains(
            "&lt;script&gt;alert(1)&lt;/script&gt; &amp; &lt;a href=&quot;https://evil.test&quot;&gt;")
        .contains("&lt;img src=x onerror=alert(2)&gt; &#39;quoted&#39;");
    assertThat(rendered.text()).contains("<img src=x onerror=alert(2)> 'quoted'");
  }

  @Test
  void line_breaks_in_facts_cannot_add_header_lines_to_the_subject() {
    var facts = allFacts();
    facts.put("campaignName", "Sale\r\nBcc: everyone@example.test");

    var subject = templates.render(NotificationKind.CAMPAIGN_APPROVED, facts).subject();

    assertThat(subject).doesNotContain("\r").doesNotContain("\n").contains("Sale Bcc:");
  }

  @Test
  void long_names_are_shortened_in_the_subject_but_complete_in_the_body() {
    var facts = allFacts();
    String longName = "N".repeat(300);
    facts.put("campaignName", longName);

    var rendered = templates.render(NotificationKind.CAMPAIGN_APPROVED, facts);

    assertThat(rendered.subject().length()).isLessThan(120);
    assertThat(rendered.text()).contains(longName);
  }
}
