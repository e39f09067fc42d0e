package com.reelay.bench;

import com.reelay.postgres.DatabaseSettings;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;

/**
 * One fleet under test: its instances on one database, the fake Telegram they answer and the
 * balancer in front of their webhooks; and the two ways people write to it: an open loop at a
 * given rate, and a closed loop where every person writes again as soon as their reply arrives.
 */
final class FleetRig implements AutoCloseable {

    /** The closed loop's window: rates, and what the database, the pools and the CPUs did in it. */
    record Loop(double repliesPerSecond, double updatesPerSecond, double messagesPerSecond, String messagesPerReply,
                Map<String, Double> databasePerReply,
                Map<String, Double> callsByPart, Map<String, Double> rowsByTable, List<String> statements, double jvmCores,
                double databaseCores, double loadAverage, double poolWaitMean, int poolWaitMax, String inboxThreads) {
    }

    /** The open loop: what people saw, from the webhook's 200 (seconds, except the webhook's own time). */
    record Latency(double offered, double replyP50, double replyP99, double ackP50, double ackP99, double webhookP50Millis,
                   double webhookP99Millis, int unanswered) {
    }

    final FleetTelegram telegram;
    private final List<FleetInstance> instances = new ArrayList<>();
    private final int people;
    private WebhookBalancer balancer;
    private volatile boolean writeOnReply;

    /** {@code size} instances on {@code database} for {@code people} people. */
    FleetRig(DatabaseSettings database, String simulatorUrl, int size, boolean limited, int people) throws Exception {
        this.people = people;
        telegram = new FleetTelegram(FleetBench.TOKEN, limited, FleetBench.HOOK_URL, people, FleetBench.LEDGER);
        telegram.onReply(chat -> {
            if (writeOnReply) {
                balancer.write(chat);
            }
        });
        ExecutorService starting = Executors.newFixedThreadPool(size);
        try {
            // Together, as a fleet's instances start: each joins, then waits a heartbeat before it sends.
            List<Future<FleetInstance>> started = new ArrayList<>();
            for (int i = 1; i <= size; i++) {
                String id = "bench-" + i;
                started.add(starting.submit(() -> new FleetInstance(id, database, simulatorUrl,
                        FleetBench.telegramSettings(telegram.baseUrl(), limited), FleetBench.DEAD_AFTER)));
            }
            for (Future<FleetInstance> instance : started) {
                instances.add(instance.get());
            }
            awaitMembers(size);
            balancer = new WebhookBalancer(telegram, instances.stream()
                    .map(i -> "http://127.0.0.1:" + i.webhookPort() + FleetBench.HOOK_PATH).toList(), FleetBench.SECRET);
        } catch (Exception | Error e) {
            close();
            throw e;
        } finally {
            starting.shutdown();
        }
    }

