package com.reelay.core.nemo;

/** A file NemoVideo accepted. Numeric fields are null when the service did not say. */
public record UploadedFile(String filename, String fileType, String cdnUrl, Double durationSeconds,
                           Integer width, Integer height, String hash) {
}
