package com.reelay.simulator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;

class NemoSimulatorExtensionTest {

    @Nested
    @TestMethodOrder(MethodOrderer.OrderAnnotation.class)
    class OnePerClass {
        @RegisterExtension
        static NemoSimulatorExtension nemo = new NemoSimulatorExtension(b -> b.seed(3).anonymousCredits(5));
        static String firstUrl;

        @Test
        @Order(1)
        void startsBeforeTheFirstTestAndInjectsItself(NemoSimulator injected) {
            assertSame(nemo.simulator(), injected);
            firstUrl = nemo.baseUrl();
            Api.Result token = Api.anonymousToken(nemo.baseUrl(), "client", null);
            assertEquals(5, token.data().path("credits").asLong(), "the customizer was applied");
            injected.faults().next(Endpoint.CREDITS).respondHttp(500);
        }

        @Test
        @Order(2)
        void isSharedByTheNextTestWithItsUnfiredFaultsCleared() {
            assertEquals(firstUrl, nemo.baseUrl());
            assertEquals(1, nemo.simulator().users().size(), "state carries over");
            assertEquals(0, nemo.simulator().faults().pending());
        }
    }

    @Nested
    @TestMethodOrder(MethodOrderer.OrderAnnotation.class)
    class OnePerTest {
        @RegisterExtension
        NemoSimulatorExtension nemo = new NemoSimulatorExtension();
        static NemoSimulator previous;

        @Test
        @Order(1)
        void getsItsOwnSimulator(NemoSimulator injected) {
            assertSame(nemo.simulator(), injected);
            previous = injected;
        }

        @Test
        @Order(2)
        void getsAnotherOne() {
            assertNotEquals(previous, nemo.simulator());
            assertEquals(0, nemo.simulator().users().size());
        }
    }
}
