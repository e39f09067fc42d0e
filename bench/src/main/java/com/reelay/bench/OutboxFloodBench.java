package com.reelay.bench;

import com.reelay.config.ConfigLoader;
import com.reelay.core.chat.ChatOutput;
import com.reelay.core.chat.ChatRef;
import com.reelay.core.chat.MessageRef;
import com.reelay.core.chat.Reply;
import com.reelay.telegram.TelegramFrontEnd;
import com.reelay.telegram.TelegramSettings;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;

/**
 * Scenario 5: 10,000 progress updates across 500 chats (450 private, 50 groups) through the real
 * Telegram output and outbox (the front end's {@link TelegramFrontEnd#output()}, never started:
 * no updates are received), against {@link LimitedBotApi}. Each chat already shows a progress
 * message; every second for 20 s each chat's progress changes, and each change is handed to
 * its {@code edit} at once (no pacing before the outbox). Pending edits of one message
 * collapse into the newest inside the outbox, so "sent" is the Bot API calls Telegram accepted,
 * not the updates offered: the rest were superseded before their turn came.
 */
final class OutboxFloodBench {

    private static final String SCENARIO = "telegram outbox flood";
    private static final String TOKEN = "123456789:AAF-bench_token_0123456789abcdefgh";
    private static final int PRIVATE_CHATS = 450;
    private static final int GROUPS = 50;
    private static final int ROUNDS = 20;
    private static final Duration ROUND = Duration.ofSeconds(1);

    private final Results results;

    OutboxFloodBench(Results results) {
        this.results = results;
    }

    void run() throws Exception {
        int chats = PRIVATE_CHATS + GROUPS;
        System.out.printf("%n[%s] %,d updates across %d chats (%d groups) in %d s%n", SCENARIO, chats * ROUNDS, chats,
                GROUPS, ROUNDS * ROUND.toSeconds());
        try (LimitedBotApi telegram = new LimitedBotApi(TOKEN);
             TelegramFrontEnd frontEnd = new TelegramFrontEnd(ConfigLoader.load(TelegramSettings.SECTION,
                     Map.of("TELEGRAM_BOT_TOKEN", TOKEN, "TELEGRAM_API_BASE", telegram.baseUrl())))) {
            ChatOutput output = frontEnd.output();

            long[] ids = new long[chats];
            MessageRef[] progress = new MessageRef[chats];
            for (int c = 0; c < chats; c++) {
                ids[c] = c < PRIVATE_CHATS ? 10_001 + c : -1_001_000_000_001L - (c - PRIVATE_CHATS);
                ChatRef chat = new ChatRef(TelegramFrontEnd.PLATFORM, Long.toString(ids[c]));
                int messageId = telegram.seedMessage(ids[c], text(0));
                progress[c] = new MessageRef(chat, Integer.toString(messageId));
            }

            // Warm-up: two rounds over 30 other private chats, one second apart, on a cold outbox (first
            // calls pay for class loading, JIT and connections). Counted apart, then the windows clear.
            int cold = warmUp(telegram, output);
            Thread.sleep(1_500);
            int refusedBefore = telegram.tooManyRequests();
            int acceptedBefore = telegram.accepted().size();

            List<CompletableFuture<Void>> edits = new ArrayList<>(chats * ROUNDS);
            AtomicInteger failed = new AtomicInteger();
            long start = System.nanoTime();
            for (int round = 1; round <= ROUNDS; round++) {
                LockSupport.parkNanos(start + (round - 1) * ROUND.toNanos() - System.nanoTime());
                Reply update = Reply.text(text(round));
                for (int c = 0; c < chats; c++) {
                    edits.add(output.edit(progress[c], update).whenComplete((ok, e) -> {
                        if (e != null) {
                            failed.incrementAndGet();
                        }
                    }));
                }
            }
            double offeredSeconds = (System.nanoTime() - start) / 1e9;
            CompletableFuture.allOf(edits.toArray(CompletableFuture[]::new)).handle((v, e) -> null)
                    .get(3, TimeUnit.MINUTES);
            double drainedSeconds = (System.nanoTime() - start) / 1e9;
            frontEnd.close();

            List<Long> accepted = telegram.accepted();
            accepted = accepted.subList(acceptedBefore, accepted.size());
            int refused = telegram.tooManyRequests() - refusedBefore;
            double busy = accepted.size() < 2 ? Double.NaN
                    : (accepted.get(accepted.size() - 1) - accepted.get(0)) / 1e9;
            double perSecond = (accepted.size() - 1) / busy;
            int newest = 0;
            for (int c = 0; c < chats; c++) {
                String shown = telegram.text(ids[c], Integer.parseInt(progress[c].messageId()));
                if (shown != null && shown.equals(text(ROUNDS))) {
                    newest++;
                }
            }
            System.out.printf("  offered in %.1f s, all settled after %.1f s; %d calls accepted over %.1f s%n",
                    offeredSeconds, drainedSeconds, accepted.size(), busy);

            telegram.refusals().stream().limit(5).forEach(r -> System.out.println("  429: " + r));
            results.add(SCENARIO, "messages sent per second (Bot API calls accepted)", String.format("%.1f /s", perSecond),
                    "≥ 27 /s (90 % of 30)", perSecond >= 27);
            results.add(SCENARIO, "429 Too Many Requests received", Integer.toString(refused), "0", refused == 0);
            results.info(SCENARIO, "429s on a cold outbox (warm-up: 2 × 30 edits, 1 s apart)", Integer.toString(cold));
            results.info(SCENARIO, "updates offered / reached Telegram / superseded in the outbox",
                    String.format("%,d / %,d / %,d", chats * ROUNDS, accepted.size(), chats * ROUNDS - accepted.size()));
            results.add(SCENARIO, "chats showing their newest update at the end; failed calls",
                    String.format("%d of %d; %d failed, %d not modified", newest, chats, failed.get() + telegram.otherErrors(),
                            telegram.notModified()),
                    "all; 0", newest == chats && failed.get() == 0 && telegram.otherErrors() == 0);
        }
    }

    /** Two rounds of edits over 30 fresh private chats; returns the 429s they got. */
    private static int warmUp(LimitedBotApi telegram, ChatOutput output) throws Exception {
        List<CompletableFuture<Void>> calls = new ArrayList<>();
        MessageRef[] refs = new MessageRef[30];
        for (int c = 0; c < refs.length; c++) {
            long id = 20_001 + c;
            refs[c] = new MessageRef(new ChatRef(TelegramFrontEnd.PLATFORM, Long.toString(id)),
                    Integer.toString(telegram.seedMessage(id, text(0))));
        }
        for (int round = 1; round <= 2; round++) {
            for (MessageRef ref : refs) {
                calls.add(output.edit(ref, Reply.text(text(round))));
            }
            Thread.sleep(ROUND.toMillis());
        }
        CompletableFuture.allOf(calls.toArray(CompletableFuture[]::new)).handle((v, e) -> null).get(1, TimeUnit.MINUTES);
        return telegram.tooManyRequests();
    }

    private static String text(int round) {
        return "⏳ Generating video… (" + round + "s) #" + round;
    }
}
