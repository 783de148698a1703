package io.selvedge.nft;

import com.sun.jna.LastErrorException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A {@code NETLINK_NETFILTER} socket for sending nf_tables batches and reading their
 * acknowledgements, opened in this process's network namespace or in a named one
 * ({@code /var/run/netns/NAME}, as {@code ip netns exec} does: a short-lived thread enters it,
 * opens the socket and ends; the socket stays in that namespace).
 *
 * <p>Send buffer: as large as {@code SO_SNDBUFFORCE} allows (root), else the system's default;
 * {@link #batchLimit()} says what fits in one send. Receive: {@code NETLINK_CAP_ACK}, so an error
 * reply does not echo the whole refused message, and a timeout so a lost reply cannot hang.
 */
final class NetfilterSocket implements AutoCloseable {

    /** The kernel's answer to one message that asked for an acknowledgement: 0 or an errno. */
    record Reply(int seq, int errno) {
    }

    static final int WANTED_SEND_BUFFER = 8 << 20;
    private static final int NLMSG_ERROR = 2;
    private static final int RECEIVE_TIMEOUT_SECONDS = 60;

    private final LibC libc;
    private final int fd;
    private final int batchLimit;
    private final byte[] receiveBuffer = new byte[1 << 16];

    private NetfilterSocket(LibC libc, int fd, int batchLimit) {
        this.libc = libc;
        this.fd = fd;
        this.batchLimit = batchLimit;
    }

    /**
     * Opens a socket in the current network namespace, or in {@code netns} if present.
     *
     * @throws LastErrorException when the kernel refuses (errno)
     * @throws UnsatisfiedLinkError or NoClassDefFoundError where JNA cannot load
     */
    static NetfilterSocket open(Optional<String> netns) {
        LibC libc = LibC.load();
        int fd = netns.isPresent() ? socketIn(libc, netns.get()) : socket(libc);
        try {
            int[] size = {WANTED_SEND_BUFFER};
            try {
                libc.setsockopt(fd, LibC.SOL_SOCKET, LibC.SO_SNDBUFFORCE, size, 4);
                libc.setsockopt(fd, LibC.SOL_SOCKET, LibC.SO_RCVBUFFORCE, new int[] {4 << 20}, 4);
            } catch (LastErrorException notPermitted) {
                // without CAP_NET_ADMIN: the default buffers, smaller batches
            }
            libc.setsockopt(fd, LibC.SOL_NETLINK, LibC.NETLINK_CAP_ACK, new int[] {1}, 4);
            libc.setsockopt(fd, LibC.SOL_SOCKET, LibC.SO_RCVTIMEO, new long[] {RECEIVE_TIMEOUT_SECONDS, 0}, 16);
            int[] granted = new int[1];
            libc.getsockopt(fd, LibC.SOL_SOCKET, LibC.SO_SNDBUF, granted, new int[] {4});
            // the kernel reports twice what it accounts for data; keep room for its skb overhead
            int limit = Math.min(WANTED_SEND_BUFFER, granted[0] / 2) - 4096;
            return new NetfilterSocket(libc, fd, limit);
        } catch (RuntimeException | Error e) {
            libc.close(fd);
            throw e;
        }
    }

    private static int socket(LibC libc) {
        return libc.socket(LibC.AF_NETLINK, LibC.SOCK_RAW | LibC.SOCK_CLOEXEC, LibC.NETLINK_NETFILTER);
    }

    /** Opens the socket on a thread that entered {@code netns}; the thread ends, the socket stays there. */
    private static int socketIn(LibC libc, String netns) {
        if (!netns.matches("[A-Za-z0-9_.-]{1,64}") || netns.startsWith(".")) {
            throw new IllegalArgumentException("bad network namespace name: " + netns);
        }
        AtomicReference<Object> result = new AtomicReference<>();
        Thread t = new Thread(() -> {
            try {
                int nsFd = libc.open("/var/run/netns/" + netns, LibC.O_RDONLY | LibC.O_CLOEXEC);
                try {
                    libc.setns(nsFd, LibC.CLONE_NEWNET);
                } finally {
                    libc.close(nsFd);
                }
                result.set(socket(libc));
            } catch (RuntimeException | Error e) {
                result.set(e);
            }
        }, "netns-" + netns);
        t.start();
        try {
            t.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while opening a netlink socket in " + netns, e);
        }
        Object r = result.get();
        if (r instanceof RuntimeException e) {
            throw e;
        }
        if (r instanceof Error e) {
            throw e;
        }
        return (Integer) r;
    }

    /** The largest batch one {@link #sendBatch} may carry. */
    int batchLimit() {
        return batchLimit;
    }

    /**
     * Sends one batch and reads the replies to its messages {@code firstSeq..lastSeq} (each asked
     * for an acknowledgement). Returns the non-zero ones; empty means the kernel applied the batch.
     *
     * @throws LastErrorException if sending or receiving failed (EAGAIN: no reply within the timeout)
     */
    List<Reply> sendBatch(byte[] buffer, int length, int firstSeq, int lastSeq) {
        long sent = libc.send(fd, buffer, length, 0);
        if (sent != length) {
            throw new IllegalStateException("netlink send took " + sent + " of " + length + " bytes");
        }
        BitSet pending = new BitSet();
        pending.set(0, lastSeq - firstSeq + 1);
        List<Reply> errors = new ArrayList<>();
        while (!pending.isEmpty()) {
            int n = (int) libc.recv(fd, receiveBuffer, receiveBuffer.length, 0);
            ByteBuffer in = ByteBuffer.wrap(receiveBuffer, 0, n).order(ByteOrder.nativeOrder());
            int off = 0;
            while (off + 16 <= n) {
                int len = in.getInt(off);
                int type = in.getShort(off + 4) & 0xffff;
                int seq = in.getInt(off + 8);
                if (type == NLMSG_ERROR && len >= 20 && seq >= firstSeq && seq <= lastSeq) {
                    int errno = -in.getInt(off + 16);
                    pending.clear(seq - firstSeq);
                    if (errno != 0) {
                        errors.add(new Reply(seq, errno));
                    }
                } else if (type == NLMSG_ERROR && len >= 20 && (seq == firstSeq - 1 || seq == lastSeq + 1) && in.getInt(off + 16) != 0) {
                    // refused as a whole (the batch markers' numbers): no per-message replies follow
                    errors.add(new Reply(seq, -in.getInt(off + 16)));
                    return errors;
                }
                if (len < 16) {
                    break;
                }
                off += (len + 3) & ~3;
            }
        }
        return errors;
    }

    @Override
    public void close() {
        libc.close(fd);
    }
}
