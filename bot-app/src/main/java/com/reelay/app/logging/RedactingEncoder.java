package com.reelay.app.logging;

import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.encoder.Encoder;
import ch.qos.logback.core.encoder.EncoderBase;
import com.reelay.core.chat.support.SecretMask;
import java.nio.charset.StandardCharsets;

/**
 * Wraps any encoder (plain pattern or JSON) and masks secrets in what it produced, so nothing
 * that reaches a log, not even an exception's message or a quoted URL, shows a token.
 */
public final class RedactingEncoder extends EncoderBase<ILoggingEvent> {

    private Encoder<ILoggingEvent> delegate;
    private SecretMask mask = LogSetup.mask();

    public void setDelegate(Encoder<ILoggingEvent> delegate) {
        this.delegate = delegate;
    }

    void setMask(SecretMask mask) {
        this.mask = mask;
    }

    @Override
    public void start() {
        if (delegate == null) {
            addError("RedactingEncoder needs a delegate encoder");
            return;
        }
        delegate.start();
        super.start();
    }

    @Override
    public void stop() {
        delegate.stop();
        super.stop();
    }

    @Override
    public byte[] headerBytes() {
        return redact(delegate.headerBytes());
    }

    @Override
    public byte[] encode(ILoggingEvent event) {
        return redact(delegate.encode(event));
    }

    @Override
    public byte[] footerBytes() {
        return redact(delegate.footerBytes());
    }

    private byte[] redact(byte[] bytes) {
        if (bytes == null || bytes.length == 0) {
            return bytes;
        }
        return mask.apply(new String(bytes, StandardCharsets.UTF_8)).getBytes(StandardCharsets.UTF_8);
    }
}
