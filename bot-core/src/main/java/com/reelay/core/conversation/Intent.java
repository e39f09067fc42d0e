package com.reelay.core.conversation;

import com.reelay.core.chat.Attachment;
import java.util.List;

/** What a person asked for, whatever platform or words they used. */
sealed interface Intent {

    /** Anything for the agent: generate, edit, add music, ask. */
    record Chat(String prompt) implements Intent {
    }

    record Export() implements Intent {
    }

    record Credits() implements Intent {
    }

    record Status() implements Intent {
    }

    /** Files to upload (may be empty: then the person asked how to upload), and the prompt that came with them. */
    record Upload(List<Attachment> files, String caption) implements Intent {
    }

    record NewProject() implements Intent {
    }

    record Cancel() implements Intent {
    }

    /** Help, the welcome on /start, or the answer to an unknown command ({@code unknownCommand} non-empty). */
    record Help(boolean welcome, String unknownCommand) implements Intent {
    }

    /** Whether the intent waits for the chat's turn (it changes the project) or answers at once. */
    static boolean usesLane(Intent intent) {
        return intent instanceof Chat || intent instanceof Export || intent instanceof Upload
                || intent instanceof NewProject;
    }
}
