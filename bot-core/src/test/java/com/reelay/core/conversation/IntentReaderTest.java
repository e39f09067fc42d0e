package com.reelay.core.conversation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import com.reelay.core.chat.Action;
import com.reelay.core.chat.Inbound;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class IntentReaderTest {

    private final IntentReader reader = new IntentReader();

    private Intent text(String s) {
        return reader.read(new Inbound.Text(s));
    }

    @ParameterizedTest
    @ValueSource(strings = {"export", "Export!", "导出", "帮我导出", "download", "send me the video", "please export it"})
    void exportWords(String words) {
        assertInstanceOf(Intent.Export.class, text(words));
    }

    @ParameterizedTest
    @ValueSource(strings = {"credits", "积分", "balance", "余额", "my balance?"})
    void creditWords(String words) {
        assertInstanceOf(Intent.Credits.class, text(words));
    }

    @ParameterizedTest
    @ValueSource(strings = {"status", "状态", "show tracks", "show the timeline"})
    void statusWords(String words) {
        assertInstanceOf(Intent.Status.class, text(words));
    }

    @ParameterizedTest
    @ValueSource(strings = {"upload", "上传"})
    void uploadWordsWithoutFilesAskHowToUpload(String words) {
        Intent intent = text(words);
        assertInstanceOf(Intent.Upload.class, intent);
        assertEquals(List.of(), ((Intent.Upload) intent).files());
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "make a video about exporting coffee from Brazil to Europe",
            "a 15-second clip of a sunset with calm music",
            "add background music",
            "exported"})
    void promptsAreChat(String words) {
        assertInstanceOf(Intent.Chat.class, text(words));
    }

    @Test
    void commandsAndButtons() {
        assertInstanceOf(Intent.Export.class, reader.read(new Inbound.Command("export", "")));
        assertInstanceOf(Intent.NewProject.class, reader.read(new Inbound.Command("new", "")));
        assertInstanceOf(Intent.Cancel.class, reader.read(new Inbound.Command("cancel", "")));
        assertEquals(new Intent.Help(true, ""), reader.read(new Inbound.Command("start", "")));
        assertEquals(new Intent.Help(false, "frobnicate"), reader.read(new Inbound.Command("frobnicate", "x")));
        assertEquals(new Intent.Chat("a cat video"), reader.read(new Inbound.Command("video", " a cat video ")));
        assertInstanceOf(Intent.Status.class, reader.read(new Inbound.Button(Action.STATUS)));
        assertInstanceOf(Intent.NewProject.class, reader.read(new Inbound.Button(Action.NEW_PROJECT)));
    }
}
