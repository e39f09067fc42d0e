package com.reelay.postgres.fleet;

/**
 * The right to poll one render job and post its link. {@code epoch} grows with every change of
 * claimer, so a claimer that was declared dead cannot deliver a job another instance now holds.
 */
public record RenderClaim(String renderId, String owner, long epoch) {
}
