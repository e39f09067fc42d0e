package com.reelay.simulator;

import java.security.SecureRandom;
import java.util.Random;

/**
 * Identifiers. Everything but tokens comes from the seeded generator so that sequential runs are
 * reproducible; tokens are credentials in spirit, so they come from a SecureRandom.
 */
final class IdSource {
    private static final String ALNUM = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
    private static final String LOWER_ALNUM = "abcdefghijklmnopqrstuvwxyz0123456789";

    private final Random seeded;
    private final SecureRandom secure = new SecureRandom();

    IdSource(long seed) {
        this.seeded = new Random(seed);
    }

    String token() {
        StringBuilder sb = new StringBuilder("nmv_usr_");
        for (int i = 0; i < 32; i++) {
            sb.append(ALNUM.charAt(secure.nextInt(ALNUM.length())));
        }
        return sb.toString();
    }

    /** 19 decimal digits, never starting with 0 (sessions ids are strings that look like longs). */
    synchronized String sessionId() {
        StringBuilder sb = new StringBuilder(19).append((char) ('1' + seeded.nextInt(9)));
        for (int i = 1; i < 19; i++) {
            sb.append((char) ('0' + seeded.nextInt(10)));
        }
        return sb.toString();
    }

    synchronized String lowerAlnum(int length) {
        StringBuilder sb = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            sb.append(LOWER_ALNUM.charAt(seeded.nextInt(LOWER_ALNUM.length())));
        }
        return sb.toString();
    }

    /** A UUID-shaped id for ADK events and invocations. */
    synchronized String uuid() {
        return new java.util.UUID(seeded.nextLong(), seeded.nextLong()).toString();
    }
}
