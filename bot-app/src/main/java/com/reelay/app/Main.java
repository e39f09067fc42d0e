package com.reelay.app;

/** {@code java -jar reelay.jar [--offline]}: see {@link Launcher}. */
public final class Main {

    private Main() {
    }

    public static void main(String[] args) {
        int status = new Launcher(System.getenv(), System.in, System.out, System.err).run(args);
        // OkHttp and JDA keep non-daemon threads alive for a while; leave promptly.
        System.exit(status);
    }
}
