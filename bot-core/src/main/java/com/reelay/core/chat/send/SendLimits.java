package com.reelay.core.chat.send;

import java.time.Duration;
import java.util.Objects;

/**
 * How one bot identity (a Telegram token, a Discord application) may spend its platform's budget.
 *
 * @param shared         the bot-wide allowance (Telegram 30/s, Discord's global 50/s); progress gets its
 *                       fair share of what the other classes leave of it
 * @param margin         added to every allowance's period, so the bot paces below each allowance
 * @param elasticShare   the part of every allowance progress and refusals may fill; the rest stays free
 *                       for what people wait for, so a reply that becomes ready finds room at once
 * @param maxInFlight    calls handed to the platform and not answered yet: the budget, not the
 *                       platform library's queues, decides what goes first
 * @param refusalSpacing at most one refusal per recipient per this long
 */
public record SendLimits(Allowance shared, Duration margin, double elasticShare, int maxInFlight,
                         Duration refusalSpacing) {

    public static final double DEFAULT_ELASTIC_SHARE = 0.9;
    public static final int DEFAULT_MAX_IN_FLIGHT = 64;
    public static final Duration DEFAULT_REFUSAL_SPACING = Duration.ofMinutes(1);

    public SendLimits {
        Objects.requireNonNull(shared, "shared");
        if (margin == null || margin.isNegative()) {
            throw new IllegalArgumentException("the send margin must not be negative");
        }
        if (!(elasticShare > 0 && elasticShare <= 1)) {
            throw new IllegalArgumentException("the elastic share must be within (0, 1]: " + elasticShare);
        }
        if (maxInFlight < 1) {
            throw new IllegalArgumentException("at least one call must be allowed in flight");
        }
        if (refusalSpacing == null || refusalSpacing.isNegative()) {
            throw new IllegalArgumentException("the refusal spacing must not be negative");
        }
    }

    /** {@code shared} with {@code margin} and the default shares. */
    public static SendLimits of(Allowance shared, Duration margin) {
        return new SendLimits(shared, margin, DEFAULT_ELASTIC_SHARE, DEFAULT_MAX_IN_FLIGHT, DEFAULT_REFUSAL_SPACING);
    }

    public SendLimits withMaxInFlight(int max) {
        return new SendLimits(shared, margin, elasticShare, max, refusalSpacing);
    }
}
