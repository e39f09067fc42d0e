package com.reelay.telegram;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.telegram.telegrambots.meta.api.methods.commands.SetMyCommands;
import org.telegram.telegrambots.meta.api.objects.commands.BotCommand;

/**
 * The command menu Telegram shows next to the message box: English for everyone, Chinese for
 * people whose Telegram is set to Chinese. The commands are the ones the engine answers.
 */
final class CommandMenu {

    private static final Map<String, String[]> COMMANDS = new LinkedHashMap<>();

    static {
        // command -> {English, Chinese}
        COMMANDS.put("video", new String[] {"Make a video, e.g. /video a sunset over the sea", "制作视频，例如 /video 海上日落"});
        COMMANDS.put("export", new String[] {"Render the video and send me the link", "导出视频并发送链接"});
        COMMANDS.put("status", new String[] {"Show the timeline", "查看时间线"});
        COMMANDS.put("credits", new String[] {"Show my credit balance", "查看积分余额"});
        COMMANDS.put("new", new String[] {"Start a new project", "开始新项目"});
        COMMANDS.put("cancel", new String[] {"Drop requests waiting in line", "取消排队中的请求"});
        COMMANDS.put("help", new String[] {"How to use this bot", "使用帮助"});
    }

    private CommandMenu() {
    }

    /** The setMyCommands calls to make at start: the default menu, then the Chinese one. */
    static List<SetMyCommands> all() {
        return List.of(SetMyCommands.builder().commands(commands(0)).build(),
                SetMyCommands.builder().commands(commands(1)).languageCode("zh").build());
    }

    private static List<BotCommand> commands(int language) {
        List<BotCommand> list = new ArrayList<>();
        COMMANDS.forEach((name, descriptions) -> list.add(new BotCommand(name, descriptions[language])));
        return list;
    }
}
