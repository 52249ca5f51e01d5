package io.epr.api;

import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509ExtendedTrustManager;

/**
 * TLS for the calls the server makes to itself (the MCP tools): it trusts exactly the certificate it serves, the
 * first in EPR_TLS_CERT, and nothing else. That certificate may be self-signed and name a host other than the
 * loopback address it is called on, so the host name is not checked: the pinned certificate already proves the peer.
 */
final class OwnCertificate extends X509ExtendedTrustManager {
  private final X509Certificate own;

  private OwnCertificate(X509Certificate own) {
    this.own = own;
  }

  static SSLContext trustedBy(String certPath) {
    try (InputStream in = Files.newInputStream(Path.of(certPath))) {
      X509Certificate own = (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(in);
      SSLContext tls = SSLContext.getInstance("TLS");
      tls.init(null, new TrustManager[] {new OwnCertificate(own)}, null);
      return tls;
    } catch (IOException | GeneralSecurityException | ClassCastException e) {
      throw new IllegalStateException("cannot read the certificate in EPR_TLS_CERT " + certPath + ": " + e, e);
    }
  }

  @Override
  public void checkServerTrusted(X509Certificate[] chain, String authType) throws CertificateException {
    if (chain == null || chain.length == 0 || !own.equals(chain[0])) {
      throw new CertificateException("not this server's own certificate (EPR_TLS_CERT)");
    }
  }

  @Override
  public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket) throws CertificateException {
    checkServerTrusted(chain, authType);
  }

  @Override
  public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine)
      throws CertificateException {
    checkServerTrusted(chain, authType);
  }

  @Override
  public void checkClientTrusted(X509Certificate[] chain, String authType) throws CertificateException {
    throw new CertificateException("a client-side trust manager only");
  }

  @Override
  public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket) throws CertificateException {
    checkClientTrusted(chain, authType);
  }

  @Override
  public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine)
      throws CertificateException {
    checkClientTrusted(chain, authType);
  }

  @Override
  public X509Certificate[] getAcceptedIssuers() {
    return new X509Certificate[0];
  }
}
