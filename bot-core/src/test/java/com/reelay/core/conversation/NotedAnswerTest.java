package com.reelay.core.conversation;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.reelay.core.chat.Action;
import com.reelay.core.chat.Button;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class NotedAnswerTest {

    @Test
    void anAnswerReadsBackAsItWasWrittenWithItsButtons() {
        NotedAnswer answer = new NotedAnswer("Done: \"quotes\", <tags>, émoji 🎬\nand a second line",
                List.of(new Button("Export ⬇", Action.EXPORT), new Button("重试", new Action.Retry("tg-7-12"))));
        assertEquals(Optional.of(answer), NotedAnswer.decode(answer.encoded()));
    }

    @Test
    void nothingNotedOrSomethingUnreadableIsNoAnswer() {
        assertEquals(Optional.empty(), NotedAnswer.decode(""));
        assertEquals(Optional.empty(), NotedAnswer.decode("not json"));
        assertEquals(Optional.empty(), NotedAnswer.decode("{\"buttons\": []}"));
    }

    @Test
    void aButtonThisVersionCannotReadIsLeftOffAndTheTextStillGoes() {
        assertEquals(Optional.of(new NotedAnswer("hi", List.of(new Button("Status", Action.STATUS)))),
                NotedAnswer.decode("{\"text\":\"hi\",\"buttons\":[{\"label\":\"Old\",\"action\":\"gone:thing\"},"
                        + "{\"label\":\"Status\",\"action\":\"status\"}]}"));
    }
}
