package com.reelay.core.nemo;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Semaphore;
import java.util.stream.Collectors;

/** Records every chat event; {@link #seen} gives a permit per event so a script can wait for the client. */
final class RecordingListener implements ChatListener {

    final List<AgentEvent> events = new CopyOnWriteArrayList<>();
    final Semaphore seen = new Semaphore(0);

    @Override
    public void onEvent(AgentEvent event) {
        events.add(event);
        seen.release();
    }

    List<String> texts() {
        return events.stream().filter(e -> e instanceof AgentEvent.TextChunk)
                .map(e -> ((AgentEvent.TextChunk) e).text()).collect(Collectors.toList());
    }

    long count(Class<? extends AgentEvent> type) {
        return events.stream().filter(type::isInstance).count();
    }

    <T extends AgentEvent> List<T> all(Class<T> type) {
        return events.stream().filter(type::isInstance).map(type::cast).collect(Collectors.toList());
    }
}
