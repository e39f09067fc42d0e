package com.reelay.core.nemo.internal;

import com.reelay.core.nemo.NemoSettings;
import java.util.concurrent.Executor;
import java.util.concurrent.ScheduledExecutorService;
import okhttp3.HttpUrl;
import okhttp3.OkHttpClient;

/**
 * What every {@link ChatCall} of one client shares.
 *
 * @param sse       the OkHttp client for streams: no read or call timeout (the stream's own timers watch it)
 * @param scheduler the client's one scheduler (connect retries)
 * @param timers    the stream timers, on that scheduler
 * @param worker    where blocking work (fetching a token) runs
 * @param url       {@code /run_sse}
 */
public record ChatRuntime(NemoSettings settings, OkHttpClient sse, NemoHttp http, ScheduledExecutorService scheduler,
                          Timers timers, Executor worker, HttpUrl url) {
}
