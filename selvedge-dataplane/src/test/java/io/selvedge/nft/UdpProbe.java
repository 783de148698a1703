package io.selvedge.nft;

import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;

/**
 * A tiny UDP echo used by the namespace tests (run inside a namespace with {@code ip netns exec}):
 * {@code serve PORT} echoes every datagram and prints "ready" once bound;
 * {@code send HOST PORT TIMEOUT_MS} sends one datagram and exits 0 if the echo came back, 1 if not.
 */
public final class UdpProbe {

    private UdpProbe() {
    }

    public static void main(String[] args) throws Exception {
        if (args[0].equals("serve")) {
            try (DatagramSocket s = new DatagramSocket(new InetSocketAddress(Integer.parseInt(args[1])))) {
                System.out.println("ready");
                System.out.flush();
                byte[] buf = new byte[1500];
                while (true) {
                    DatagramPacket p = new DatagramPacket(buf, buf.length);
                    s.receive(p);
                    s.send(new DatagramPacket(p.getData(), p.getLength(), p.getSocketAddress()));
                }
            }
        }
        try (DatagramSocket s = new DatagramSocket()) {
            s.setSoTimeout(Integer.parseInt(args[3]));
            byte[] msg = "selvedge-probe".getBytes(StandardCharsets.US_ASCII);
            s.send(new DatagramPacket(msg, msg.length, InetAddress.getByName(args[1]), Integer.parseInt(args[2])));
            byte[] buf = new byte[64];
            try {
                s.receive(new DatagramPacket(buf, buf.length));
                System.exit(0);
            } catch (SocketTimeoutException e) {
                System.exit(1);
            }
        }
    }
}
