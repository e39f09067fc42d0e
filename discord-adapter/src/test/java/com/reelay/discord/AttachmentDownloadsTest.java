package com.reelay.discord;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.reelay.core.chat.AttachmentUnavailable;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import okhttp3.OkHttpClient;
import org.junit.jupiter.api.Test;

/** Attachments Discord's CDN won't hand over are the person's to hear about, in Discord's terms. */
class AttachmentDownloadsTest {

    @Test
    void anAttachmentTheCdnNoLongerHasIsExplained() throws Exception {
        try (MockWebServer cdn = new MockWebServer()) {
            cdn.enqueue(new MockResponse.Builder().code(404).build());
            cdn.start();
            OkHttpClient http = new OkHttpClient();
            AttachmentDownloads downloads = new AttachmentDownloads(() -> http);

            AttachmentUnavailable gone = assertThrows(AttachmentUnavailable.class,
                    () -> downloads.open(cdn.url("/attachments/1/2/beach.jpg").toString(), 1000, "beach.jpg"));

            assertEquals("Discord wouldn't hand over \"beach.jpg\" (it may have been deleted). Please send it again.",
                    gone.reason());
        }
    }
}
