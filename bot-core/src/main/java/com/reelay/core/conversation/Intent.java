package com.reelay.core.conversation;

import com.reelay.core.chat.Attachment;
import java.util.List;

/** What a person asked for, whatever platform or words they used. */
sealed interface Intent {

    /** Anything for the agent: generate, edit, add music, ask. */
    record Chat(String prompt) implements Intent {
    }

    /** Render the project; {@code anyway} when the person already saw the low-balance warning. */
    record Export(boolean anyway) implements Intent {
        Export() {
            this(false);
        }
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

    /** Drop the waiting requests and stop the running one. */
    record Cancel() implements Intent {
    }

    /** Help, the welcome on /start, or the answer to an unknown command ({@code unknownCommand} non-empty). */
    record Help(boolean welcome, String unknownCommand) implements Intent {
    }

    /** List the chat's projects. */
    record Projects() implements Intent {
    }

    /** Make one of the chat's earlier projects the current one. */
    record OpenProject(String projectId) implements Intent {
    }

    /** Show the language (empty {@code choice}) or choose one ({@code auto} follows each person). */
    record Language(String choice) implements Intent {
    }

    /** Send a failed request again. */
    record Retry(String requestId) implements Intent {
    }

    /** One of the {@link QuickEdits}, by name. */
    record QuickEdit(String name) implements Intent {
    }

    /** The answer "no" to a low-balance warning. */
    record KeepEditing() implements Intent {
    }

    /** Whether the intent waits for the chat's turn (it changes the project) or answers at once. */
    static boolean usesLane(Intent intent) {
        return intent instanceof Chat || intent instanceof Export || intent instanceof Upload
                || intent instanceof NewProject || intent instanceof OpenProject;
    }
}
