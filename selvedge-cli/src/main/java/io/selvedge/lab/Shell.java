package io.selvedge.lab;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Runs the system tools the lab is built with ({@code ip}, {@code sysctl}, {@code nft}), each
 * bounded in time, never through a shell: arguments are passed as they are. A failure is a
 * {@link LabException} quoting the command and its output.
 */
final class Shell {

    private static final long TIMEOUT_SECONDS = 30;

    private Shell() {}

    /** Runs a command; returns its output (stdout and stderr); fails on a non-zero exit. */
    static String run(String... argv) {
        Result r = attempt(argv);
        if (r.code != 0) {
            throw new LabException(String.join(" ", argv) + " failed (exit " + r.code + "): " + r.output.strip());
        }
        return r.output;
    }

    /** Runs a command inside network namespace {@code ns}; fails on a non-zero exit. */
    static String in(String ns, String... argv) {
        List<String> cmd = new ArrayList<>(List.of("ip", "netns", "exec", ns));
        cmd.addAll(List.of(argv));
        return run(cmd.toArray(String[]::new));
    }

    /** Runs a command and returns whether it exited 0 (output discarded). */
    static boolean succeeds(String... argv) {
        return attempt(argv).code == 0;
    }

    private record Result(int code, String output) {}

    private static Result attempt(String... argv) {
        try {
            Process p = new ProcessBuilder(argv).redirectErrorStream(true).redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")))
                    .start();
            byte[] out = p.getInputStream().readAllBytes();
            if (!p.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new LabException(String.join(" ", argv) + " did not finish in " + TIMEOUT_SECONDS + " s");
            }
            return new Result(p.exitValue(), new String(out, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new LabException("cannot run " + argv[0] + ": " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new LabException("interrupted while running " + argv[0]);
        }
    }
}
