package com.reelay.core.nemo;

import java.io.IOException;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.Socket;
import java.net.SocketAddress;
import java.util.concurrent.atomic.AtomicInteger;
import javax.net.SocketFactory;

/** Refuses the first {@code failures} connects (as a closed port would), then connects normally. */
final class FlakySocketFactory extends SocketFactory {

    final AtomicInteger attempts = new AtomicInteger();
    private final AtomicInteger failuresLeft;

    FlakySocketFactory(int failures) {
        this.failuresLeft = new AtomicInteger(failures);
    }

    @Override
    public Socket createSocket() {
        return new Socket() {
            @Override
            public void connect(SocketAddress endpoint, int timeout) throws IOException {
                attempts.incrementAndGet();
                if (failuresLeft.getAndDecrement() > 0) {
                    throw new ConnectException("Connection refused (test)");
                }
                super.connect(endpoint, timeout);
            }
        };
    }

    @Override
    public Socket createSocket(String host, int port) {
        throw new UnsupportedOperationException();
    }

    @Override
    public Socket createSocket(String host, int port, InetAddress localHost, int localPort) {
        throw new UnsupportedOperationException();
    }

    @Override
    public Socket createSocket(InetAddress host, int port) {
        throw new UnsupportedOperationException();
    }

    @Override
    public Socket createSocket(InetAddress address, int port, InetAddress localAddress, int localPort) {
        throw new UnsupportedOperationException();
    }
}