    /**
     * Until every instance counts all of them, and has shared the send budget accordingly: an
     * instance hands the fleet's size to its Telegram front end at its next heartbeat after the
     * front end started.
     */
    private void awaitMembers(int size) throws InterruptedException {
        long deadline = System.nanoTime() + FleetBench.DEAD_AFTER.toNanos() * 2;
        while (instances.stream().anyMatch(i -> i.fleetSize() != size)) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("the fleet did not see its " + size + " members");
            }
            Thread.sleep(50);
        }
        Thread.sleep(FleetBench.DEAD_AFTER.dividedBy(3).toMillis() + 500);
    }

    /** Every person writes once; returns the seconds until every reply arrived (or {@code limit} passed). */
    double everyoneOnce(Duration limit) throws InterruptedException {
        long start = System.nanoTime();
        for (int c = 0; c < people; c++) {
            balancer.write(c);
        }
        awaitReplies(limit);
        return (System.nanoTime() - start) / 1e9;
    }

    /** Every person writes, and writes again on each reply; measured over {@code window} after {@code ramp}. */
    Loop closedLoop(Duration ramp, Duration window, DatabaseWork work) throws Exception {
        writeOnReply = true;
        for (int c = 0; c < people; c++) {
            balancer.write(c);
        }
        Thread.sleep(ramp.toMillis());
        AtomicLong waitSum = new AtomicLong();
        AtomicInteger samples = new AtomicInteger();
        AtomicInteger waitMax = new AtomicInteger();
        ScheduledExecutorService sampler = Executors.newSingleThreadScheduledExecutor();
        InboxThreads census = new InboxThreads();
        long t1 = System.nanoTime();
        double cpu1 = FleetBench.processCpuNanos();
        DatabaseWork.Snapshot s1 = work.take();
        sampler.scheduleAtFixedRate(() -> {
            int waiting = instances.stream().mapToInt(FleetInstance::threadsAwaitingConnection).sum();
            waitSum.addAndGet(waiting);
            samples.incrementAndGet();
            waitMax.accumulateAndGet(waiting, Math::max);
            census.sample();
        }, 50, 100, TimeUnit.MILLISECONDS);
        Thread.sleep(window.toMillis());
        DatabaseWork.Snapshot s2 = work.take();
        double cpu2 = FleetBench.processCpuNanos();
        long t2 = System.nanoTime();
        sampler.shutdownNow();
        writeOnReply = false;
        FleetTelegram.Ledger ledger = telegram.ledger();
        double seconds = (t2 - t1) / 1e9;
        int replies = FleetBench.between(ledger.replyAt(), t1, t2).length;
        double per = Math.max(1, replies);
        String messagesPerReply = String.format("%.2f / 1 / %.2f / %.2f", FleetBench.between(ledger.ackAt(), t1, t2).length / per,
                FleetBench.between(ledger.progressEdits(), t1, t2).length / per,
                FleetBench.between(ledger.otherMessages(), t1, t2).length / per);
        return new Loop(replies / seconds, FleetBench.between(ledger.answeredAt(), t1, t2).length / seconds,
                FleetBench.between(ledger.accepted(), t1, t2).length / seconds, messagesPerReply, DatabaseWork.perUnit(s1, s2, per),
                DatabaseWork.callsByPart(s1, s2, per), DatabaseWork.rowsWrittenByTable(s1, s2, per),
                DatabaseWork.statements(s1, s2, per), (cpu2 - cpu1) / 1e9 / seconds,
                (s2.cpuNanos() - s1.cpuNanos()) / 1e9 / seconds,
                java.lang.management.ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage(), samples.get() == 0 ? 0 : waitSum.get() / (double) samples.get(),
                waitMax.get(), census.shares());
    }

    /** People write {@code perSecond} messages a second for {@code window}, round the chats; then every reply is awaited. */
    Latency openLoop(double perSecond, Duration window) throws InterruptedException {
        int first = telegram.ledger().updates();
        long gap = (long) (1e9 / perSecond);
        long start = System.nanoTime();
        long end = start + window.toNanos();
        for (int k = 0; start + k * gap < end; k++) {
            FleetBench.parkUntil(start + k * gap);
            balancer.write(k % people);
        }
        awaitReplies(Duration.ofSeconds(60));
        FleetTelegram.Ledger ledger = telegram.ledger();
        List<Long> reply = new ArrayList<>();
        List<Long> ack = new ArrayList<>();
        List<Long> webhook = new ArrayList<>();
        int unanswered = 0;
        for (int u = first; u < ledger.updates(); u++) {
            if (ledger.replyAt()[u] == 0 || ledger.answeredAt()[u] == 0) {
                unanswered++;
                continue;
            }
            reply.add(ledger.replyAt()[u] - ledger.answeredAt()[u]);
            ack.add(ledger.ackAt()[u] - ledger.answeredAt()[u]);
            webhook.add(ledger.answeredAt()[u] - ledger.postedAt()[u]);
        }
        return new Latency(perSecond, seconds(reply, 0.5), seconds(reply, 0.99), seconds(ack, 0.5), seconds(ack, 0.99),
                Results.quantileMillis(array(webhook), 0.5), Results.quantileMillis(array(webhook), 0.99), unanswered);
    }

    /** Until every update written so far has its reply, or {@code limit} passed. */
    void awaitReplies(Duration limit) throws InterruptedException {
        long deadline = System.nanoTime() + limit.toNanos();
        while (System.nanoTime() < deadline) {
            FleetTelegram.Ledger ledger = telegram.ledger();
            if (java.util.Arrays.stream(ledger.replyAt()).allMatch(t -> t != 0)) {
                return;
            }
            Thread.sleep(200);
        }
    }

    String ownedChats() {
        return instances.stream().map(i -> Integer.toString(i.ownedChats())).collect(Collectors.joining(" / "));
    }

    long expelled() {
        return instances.stream().filter(FleetInstance::wasExpelled).count();
    }

    private static double seconds(List<Long> nanos, double q) {
        return Results.quantileMillis(array(nanos), q) / 1e3;
    }

    private static long[] array(List<Long> values) {
        return values.stream().mapToLong(Long::longValue).toArray();
    }

    @Override
    public void close() {
        writeOnReply = false;
        if (balancer != null) {
            balancer.close();
        }
        for (int i = instances.size() - 1; i >= 0; i--) {
            instances.get(i).close();
        }
        telegram.close();
    }
}
