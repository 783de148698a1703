/**
 * IP address and CIDR value types: {@link io.selvedge.net.IpAddress}, {@link io.selvedge.net.Cidr}
 * and {@link io.selvedge.net.IpFamily}.
 *
 * <p>Small, final, immutable values, normalised on construction and compact (primitives, never
 * {@link java.net.InetAddress}), parsed by hand with Go's strictness and without DNS. Parse
 * errors are {@link io.selvedge.net.IpFormatException}s that quote the input.
 *
 * <p>Null policy: no method accepts or returns null unless its documentation says so.
 */
package io.selvedge.net;
