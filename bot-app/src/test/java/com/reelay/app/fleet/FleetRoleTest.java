package com.reelay.app.fleet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.reelay.app.ops.ManagementServer;
import com.reelay.postgres.DatabaseSettings;
import com.reelay.postgres.PostgresStore;
import com.reelay.postgres.fleet.FleetNode;
import com.reelay.postgres.fleet.InboxItem;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;

/** /readyz and /metrics say what part an instance plays in its fleet, and call it not ready without its database. */
class FleetRoleTest {

    private static final FleetNode.Host IDLE = new FleetNode.Host() {
        @Override
        public boolean serves(String chatKey) {
            return false;
        }

        @Override
        public void adopt(List<String> chatKeys) {
        }

        @Override
        public void deliver(InboxItem item) {
        }

        @Override
        public boolean alreadyTaken(InboxItem item) {
            return false;
        }

        @Override
        public void fleetSize(int live) {
        }

        @Override
        public void expelled() {
        }
    };

    @Test
    void readinessShowsTheRoleAndFailsWhenTheDatabaseIsGone() throws Exception {
        try (EmbeddedPostgres postgres = EmbeddedPostgres.builder().start()) {
            PostgresStore store = PostgresStore.open(new DatabaseSettings(postgres.getJdbcUrl("postgres", "postgres"),
                    "postgres", "", 4));
            FleetNode fleet = new FleetNode(store.dataSource(), "web-1", Duration.ofMillis(300), Clock.systemUTC(), IDLE);
            fleet.start();
            fleet.leads("telegram");
            PrometheusMeterRegistry metrics = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
            FleetRole.measure(fleet, metrics);
            Map<String, BooleanSupplier> checks = new LinkedHashMap<>();
            checks.put("database", fleet::databaseHealthy);
            try (ManagementServer server = new ManagementServer(0, metrics, checks, () -> FleetRole.describe(fleet)
                    + FleetRole.describeShards(List.of(0, 1), List.of(0)))) {
                HttpResponse<String> ready = get(server, "/readyz");
                assertEquals(200, ready.statusCode(), ready.body());
                assertEquals("database ok\nfleet instance=web-1 live-instances=1 owned-chats=0 telegram-poller=yes\n"
                        + "discord shards=0,1 connected=0\n", ready.body());
                String scraped = get(server, "/metrics").body();
                assertTrue(scraped.contains("reelay_fleet_telegram_poller{instance=\"web-1\"} 1.0"), scraped);
                assertTrue(scraped.contains("reelay_fleet_database_up{instance=\"web-1\"} 1.0"), scraped);

                fleet.close();
                store.close(); // the database is gone for this instance
                HttpResponse<String> gone = get(server, "/readyz");
                assertEquals(503, gone.statusCode());
                assertTrue(gone.body().startsWith("database failing\n"), gone.body());
            }
        }
    }

    private static HttpResponse<String> get(ManagementServer server, String path) throws Exception {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + path))
                .build(), HttpResponse.BodyHandlers.ofString());
    }
}
