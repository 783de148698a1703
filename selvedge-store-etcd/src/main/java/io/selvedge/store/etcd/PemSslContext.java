package io.selvedge.store.etcd;

import io.selvedge.store.DatastoreOptions;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Base64;
import java.util.Collection;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/**
 * Builds the {@link SSLContext} of an {@code etcds:} datastore from the PEM files of
 * {@link DatastoreOptions} (the CLI's {@code --ca/--cert/--key}), as etcdctl reads them: a CA
 * bundle (else the JDK's trust store), and a client certificate chain with its private key in
 * PKCS#8 ({@code BEGIN PRIVATE KEY}), PKCS#1 RSA ({@code BEGIN RSA PRIVATE KEY}) or SEC1 EC
 * ({@code BEGIN EC PRIVATE KEY}) form, unencrypted. Stateless.
 */
final class PemSslContext {
  private PemSslContext() {}

  private static final Pattern BLOCK = Pattern.compile(
      "-----BEGIN ([A-Z0-9 ]+)-----([A-Za-z0-9+/=\\s]+)-----END \\1-----");

  /**
   * @throws PemException naming the file and what is wrong with it
   */
  static SSLContext load(DatastoreOptions options) {
    try {
      TrustManagerFactory tmf = null;
      if (options.caFile() != null) {
        KeyStore trust = KeyStore.getInstance("PKCS12");
        trust.load(null, null);
        int i = 0;
        for (Certificate c : certificates(options.caFile(), "--ca")) {
          trust.setCertificateEntry("ca-" + i++, c);
        }
        tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init(trust);
      }
      KeyManagerFactory kmf = null;
      if (options.certFile() != null) {
        Collection<? extends Certificate> chain = certificates(options.certFile(), "--cert");
        PrivateKey key = privateKey(options.keyFile());
        if (!belongTogether(key, chain.iterator().next())) {
          throw new PemException("--key " + options.keyFile() + " does not belong to --cert " + options.certFile());
        }
        KeyStore ks = KeyStore.getInstance("PKCS12");
        ks.load(null, null);
        char[] pw = "selvedge".toCharArray();
        try {
          ks.setKeyEntry("client", key, pw, chain.toArray(new Certificate[0]));
        } catch (GeneralSecurityException e) {
          throw new PemException("--key " + options.keyFile() + " does not belong to --cert " + options.certFile());
        }
        kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        kmf.init(ks, pw);
      }
      SSLContext ctx = SSLContext.getInstance("TLS");
      ctx.init(kmf == null ? null : kmf.getKeyManagers(), tmf == null ? null : tmf.getTrustManagers(), null);
      return ctx;
    } catch (GeneralSecurityException | IOException e) {
      throw new PemException("cannot set up TLS: " + e.getMessage());
    }
  }

  /** Whether the key signs what the certificate's public key verifies. */
  private static boolean belongTogether(PrivateKey key, Certificate cert) {
    String alg = switch (key.getAlgorithm()) {
      case "RSA" -> "SHA256withRSA";
      case "EC" -> "SHA256withECDSA";
      default -> key.getAlgorithm(); // Ed25519, Ed448
    };
    try {
      byte[] probe = "selvedge key check".getBytes(StandardCharsets.US_ASCII);
      Signature signer = Signature.getInstance(alg);
      signer.initSign(key);
      signer.update(probe);
      byte[] sig = signer.sign();
      Signature verifier = Signature.getInstance(alg);
      verifier.initVerify(cert.getPublicKey());
      verifier.update(probe);
      return verifier.verify(sig);
    } catch (GeneralSecurityException e) {
      return false;
    }
  }

  private static Collection<? extends Certificate> certificates(Path file, String flag) {
    String pem = read(file, flag);
    try {
      Collection<? extends Certificate> certs = CertificateFactory.getInstance("X.509")
          .generateCertificates(new ByteArrayInputStream(pem.getBytes(StandardCharsets.US_ASCII)));
      if (certs.isEmpty()) {
        throw new PemException(flag + " " + file + " holds no PEM certificate");
      }
      return certs;
    } catch (GeneralSecurityException e) {
      throw new PemException(flag + " " + file + " is not a PEM certificate file (" + e.getMessage() + ")");
    }
  }

