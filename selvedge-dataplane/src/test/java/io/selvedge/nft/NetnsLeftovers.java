package io.selvedge.nft;

import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.Assumptions;

/**
 * JUnit extension for namespace tests: skips the class (with the reason) unless running as root
 * with {@code ip} and {@code nft} available, and deletes {@code sv-nft-PID-*} and
 * {@code sv-dp-PID-*} namespaces whose test JVM is gone (or that this JVM left), before and after
 * the class (a crashed run cannot leave them behind for long).
 */
public final class NetnsLeftovers implements BeforeAllCallback, AfterAllCallback {

    @Override
    public void beforeAll(ExtensionContext context) {
        boolean root = "root".equals(System.getProperty("user.name"));
        Assumptions.assumeTrue(root, "namespace tests need root (skipped: running as " + System.getProperty("user.name") + ")");
        Assumptions.assumeTrue(Netns.status("ip", "netns", "list") == 0, "namespace tests need iproute2 (`ip netns list` failed)");
        Assumptions.assumeTrue(Netns.status("nft", "--version") == 0, "namespace tests need nftables (`nft --version` failed)");
        removeLeftovers();
    }

    @Override
    public void afterAll(ExtensionContext context) {
        if ("root".equals(System.getProperty("user.name"))) {
            removeLeftovers();
        }
    }

    /** Deletes test namespaces of dead JVMs and of this one. */
    public static void removeLeftovers() {
        String list;
        try {
            list = Netns.sh("ip", "netns", "list");
        } catch (IllegalStateException e) {
            return;
        }
        long self = ProcessHandle.current().pid();
        for (String line : list.split("\n")) {
            String name = line.split(" ")[0].trim();
            String prefix = Netns.PREFIXES.stream().filter(name::startsWith).findFirst().orElse(null);
            if (prefix == null) {
                continue;
            }
            String[] parts = name.substring(prefix.length()).split("-");
            long pid;
            try {
                pid = Long.parseLong(parts[0]);
            } catch (NumberFormatException e) {
                continue;
            }
            boolean mine = pid == self;
            boolean alive = ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false);
            if (mine || !alive) {
                Netns.status("ip", "netns", "del", name);
            }
        }
    }
}
