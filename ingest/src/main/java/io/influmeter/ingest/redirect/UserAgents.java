package io.influmeter.ingest.redirect;

import java.util.List;
import java.util.Locale;

/**
 * Device, OS and browser families and bot detection from the User-Agent header, by ordered
 * substring rules: cheap enough for the redirect path, and the families the dashboard shows. In-app
 * browsers (Instagram, TikTok, Facebook) matter most for influencer traffic, so they are checked
 * before the engines they embed.
 */
public final class UserAgents {

  /** Parsed families; null where unknown. */
  public record Parsed(String device, String os, String browser) {}

  // Link-preview fetchers unfurl a link pasted in a chat: a request, but never a shopper.
  private static final List<String> LINK_PREVIEWS =
      List.of(
          "slackbot",
          "slack-imgproxy",
          "twitterbot",
          "facebookexternalhit",
          "facebookcatalog",
          "whatsapp",
          "telegrambot",
          "discordbot",
          "linkedinbot",
          "skypeuripreview",
          "pinterestbot",
          "redditbot",
          "embedly",
          "iframely",
          "vkshare",
          "applebot",
          "snapchat-link-preview");

  private static final List<String> BOTS =
      List.of(
          "bot",
          "crawl",
          "spider",
          "slurp",
          "headlesschrome",
          "phantomjs",
          "curl/",
          "wget/",
          "python-requests",
          "python-urllib",
          "aiohttp",
          "go-http-client",
          "okhttp",
          "java/",
          "apache-httpclient",
          "libwww-perl",
          "scrapy",
          "node-fetch",
          "axios/",
          "lighthouse",
          "pingdom",
          "uptimerobot");

  private UserAgents() {}

  /** Why this request is a bot, or null for a human-looking one. */
  public static String botReason(String userAgent, boolean headRequest) {
    if (headRequest) {
      return "head-request";
    }
    if (userAgent == null || userAgent.isBlank()) {
      return "empty-user-agent";
    }
    String lower = userAgent.toLowerCase(Locale.ROOT);
    for (String marker : LINK_PREVIEWS) {
      if (lower.contains(marker)) {
        return "link-preview";
      }
    }
    for (String marker : BOTS) {
      if (lower.contains(marker)) {
        return "user-agent-list";
      }
    }
    return null;
  }

  public static Parsed parse(String userAgent) {
    if (userAgent == null || userAgent.isBlank()) {
      return new Parsed(null, null, null);
    }
    String ua = userAgent.toLowerCase(Locale.ROOT);
    return new Parsed(device(ua), os(ua), browser(ua));
  }

  private static String device(String ua) {
    if (ua.contains("ipad")
        || ua.contains("tablet")
        || (ua.contains("android") && !ua.contains("mobile"))) {
      return "tablet";
    }
    if (ua.contains("mobi")
        || ua.contains("iphone")
        || ua.contains("ipod")
        || ua.contains("android")) {
      return "mobile";
    }
    if (ua.contains("smart-tv")
        || ua.contains("smarttv")
        || ua.contains("tizen")
        || ua.contains("webos")) {
      return "tv";
    }
    if (ua.contains("windows")
        || ua.contains("macintosh")
        || ua.contains("x11")
        || ua.contains("cros")) {
      return "desktop";
    }
    return "other";
  }

  private static String os(String ua) {
    if (ua.contains("iphone") || ua.contains("ipad") || ua.contains("ipod")) {
      return "iOS";
    }
    if (ua.contains("android")) {
      return "Android";
    }
    if (ua.contains("windows")) {
      return "Windows";
    }
    if (ua.contains("mac os x") || ua.contains("macintosh")) {
      return "macOS";
    }
    if (ua.contains("cros")) {
      return "ChromeOS";
    }
    if (ua.contains("linux") || ua.contains("x11")) {
      return "Linux";
    }
    return null;
  }

  private static String browser(String ua) {
    if (ua.contains("instagram")) {
      return "Instagram";
    }
    if (ua.contains("musical_ly") || ua.contains("tiktok") || ua.contains("bytedancewebview")) {
      return "TikTok";
    }
    if (ua.contains("fban") || ua.contains("fbav") || ua.contains("fb_iab")) {
      return "Facebook";
    }
    if (ua.contains("edg/") || ua.contains("edga/") || ua.contains("edgios/")) {
      return "Edge";
    }
    if (ua.contains("opr/") || ua.contains("opera")) {
      return "Opera";
    }
    if (ua.contains("samsungbrowser")) {
      return "Samsung Internet";
    }
    if (ua.contains("firefox/") || ua.contains("fxios/")) {
      return "Firefox";
    }
    if (ua.contains("chrome/") || ua.contains("crios/")) {
      return "Chrome";
    }
    if (ua.contains("safari/") && ua.contains("version/")) {
      return "Safari";
    }
    return null;
  }
}
