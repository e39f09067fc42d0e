package com.reelay.simulator;

/** Where a completed render status puts the download link. */
public enum RenderOutputForm {
    /** {@code "outputUrl":"…"} */
    OUTPUT_URL,
    /** The older form {@code "output":{"url":"…"}}. */
    OUTPUT_OBJECT
}
