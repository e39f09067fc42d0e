package com.reelay.simulator;

/**
 * What the simulated agent says. Like the real service it talks as if the person had its web GUI
 * ("click Export", "drag it on the timeline", "点击导出"): translating that is the client's job.
 */
final class AgentLines {
    private AgentLines() {
    }

    static String generationIntro(boolean zh, int seconds, String subject, boolean fromUpload) {
        if (zh) {
            return fromUpload
                    ? String.format("好的！正在根据你上传的素材生成一段%d秒的视频：%s。请留意进度条。", seconds, subject)
                    : String.format("好的！正在生成一段%d秒的视频：%s。请留意进度条。", seconds, subject);
        }
        return fromUpload
                ? String.format("On it! Generating your %d-second video of %s from your upload. Keep an eye on the progress bar.", seconds, subject)
                : String.format("On it! Generating your %d-second video of %s. Keep an eye on the progress bar.", seconds, subject);
    }

    static String generationDone(boolean zh) {
        return zh
                ? "视频已生成，可以在时间线中预览。点击导出即可下载。"
                : "Your video is ready in the timeline. Click Export to download it.";
    }

    static String generationWithMusicDone(boolean zh, String name) {
        return zh
                ? String.format("视频已生成，并配上了背景音乐“%s”。可以在时间线中预览，点击导出即可下载。", name)
                : String.format("Your video is ready in the timeline, with \"%s\" as background music. Click Export to download it.", name);
    }

    static String aspectDone(boolean zh, int width, int height) {
        return zh
                ? String.format("已把画面改为 %d×%d。打开时间线查看，然后点击导出。", width, height)
                : String.format("Done. The video is now %d×%d. Open the timeline to check it, then click Export.", width, height);
    }

    static String musicDone(boolean zh, String name) {
        return zh
                ? String.format("已添加背景音乐“%s”，音量35%%。在时间线中预览后点击导出。", name)
                : String.format("I added \"%s\" as background music at 35%% volume. Preview it in the timeline, then click Export.", name);
    }

    static String titleDone(boolean zh, String title) {
        return zh
                ? String.format("已在开头3秒添加标题“%s”。可以在时间线上拖拽调整位置，满意后点击导出。", title)
                : String.format("Added the title \"%s\" to the first 3 seconds. Drag it on the timeline to move it, or click Export when you're happy.", title);
    }

    static String editDone(boolean zh, String seconds) {
        return zh
                ? String.format("已完成，视频时长现在是%s秒。打开时间线查看，然后点击导出。", seconds)
                : String.format("Done. The video is now %s seconds long. Open the timeline to check it, then click Export.", seconds);
    }

    static String editApplied(boolean zh) {
        return zh
                ? "修改已完成。打开时间线查看效果，满意后点击导出。"
                : "Done. I applied your change to the video. Open the timeline to check it, then click Export.";
    }

    static String titleRemoved(boolean zh) {
        return zh
                ? "已删除标题。在时间线中预览，然后点击导出。"
                : "I removed the title. Preview it in the timeline, then click Export.";
    }

    static String musicRemoved(boolean zh) {
        return zh
                ? "已删除背景音乐。在时间线中预览，然后点击导出。"
                : "I removed the background music. Preview it in the timeline, then click Export.";
    }

    static String nothingToEdit(boolean zh) {
        return zh
                ? "时间线还是空的，暂时没有可编辑的内容。先描述你想要的视频，我来生成。"
                : "Your timeline is empty, so there is nothing to edit yet. Describe the video you want and I'll generate it first.";
    }

    static String answer(boolean zh) {
        return zh
                ? "我可以根据描述生成视频，添加背景音乐或标题，并把视频剪到任意时长。描述你想要的视频，或上传图片/视频作为素材。满意后点击右上角的导出。"
                : "I can generate a video from a description, add background music or a title, and trim it to any length. "
                        + "Describe the video you want, or upload a photo or clip to start from. When it looks right, click Export in the top right corner.";
    }

    static String defaultTitle(boolean zh) {
        return zh ? "我的视频" : "My Video";
    }
}
