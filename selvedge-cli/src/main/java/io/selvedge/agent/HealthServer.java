package io.selvedge.agent;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.selvedge.cli.ExitCode;
import io.selvedge.cli.UserError;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Executors;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

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
        return start(address, metrics::healthy, () -> metrics.render() + counters.render());
    }

    /**
     * Starts serving on {@code address}: {@code /healthz} answers from {@code healthy},
     * {@code /metrics} the Prometheus text {@code metrics} gives (also used by {@code selvedge feeds}).
     *
     * @throws IOException if the address cannot be bound
     */
    public static HealthServer start(InetSocketAddress address, BooleanSupplier healthy, Supplier<String> metrics)
            throws IOException {
        HttpServer s = HttpServer.create(address, 16);
        s.createContext("/healthz", ex -> {
            boolean ok = healthy.getAsBoolean();
            send(ex, ok ? 200 : 503, "text/plain; charset=utf-8", ok ? "ok\n" : "last sync failed\n");
        });
        s.createContext("/metrics", ex -> send(ex, 200, "text/plain; version=0.0.4; charset=utf-8", metrics.get()));
        s.setExecutor(Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "selvedge-http");
            t.setDaemon(true);
            return t;
        }));
        s.start();
        return new HealthServer(s);
    }

    /**
     * The address of a {@code --metrics-addr HOST:PORT} flag, or null for {@code none} or blank.
     *
     * @throws UserError (usage) when it is not HOST:PORT
     */
    public static InetSocketAddress parseAddress(String text) {
        if (text == null || text.isBlank() || text.equalsIgnoreCase("none")) {
            return null;
        }
        int colon = text.lastIndexOf(':');
        if (colon < 0) {
            throw new UserError(ExitCode.USAGE, "--metrics-addr must be HOST:PORT, not " + text);
        }
        String host = text.substring(0, colon).replaceAll("^\\[|\\]$", "");
        int port;
        try {
            port = Integer.parseInt(text.substring(colon + 1));
        } catch (NumberFormatException e) {
            throw new UserError(ExitCode.USAGE, "--metrics-addr port is not a number: " + text);
        }
        if (port < 0 || port > 65535) {
            throw new UserError(ExitCode.USAGE, "--metrics-addr port is not 0-65535: " + text);
        }
        return new InetSocketAddress(host.isEmpty() ? "0.0.0.0" : host, port);
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
