package com.reelay.simulator;

import java.util.Objects;
import java.util.function.Consumer;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * Runs a {@link NemoSimulator} for JUnit 5 tests.
 *
 * <ul>
 *   <li>In a {@code static} field: one simulator for the whole class (nested classes share it).
 *       Scripted faults that have not fired are cleared after each test; other state carries over.</li>
 *   <li>In an instance field: a fresh simulator for every test.</li>
 *   <li>{@code @ExtendWith(NemoSimulatorExtension.class)}: one per class, default settings.</li>
 * </ul>
 * Test and lifecycle methods may declare a {@link NemoSimulator} parameter.
 *
 * <pre>{@code
 * @RegisterExtension
 * static NemoSimulatorExtension nemo = new NemoSimulatorExtension(b -> b.timeScale(0.01));
 * }</pre>
 */
public final class NemoSimulatorExtension
        implements BeforeAllCallback, AfterAllCallback, BeforeEachCallback, AfterEachCallback, ParameterResolver {

    private final Consumer<NemoSimulator.Builder> customizer;
    private NemoSimulator simulator;
    private String ownerId;
    private boolean perTest;

    public NemoSimulatorExtension() {
        this(builder -> { });
    }

    public NemoSimulatorExtension(Consumer<NemoSimulator.Builder> customizer) {
        this.customizer = Objects.requireNonNull(customizer);
    }

    /** The running simulator; fails outside a test's lifetime. */
    public NemoSimulator simulator() {
        if (simulator == null) {
            throw new IllegalStateException("the NemoVideo simulator runs only while tests run");
        }
        return simulator;
    }

    public String baseUrl() {
        return simulator().baseUrl();
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        if (simulator == null) {
            start(context, false);
        }
    }

    @Override
    public void beforeEach(ExtensionContext context) {
        if (simulator == null) {
            start(context, true);
        }
    }

    @Override
    public void afterEach(ExtensionContext context) {
        if (simulator == null) {
            return;
        }
        if (perTest && context.getUniqueId().equals(ownerId)) {
            stop();
        } else if (!perTest) {
            simulator.faults().clear();
        }
    }

    @Override
    public void afterAll(ExtensionContext context) {
        if (simulator != null && context.getUniqueId().equals(ownerId)) {
            stop();
        }
    }

    @Override
    public boolean supportsParameter(ParameterContext parameterContext, ExtensionContext extensionContext) {
        return parameterContext.getParameter().getType() == NemoSimulator.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameterContext, ExtensionContext extensionContext) {
        return simulator();
    }

    private void start(ExtensionContext context, boolean forOneTest) {
        NemoSimulator.Builder builder = NemoSimulator.builder();
        customizer.accept(builder);
        simulator = builder.start();
        ownerId = context.getUniqueId();
        perTest = forOneTest;
    }

    private void stop() {
        try {
            simulator.close();
        } finally {
            simulator = null;
            ownerId = null;
        }
    }
}
