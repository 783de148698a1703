package io.selvedge.agent;

import io.selvedge.dataplane.InterfaceInventory;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Reads the interfaces and addresses of the network namespace the agent runs in, with
 * {@code ip -j addr} (iproute2's JSON), into an {@link InterfaceInventory}.
 */
public class InterfaceReader {

    private static final long TIMEOUT_SECONDS = 10;

    /**
     * The current interfaces.
     *
     * @throws IllegalStateException if {@code ip} cannot be run, fails, or prints something else
     */
    public InterfaceInventory read() {
        List<String> argv = List.of("ip", "-j", "addr");
        try {
            Process p = new ProcessBuilder(argv).redirectError(ProcessBuilder.Redirect.DISCARD).start();
            byte[] out = p.getInputStream().readAllBytes();
            if (!p.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new IllegalStateException("`ip -j addr` did not finish in " + TIMEOUT_SECONDS + " s");
            }
            if (p.exitValue() != 0) {
                throw new IllegalStateException("`ip -j addr` failed with exit code " + p.exitValue());
            }
            return InterfaceInventory.fromIpJson(new String(out, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new IllegalStateException("cannot run `ip -j addr`: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while reading interfaces", e);
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException(e.getMessage(), e);
        }
    }
}
