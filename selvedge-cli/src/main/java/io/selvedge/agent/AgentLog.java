package io.selvedge.agent;

import java.io.PrintWriter;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

/**
 * The agent's log (and {@code selvedge feeds}'): one line per event on stderr, prefixed with a UTC timestamp (milliseconds).
 * Control characters from user data are replaced so one event stays one line. Stack traces are
 * printed only when {@code SELVEDGE_DEBUG} is set. Thread-safe.
 */
public final class AgentLog {

    private final PrintWriter err;
    private final boolean debug;

    public AgentLog(PrintWriter err) {
        this(err, System.getenv("SELVEDGE_DEBUG") != null);
    }

    AgentLog(PrintWriter err, boolean debug) {
        this.err = err;
        this.debug = debug;
    }

    /** One informational line. */
    public void info(String message) {
        line("", message);
    }

    /** One warning line. */
    public void warn(String message) {
        line("warning: ", message);
    }

    /** One error line; the cause's stack trace only with {@code SELVEDGE_DEBUG}. */
    public void error(String message, Throwable cause) {
        line("error: ", message);
        if (debug && cause != null) {
            synchronized (err) {
                cause.printStackTrace(err);
                err.flush();
            }
        }
    }

    private void line(String level, String message) {
        String text = level + message.replaceAll("[\\p{Cntrl}&&[^\t]]", " ");
        synchronized (err) {
            err.println(Instant.now().truncatedTo(ChronoUnit.MILLIS) + " " + text);
            err.flush();
        }
    }
}
