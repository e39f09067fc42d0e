package com.reelay.simulator;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class AgentRulesTest {

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', value = {
        "make a 10 second video of a city timelapse | GENERATION",
        "make a 15 second video of waves with calm piano music | GENERATION",
        "做一个10秒的海边日出视频，配上钢琴音乐           | GENERATION",
        "Make the video vertical, in a 9:16 aspect ratio. | EDIT",
        "Generate a clip of waves                  | GENERATION",
        "can you create something about cats       | GENERATION",
        "生成一个城市延时视频                         | GENERATION",
        "帮我做一个产品宣传片                         | GENERATION",
        "add lo-fi music                           | MUSIC",
        "add a soundtrack                          | MUSIC",
        "加点背景音乐                                | MUSIC",
        "add a title 'Urban Dreams'                | TITLE",
        "put captions on it                        | TITLE",
        "加标题“城市之梦”                             | TITLE",
        "make the video shorter                    | EDIT",
        "trim it to 8 seconds                      | EDIT",
        "剪到8秒                                     | EDIT",
        "缩短一点                                    | EDIT",
        "make it 15 seconds                        | EDIT",
        "apply a vintage filter                    | EDIT",
        "remove the music                          | MUSIC",
        "what can you do?                          | QUESTION",
        "a cute cat                                | QUESTION",
        "你好                                       | QUESTION",
    })
    void classifiesByKeyword(String message, Intent expected) {
        assertEquals(expected, IntentClassifier.classify(message));
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', value = {
        "make a 10 second video of a city timelapse | city timelapse        | false",
        "Generate an 8s clip of the ocean at dawn.  | ocean at dawn         | false",
        "create a sunset over mountains             | sunset over mountains | false",
        "生成一个10秒的城市延时视频                     | 城市延时               | true",
        "帮我生成视频                                 | 视频                   | true",
        "make a video                               | video                 | false",
        "make a 15 second video of waves on a beach at sunrise with calm piano music | waves on a beach at sunrise | false",
        "做一个10秒的海边日出视频，配上钢琴音乐             | 海边日出                | true",
    })
    void readsTheSubjectOfAGeneration(String message, String subject, boolean chinese) {
        assertEquals(subject, PromptReading.subject(message, chinese));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "add a title \"Urban Dreams\"  | Urban Dreams",
        "add a title “Urban Dreams”    | Urban Dreams",
        "加标题「城市之梦」              | 城市之梦",
        "add the title 'Hello World'   | Hello World",
        "don't add a title             | ",
    })
    void readsQuotedPhrases(String message, String quoted) {
        assertEquals(Optional.ofNullable(quoted), PromptReading.quoted(message));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "trim to 8 seconds | 8",
        "an 8-second clip  | 8",
        "make it 15s       | 15",
        "剪到12秒          | 12",
    })
    void readsSeconds(String message, int seconds) {
        assertEquals(Optional.of(seconds), PromptReading.seconds(message));
    }

    @org.junit.jupiter.api.Test
    void musicNamesComeFromQuotesThenStyles() {
        assertEquals("Rainy Days", PromptReading.musicStyle("add the song \"Rainy Days\"", false));
        assertEquals("Lo-fi", PromptReading.musicStyle("add lofi music", false));
        assertEquals("Background music", PromptReading.musicStyle("add music", false));
        assertEquals("背景音乐", PromptReading.musicStyle("加音乐", true));
    }
}
