package io.influmeter.api.notifications;

import java.util.Map;

/**
 * The subject and body of every {@link NotificationKind}, filled from the queued facts. A missing
 * fact renders as a visible placeholder ("[campaign name not given]") instead of failing: an e-mail
 * with a gap beats one that never arrives. Facts are user text (campaign names, comments, notes):
 * they are only ever inserted as text, never interpreted, and the HTML part is the escaped plain
 * text, so no fact can add markup or links.
 */
public final class NotificationTemplates {
  private static final int SUBJECT_FACT_LIMIT = 80;
  private static final String SIGNATURE =
      "\n\n-- \nInfluMeter\nYou receive this e-mail because of your InfluMeter account.";

  private record Draft(String subject, String body) {}

  /** A rendered e-mail. */
  public record Rendered(String subject, String text, String html) {}

  public Rendered render(NotificationKind kind, Map<String, String> facts) {
    var f = new Facts(facts);
    String campaign = f.get("campaignName", "campaign name");
    String subjectCampaign = shorten(campaign);
    Draft draft =
        switch (kind) {
          case CAMPAIGN_APPROVED -> {
            String subject = "Your campaign \"" + subjectCampaign + "\" is approved";
            String body =
                "Good news: your campaign \""
                    + campaign
                    + "\" was approved. It becomes active on its start date, and you can now invite"
                    + " influencers to it.\n\nCampaign: "
                    + f.get("campaignId", "campaign id");
            yield new Draft(subject, body);
          }
          case CAMPAIGN_REJECTED -> {
            String subject = "Your campaign \"" + subjectCampaign + "\" was not approved";
            String body =
                "Your campaign \""
                    + campaign
                    + "\" was not approved.\n\nReason given by the reviewer:\n"
                    + f.get("reason", "reason")
                    + "\n\nYou can edit the campaign and submit it again.\n\nCampaign: "
                    + f.get("campaignId", "campaign id");
            yield new Draft(subject, body);
          }
          case INVITATION -> {
            String brand = f.get("brandName", "brand name");
            String subject = shorten(brand) + " invites you to \"" + subjectCampaign + "\"";
            String body =
                brand
                    + " invites you to take part in the campaign \""
                    + campaign
                    + "\".\n\nOpen your invitations in InfluMeter to accept or decline.\n\nCampaign: "
                    + f.get("campaignId", "campaign id");
            yield new Draft(subject, body);
          }
          case APPLICATION_ACCEPTED -> {
            String subject = "Your application to \"" + subjectCampaign + "\" was accepted";
            String body =
                "Your application to the campaign \""
                    + campaign
                    + "\" was accepted. Your referral link and promo code are ready in InfluMeter."
                    + "\n\nCampaign: "
                    + f.get("campaignId", "campaign id");
            yield new Draft(subject, body);
          }
          case APPLICATION_DECLINED -> {
            String subject = "Your application to \"" + subjectCampaign + "\" was declined";
            String body =
                "The brand declined your application to the campaign \""
                    + campaign
                    + "\". Other campaigns that match your profile are waiting in InfluMeter."
                    + "\n\nCampaign: "
                    + f.get("campaignId", "campaign id");
            yield new Draft(subject, body);
          }
          case CONTENT_APPROVED -> {
            String subject = "Your content for \"" + subjectCampaign + "\" is approved";
            String body =
                "The brand approved your content for the campaign \""
                    + campaign
                    + "\"."
                    + f.optionalBlock("Comment", "comment")
                    + "\n\nContent: "
                    + f.get("contentId", "content id")
                    + "\nCampaign: "
                    + f.get("campaignId", "campaign id");
            yield new Draft(subject, body);
          }
          case CONTENT_CHANGES_REQUESTED -> {
            String subject = "Changes requested to your content for \"" + subjectCampaign + "\"";
            String body =
                "The brand asks for changes to your content for the campaign \""
                    + campaign
                    + "\".\n\nWhat to change:\n"
                    + f.get("comment", "comment")
                    + "\n\nUpload a new version in InfluMeter.\n\nContent: "
                    + f.get("contentId", "content id")
                    + "\nCampaign: "
                    + f.get("campaignId", "campaign id");
            yield new Draft(subject, body);
          }
          case CAMPAIGN_ENDING_SOON -> {
            String days = f.get("daysLeft", "days left");
            String subject = "\"" + subjectCampaign + "\" ends in " + days + " day" + plural(days);
            String body =
                "The campaign \""
                    + campaign
                    + "\" ends on "
                    + f.get("endsAt", "end date")
                    + " (in "
                    + days
                    + " day"
                    + plural(days)
                    + "). Clicks and orders after the end no longer earn commission."
                    + "\n\nCampaign: "
                    + f.get("campaignId", "campaign id");
            yield new Draft(subject, body);
          }
          case DISPUTE_RESOLVED -> {
            String subject = "Your dispute was resolved: " + shorten(f.get("outcome", "outcome"));
            String body =
                "An InfluMeter admin resolved the dispute "
                    + f.get("disputeId", "dispute id")
                    + ".\n\nOutcome: "
                    + f.get("outcome", "outcome")
                    + "\n\nNote from the admin:\n"
                    + f.get("note", "note");
            yield new Draft(subject, body);
          }
        };
    String subject = oneLine(draft.subject());
    String text = draft.body() + SIGNATURE;
    return new Rendered(subject, text, html(subject, text));
  }

  private static String plural(String count) {
    return count.equals("1") ? "" : "s";
  }

  private static String shorten(String value) {
    String line = oneLine(value);
    return line.length() <= SUBJECT_FACT_LIMIT
        ? line
        : line.substring(0, SUBJECT_FACT_LIMIT - 1) + "\u2026";
  }

  /** Subjects are one header line: control characters (CR, LF, ...) become spaces. */
  static String oneLine(String value) {
    return value.replaceAll("\\p{Cntrl}+", " ").strip();
  }

  private static String html(String subject, String text) {
    return "<!DOCTYPE html>\n<html><head><meta charset=\"utf-8\"><title>"
        + escape(subject)
        + "</title></head><body><p>"
        + escape(text).replace("\n\n", "</p>\n<p>").replace("\n", "<br>\n")
        + "</p></body></html>\n";
  }

  /** HTML-escapes text for element content and quoted attribute values. */
  static String escape(String value) {
    var out = new StringBuilder(value.length() + 16);
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      switch (c) {
        case '&' -> out.append("&amp;");
        case '<' -> out.append("&lt;");
        case '>' -> out.append("&gt;");
        case '"' -> out.append("&quot;");
        case '\'' -> out.append("&#39;");
        default -> out.append(c);
      }
    }
    return out.toString();
  }

  /** The facts of one e-mail, with placeholders for the missing ones. */
  private record Facts(Map<String, String> values) {
    String get(String key, String label) {
      String value = values.get(key);
      return value == null || value.isBlank() ? "[" + label + " not given]" : value;
    }

    /** A block only when the fact is there (an approval's comment is optional). */
    String optionalBlock(String title, String key) {
      String value = values.get(key);
      return value == null || value.isBlank() ? "" : "\n\n" + title + ":\n" + value;
    }
  }
}
