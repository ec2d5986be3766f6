package io.influmeter.api.insights;

import java.time.Instant;
import java.util.UUID;

/**
 * What a report needs of a campaign. {@code name} and {@code brief} are written by the brand and
 * only ever reach a prompt as quoted data.
 */
public record CampaignSummary(
    UUID id,
    UUID brandId,
    String name,
    String brief,
    String status,
    long budgetMinor,
    String currency,
    Instant startsAt,
    Instant endsAt,
    int insightsEveryDays) {}
