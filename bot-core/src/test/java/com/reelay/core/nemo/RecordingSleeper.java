package com.reelay.core.nemo;

import com.reelay.core.nemo.internal.Sleeper;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** Records each wait instead of sleeping. */
final class RecordingSleeper implements Sleeper {

    final List<Duration> waits = new CopyOnWriteArrayList<>();

    @Override
    public void sleep(Duration wait) {
        waits.add(wait);
    }
}
