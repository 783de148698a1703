package io.selvedge.nft;

import com.sun.jna.LastErrorException;
import com.sun.jna.Library;
import com.sun.jna.Native;

/**
 * The few libc calls a netlink socket needs (JNA; Java has no AF_NETLINK). Every call throws
 * {@link LastErrorException} with errno when it returns -1.
 */
interface LibC extends Library {

    int AF_NETLINK = 16;
    int SOCK_RAW = 3;
    int SOCK_CLOEXEC = 0x80000;
    int NETLINK_NETFILTER = 12;
    int SOL_SOCKET = 1;
    int SO_SNDBUF = 7;
    int SO_RCVBUF = 8;
    int SO_RCVTIMEO = 20;
    int SO_SNDBUFFORCE = 32;
    int SO_RCVBUFFORCE = 33;
    int SOL_NETLINK = 270;
    int NETLINK_CAP_ACK = 10;
    int O_RDONLY = 0;
    int O_CLOEXEC = 0x80000;
    int CLONE_NEWNET = 0x40000000;

    /** Loaded on first use; {@link UnsatisfiedLinkError} or {@link NoClassDefFoundError} where JNA cannot run. */
    static LibC load() {
        return Native.load("c", LibC.class);
    }

    int socket(int domain, int type, int protocol) throws LastErrorException;

    int setsockopt(int fd, int level, int option, int[] value, int length) throws LastErrorException;

    int setsockopt(int fd, int level, int option, long[] value, int length) throws LastErrorException;

    int getsockopt(int fd, int level, int option, int[] value, int[] length) throws LastErrorException;

    long send(int fd, byte[] buffer, long length, int flags) throws LastErrorException;

    long recv(int fd, byte[] buffer, long length, int flags) throws LastErrorException;

    int open(String path, int flags) throws LastErrorException;

    int setns(int fd, int nstype) throws LastErrorException;

    int close(int fd) throws LastErrorException;
}
