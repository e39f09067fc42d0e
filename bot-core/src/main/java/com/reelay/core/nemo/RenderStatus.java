package com.reelay.core.nemo;

/** A render job as last seen: {@code outputUrl} once completed, {@code error} once failed. */
public record RenderStatus(String renderId, RenderState state, int progress, String outputUrl, String error) {

    public boolean isFinished() {
        return state == RenderState.COMPLETED || state == RenderState.FAILED;
    }
}
