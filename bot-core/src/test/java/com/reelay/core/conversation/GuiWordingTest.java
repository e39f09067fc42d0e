package com.reelay.core.conversation;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class GuiWordingTest {

    @Test
    void clickExportBecomesSomethingToSayOrPress() {
        assertEquals("Your video is ready. Say \"export\" or press the Export button to download it.",
                GuiWording.forChat("Your video is ready. Click Export to download it.", true));
        assertEquals("Your video is ready. Say \"export\" to download it.",
                GuiWording.forChat("Your video is ready. Click the \"Export\" button to download it.", false));
        assertEquals("when done, say \"export\".", GuiWording.forChat("when done, click on Export.", false));
        assertEquals("When it looks right, say \"export\" or press the Export button.",
                GuiWording.forChat("When it looks right, click Export in the top right corner.", true));
    }

    @Test
    void timelineDragAndChinese() {
        assertEquals("You can say \"status\" to see the timeline.",
                GuiWording.forChat("You can preview in the timeline.", false));
        assertEquals("Describe in a message how to move the clip to the start.",
                GuiWording.forChat("Drag and drop the clip to the start.", false));
        assertEquals("视频已就绪，发送“导出”即可下载。", GuiWording.forChat("视频已就绪，点击导出即可下载。", false));
    }

    @Test
    void theProgressBarIsThisChat() {
        assertEquals("On it! Watch this chat for progress.", GuiWording.forChat("On it! Keep an eye on the progress bar.", true));
    }

    @Test
    void chineseProgressBarAndExportVideoButton() {
        assertEquals("好的！请留意这里的进度消息。", GuiWording.forChat("好的！请留意进度条。", false));
        assertEquals("完成后发送“导出”即可。", GuiWording.forChat("完成后点击“导出视频”按钮即可。", false));
        assertEquals("完成后发送“导出”即可。", GuiWording.forChat("完成后点击'导出'即可。", false));
        assertEquals("发送“预览”看看效果。", GuiWording.forChat("点击‘预览’看看效果。", false));
        assertEquals("可以发送“导出”或按下方的“导出”按钮即可下载。",
                GuiWording.forChat("可以点击下方的“导出”按钮即可下载。", true), "where the button sits is no part of the word");
    }

    @Test
    void plainTextIsUntouched() {
        String text = "I added lo-fi music at 35% volume and a title \"Urban Dreams\".";
        assertEquals(text, GuiWording.forChat(text, true));
    }
}
