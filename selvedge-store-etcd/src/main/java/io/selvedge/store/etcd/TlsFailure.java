package io.selvedge.store.etcd;

import java.util.Locale;
import javax.net.ssl.SSLException;

/**
 * Says in a user's words why a TLS handshake with an etcd endpoint failed, from the JDK's
 * exception (whose messages name internal classes and alerts). Stateless.
 */
final class TlsFailure {
  private TlsFailure() {}

  static String describe(SSLException e) {
    StringBuilder all = new StringBuilder();
    for (Throwable t = e; t != null; t = t.getCause()) {
      all.append(' ').append(t.getMessage());
    }
    String m = all.toString().toLowerCase(Locale.ROOT);
    if (m.contains("pkix path") || m.contains("unable to find valid certification path")) {
      return "TLS: the server's certificate is not signed by a trusted CA (give its CA with --ca)";
    }
    if (m.contains("no subject alternative") || m.contains("no name matching")) {
      return "TLS: the server's certificate is not valid for this host name or address";
    }
    if (m.contains("certificate_required") || m.contains("bad_certificate") || m.contains("unknown_ca")
        || m.contains("decrypt_error")) {
      return "TLS: the server rejected our client certificate or wants one (check --cert/--key and that"
          + " the server trusts their CA)";
    }
    if (m.contains("certificate expired") || m.contains("notafter") || m.contains("validity")) {
      return "TLS: a certificate has expired or is not yet valid";
    }
    if (m.contains("unsupported or unrecognized ssl message") || m.contains("plaintext connection")) {
      return "TLS: the endpoint does not speak TLS (use etcd:http://... for a plain endpoint)";
    }
    return "TLS handshake failed: " + e.getMessage();
  }
}
