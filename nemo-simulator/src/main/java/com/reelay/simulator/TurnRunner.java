package com.reelay.simulator;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Plays one {@link Turn} onto one {@link ChatStream} on a shared scheduler: each step schedules the
 * next, and a fixed-rate task writes heartbeats. No thread waits on a stream.
 *
 * <p>The agent's work is the service's, not the connection's: if the client goes away (or a stall or
 * drop fault cuts it off) the remaining effects still run and the credits are still deducted at the end,
 * as on the real service, which is why a client must never re-send a message it may have delivered.
 */
final class TurnRunner {
    private static final Logger LOG = Logger.getLogger(TurnRunner.class.getName());

    private final ScheduledExecutorService scheduler;
    private final ChatStream stream;
    private final Turn turn;
    private final EventEncoder encoder;
    private final StreamFault fault;
    private final Account account;
    private final long heartbeatMillis;
    private final Consumer<TurnRunner> onClosed;
    /** Completed true when a drop fault fires (the handler thread then cuts the connection), else false. */
    private final CompletableFuture<Boolean> drop = new CompletableFuture<>();

    // Guarded by this.
    private long startNanos;
    private int eventsSent;
    private long heartbeats;
    private boolean faultFired;
    private boolean stalled;
    private boolean clientGone;
    private boolean workDone;
    private boolean closed;
    private ScheduledFuture<?> heartbeatTask;
    private ScheduledFuture<?> nextStep;

    TurnRunner(ScheduledExecutorService scheduler, ChatStream stream, Turn turn, EventEncoder encoder,
               StreamFault fault, Account account, long heartbeatMillis, Consumer<TurnRunner> onClosed) {
        this.scheduler = scheduler;
        this.stream = stream;
        this.turn = turn;
        this.encoder = encoder;
        this.fault = fault;
        this.account = account;
        this.heartbeatMillis = heartbeatMillis;
        this.onClosed = onClosed;
    }

    CompletableFuture<Boolean> dropSignal() {
        return drop;
    }

    synchronized void start() {
        startNanos = System.nanoTime();
        if (heartbeatMillis > 0) {
            heartbeatTask = scheduler.scheduleAtFixedRate(this::heartbeat, heartbeatMillis, heartbeatMillis, TimeUnit.MILLISECONDS);
        }
        if (is(StreamFault.Kind.HEARTBEATS_ONLY)) {
            return; // runs until the client leaves or the simulator closes
        }
        if (fireFaultIfDue()) {
            return;
        }
        scheduleStep(0);
    }

    /** The simulator is closing: end the response; unfinished work is abandoned and its credits released. */
    synchronized void shutdown() {
        if (closed) {
            return;
        }
        cancelTasks();
        if (!workDone) {
            workDone = true;
            account.release(turn.cost());
        }
        close(true);
    }

    private void scheduleStep(int index) {
        if (index >= turn.steps().size()) {
            completeWork();
            return;
        }
        long elapsed = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - startNanos);
        long delay = Math.max(0, turn.steps().get(index).atMillis() - elapsed);
        nextStep = scheduler.schedule(() -> runStep(index), delay, TimeUnit.MILLISECONDS);
    }

    private synchronized void runStep(int index) {
        if (workDone) {
            return;
        }
        Turn.Step step = turn.steps().get(index);
        if (step.effect() != null) {
            try {
                step.effect().run();
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, "agent effect failed", e);
            }
        }
        if (step.event() != null) {
            List<String> frames = encoder.encode(step.event());
            for (String frame : frames) {
                if (fireFaultIfDue()) {
                    return;
                }
                write(frame);
                eventsSent++;
                if (is(StreamFault.Kind.STALL)) {
                    // A stall goes silent right after its last event: no heartbeat may slip in
                    // while the next step is still being prepared (a slow machine leaves time for one).
                    fireFaultIfDue();
                }
            }
        }
        scheduleStep(index + 1);
    }

    private synchronized void heartbeat() {
        if (closed || stalled || clientGone) {
            return;
        }
        write(encoder.heartbeat(heartbeats++));
    }

    private void write(String frame) {
        if (closed || stalled || clientGone) {
            return;
        }
        if (!stream.send(frame)) {
            clientGone();
        }
    }

    /** Fires a stall, drop or error fault when the event count reaches it; true when the turn must stop here. */
    private boolean fireFaultIfDue() {
        if (fault == null || faultFired || eventsSent != fault.afterEvents()) {
            return false;
        }
        switch (fault.kind()) {
            case STALL:
                faultFired = true;
                stalled = true;
                stream.mute();
                cancelHeartbeat();
                return false; // the work goes on, silently
            case DROP:
                faultFired = true;
                stalled = true;
                stream.abandon();
                cancelHeartbeat();
                drop.complete(true);
                return false;
            case ERROR:
                faultFired = true;
                for (String frame : encoder.encode(new AgentEvent.Failure(fault.message()))) {
                    write(frame);
                }
                cancelTasks();
                workDone = true;
                account.release(turn.cost());
                close(true);
                return true;
            default:
                return false;
        }
    }

    private void completeWork() {
        if (fireFaultIfDue()) {
            return; // a fault scripted right after the last event still fires
        }
        workDone = true;
        account.deduct(turn.cost());
        cancelHeartbeat();
        if (stalled && !drop.isDone()) {
            return; // a stall keeps the connection open until the simulator closes
        }
        close(!drop.isDone());
    }

    private void clientGone() {
        clientGone = true;
        cancelHeartbeat();
        drop.complete(false);
        if (is(StreamFault.Kind.HEARTBEATS_ONLY) && !workDone) {
            workDone = true;
            account.release(turn.cost());
            close(false);
        } else if (workDone) {
            close(false);
        }
        // Otherwise the remaining steps still run; completeWork() closes.
    }

    private void close(boolean finishResponse) {
        if (closed) {
            return;
        }
        closed = true;
        if (finishResponse && !Boolean.TRUE.equals(drop.getNow(false))) {
            stream.finish();
        }
        drop.complete(false);
        onClosed.accept(this);
    }

    private boolean is(StreamFault.Kind kind) {
        return fault != null && fault.kind() == kind;
    }

    private void cancelHeartbeat() {
        if (heartbeatTask != null) {
            heartbeatTask.cancel(false);
        }
    }

    private void cancelTasks() {
        cancelHeartbeat();
        if (nextStep != null) {
            nextStep.cancel(false);
        }
    }
}
