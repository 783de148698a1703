package io.selvedge.agent;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Executors;

/**
 * The agent's HTTP endpoint (JDK {@link HttpServer}, one daemon thread): {@code /healthz} answers
 * 200 {@code ok} when the last programming round succeeded and 503 otherwise; {@code /metrics}
 * serves {@link AgentMetrics#render()} and the kernel's per-rule counters ({@link RuleCounters}).
 */
public final class HealthServer implements AutoCloseable {

    private final HttpServer server;

    private HealthServer(HttpServer server) {
        this.server = server;
    }

    /**
     * Starts serving on {@code address}.
     *
     * @throws IOException if the address cannot be bound
     */
    public static HealthServer start(InetSocketAddress address, AgentMetrics metrics, RuleCounters counters) throws IOException {
        HttpServer s = HttpServer.create(address, 16);
        s.createContext("/healthz", ex -> {
            boolean ok = metrics.healthy();
            send(ex, ok ? 200 : 503, "text/plain; charset=utf-8", ok ? "ok\n" : "last sync failed\n");
        });
        s.createContext("/metrics", ex -> send(ex, 200, "text/plain; version=0.0.4; charset=utf-8", metrics.render() + counters.render()));
        s.setExecutor(Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "selvedge-http");
            t.setDaemon(true);
            return t;
        }));
        s.start();
        return new HealthServer(s);
    }

    /** The bound address (the real port when 0 was asked for). */
    public InetSocketAddress address() {
        return server.getAddress();
    }

    private static void send(HttpExchange ex, int status, String type, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        ex.getResponseHeaders().set("Content-Type", type);
        ex.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = ex.getResponseBody()) {
            out.write(bytes);
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
