package com.reelay.core.nemo.internal;

import com.reelay.core.nemo.NemoException;
import okhttp3.MediaType;
import okhttp3.Response;
import okhttp3.sse.EventSource;
import okhttp3.sse.EventSourceListener;

/** okhttp-sse's callbacks for one {@link ChatCall}, all on the thread reading the stream. */
final class StreamListener extends EventSourceListener {

    private final ChatCall call;

    StreamListener(ChatCall call) {
        this.call = call;
    }

    static boolean isEventStream(MediaType type) {
        return type != null && type.type().equals("text") && type.subtype().equals("event-stream");
    }

    @Override
    public void onOpen(EventSource eventSource, Response response) {
        call.opened(eventSource);
    }

    @Override
    public void onEvent(EventSource eventSource, String id, String type, String data) {
        if (call.isDone()) {
            eventSource.cancel();
            return;
        }
        call.received(data);
    }

    @Override
    public void onClosed(EventSource eventSource) {
        call.finish();
    }

    @Override
    public void onFailure(EventSource eventSource, Throwable t, Response response) {
        if (!call.isDone()) {
            call.fail(new NemoException.StreamBroken(ChatCall.WHERE + ": the stream broke ("
                    + (t == null ? "no cause" : t.getClass().getSimpleName()) + ")", t));
        }
    }
}