  private static PrivateKey privateKey(Path file) {
    String pem = read(file, "--key");
    Matcher m = BLOCK.matcher(pem);
    while (m.find()) {
      String type = m.group(1);
      byte[] der = Base64.getMimeDecoder().decode(m.group(2));
      byte[] pkcs8 = switch (type) {
        case "PRIVATE KEY" -> der;
        case "RSA PRIVATE KEY" -> Der.pkcs8(Der.RSA_ALGORITHM, der);
        case "EC PRIVATE KEY" -> Der.pkcs8(Der.ecAlgorithm(der), der);
        case "ENCRYPTED PRIVATE KEY" -> throw new PemException("--key " + file
            + " is encrypted; give an unencrypted key (openssl pkcs8 -nocrypt)");
        default -> null;
      };
      if (pkcs8 == null) {
        continue;
      }
      for (String alg : new String[] {"RSA", "EC", "Ed25519", "Ed448"}) {
        try {
          return KeyFactory.getInstance(alg).generatePrivate(new PKCS8EncodedKeySpec(pkcs8));
        } catch (GeneralSecurityException e) {
          // try the next algorithm
        }
      }
      throw new PemException("--key " + file + ": unsupported private key type");
    }
    throw new PemException("--key " + file + " holds no PEM private key");
  }

  private static String read(Path file, String flag) {
    try {
      return Files.readString(file, StandardCharsets.US_ASCII);
    } catch (NoSuchFileException e) {
      throw new PemException(flag + " " + file + " does not exist");
    } catch (IOException e) {
      throw new PemException("cannot read " + flag + " " + file + ": " + e.getMessage());
    }
  }

  /** A TLS file that cannot be used; the message names the flag and file. */
  static final class PemException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    PemException(String message) {
      super(message);
    }
  }

  /** The few DER encodings needed to wrap PKCS#1 and SEC1 keys as PKCS#8. */
  private static final class Der {
    /** AlgorithmIdentifier { rsaEncryption, NULL }. */
    static final byte[] RSA_ALGORITHM = {0x30, 0x0d, 0x06, 0x09, 0x2a, (byte) 0x86, 0x48, (byte) 0x86, (byte) 0xf7,
        0x0d, 0x01, 0x01, 0x01, 0x05, 0x00};
    /** OID id-ecPublicKey. */
    static final byte[] EC_PUBLIC_KEY = {0x06, 0x07, 0x2a, (byte) 0x86, 0x48, (byte) 0xce, 0x3d, 0x02, 0x01};

    /** PrivateKeyInfo { 0, algorithm, OCTET STRING key }. */
    static byte[] pkcs8(byte[] algorithm, byte[] key) {
      byte[] version = {0x02, 0x01, 0x00};
      return tlv(0x30, concat(version, algorithm, tlv(0x04, key)));
    }

    /** AlgorithmIdentifier { id-ecPublicKey, curve OID from the SEC1 key's [0] parameters }. */
    static byte[] ecAlgorithm(byte[] sec1) {
      int[] seq = header(sec1, 0); // SEQUENCE
      int p = seq[0];
      int end = seq[0] + seq[1];
      while (p < end) {
        int tag = sec1[p] & 0xff;
        int[] h = header(sec1, p);
        if (tag == 0xa0) {
          byte[] oid = java.util.Arrays.copyOfRange(sec1, h[0], h[0] + h[1]);
          return tlv(0x30, concat(EC_PUBLIC_KEY, oid));
        }
        p = h[0] + h[1];
      }
      throw new PemException("EC private key without curve parameters");
    }

    /** {contentStart, contentLength} of the element at {@code p}. */
    private static int[] header(byte[] d, int p) {
      int len = d[p + 1] & 0xff;
      int start = p + 2;
      if (len >= 0x80) {
        int n = len & 0x7f;
        len = 0;
        for (int i = 0; i < n; i++) {
          len = (len << 8) | (d[start + i] & 0xff);
        }
        start += n;
      }
      return new int[] {start, len};
    }

    private static byte[] tlv(int tag, byte[] content) {
      int n = content.length;
      byte[] len;
      if (n < 0x80) {
        len = new byte[] {(byte) n};
      } else if (n < 0x100) {
        len = new byte[] {(byte) 0x81, (byte) n};
      } else if (n < 0x10000) {
        len = new byte[] {(byte) 0x82, (byte) (n >> 8), (byte) n};
      } else {
        len = new byte[] {(byte) 0x83, (byte) (n >> 16), (byte) (n >> 8), (byte) n};
      }
      return concat(new byte[] {(byte) tag}, len, content);
    }

    private static byte[] concat(byte[]... parts) {
      int n = 0;
      for (byte[] p : parts) {
        n += p.length;
      }
      byte[] out = new byte[n];
      int o = 0;
      for (byte[] p : parts) {
        System.arraycopy(p, 0, out, o, p.length);
        o += p.length;
      }
      return out;
    }
  }
}
