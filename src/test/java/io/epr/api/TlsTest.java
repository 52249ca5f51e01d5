package io.epr.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.epr.support.Bodies;
import io.epr.support.EprTestServer;
import io.epr.support.Http;
import io.epr.support.Http.Response;
import io.epr.support.TestBroker;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.http.HttpClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * EPR_TLS_CERT and EPR_TLS_KEY with a self-signed certificate made for the test (for the name localhost only), with
 * access control on: HTTPS serves the API, plain HTTP on that port does not, and the MCP tools reach the server
 * over its own TLS at 127.0.0.1 with the caller's token.
 */
class TlsTest {
  static final String READ = "read-" + UUID.randomUUID();
  static final String WRITE = "write-" + UUID.randomUUID();

  @TempDir
  static Path dir;
  static EprTestServer server;
  static Http https;

  @BeforeAll
  static void start() throws Exception {
    Path cert = dir.resolve("cert.pem");
    Path key = dir.resolve("key.pem");
    Process openssl = new ProcessBuilder("openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes",
        "-keyout", key.toString(), "-out", cert.toString(), "-days", "1", "-subj", "/CN=localhost",
        "-addext", "subjectAltName=DNS:localhost").redirectErrorStream(true).start();
    String output = new String(openssl.getInputStream().readAllBytes());
    assertTrue(openssl.waitFor(60, TimeUnit.SECONDS) && openssl.exitValue() == 0, output);
    server = new EprTestServer(TestBroker.sharedBootstrap(), Map.of("EPR_TLS_CERT", cert.toString(),
        "EPR_TLS_KEY", key.toString(), "EPR_API_TOKENS", "read:" + READ + ",write:" + WRITE));
    HttpClient trusting = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5))
        .sslContext(trusting(cert)).build();
    https = new Http(trusting, "https://localhost:" + server.port);
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  static SSLContext trusting(Path cert) throws Exception {
    KeyStore trusted = KeyStore.getInstance(KeyStore.getDefaultType());
    trusted.load(null, null);
    try (InputStream in = Files.newInputStream(cert)) {
      trusted.setCertificateEntry("epr", CertificateFactory.getInstance("X.509").generateCertificate(in));
    }
    TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
    trust.init(trusted);
    SSLContext tls = SSLContext.getInstance("TLS");
    tls.init(null, trust.getTrustManagers(), null);
    return tls;
  }

  static JsonNode callTool(Http http, String tool, String arguments) {
    Response r = http.post("/api/v1/mcp", "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"tools/call\",\"params\":"
        + "{\"name\":\"" + tool + "\",\"arguments\":" + arguments + "}}");
    assertEquals(200, r.status(), r.body());
    return r.json().get("result");
  }

  @Test
  void httpsServesTheApi() {
    assertEquals(200, https.get("/healthz/liveness").status());
    assertEquals(401, https.get("/metrics").status());
    String id = https.withToken(WRITE).post("/api/v1/receivers", Bodies.receiver("tls", "t")).id();
    assertEquals("tls", https.withToken(READ).get("/api/v1/receivers/" + id).json().at("/data/0/name").asText());
  }

  @Test
  void plainHttpAndUntrustingClientsGetNoAnswer() {
    UncheckedIOException plain = assertThrows(UncheckedIOException.class, () -> server.http.get("/healthz/liveness"));
    assertTrue(plain.getCause() instanceof IOException, plain.toString());
    UncheckedIOException untrusted = assertThrows(UncheckedIOException.class,
        () -> new Http("https://localhost:" + server.port).get("/healthz/liveness"));
    assertTrue(untrusted.getCause() instanceof SSLHandshakeException, untrusted.toString());
  }

  @Test
  void mcpToolsCallTheServerOverItsOwnTlsWithTheCallersToken() {
    JsonNode created = callTool(https.withToken(WRITE), "create_receiver",
        "{\"receiver_data\":" + Bodies.receiver("via-mcp", "t") + "}");
    assertFalse(created.get("isError").asBoolean(), created.toString());
    Matcher id = Pattern.compile("\"data\":\"([0-9A-Z]{26})\"").matcher(created.at("/content/0/text").asText());
    assertTrue(id.find(), created.toString());

    JsonNode fetched = callTool(https.withToken(READ), "fetch_receiver", "{\"id\":\"" + id.group(1) + "\"}");
    assertFalse(fetched.get("isError").asBoolean(), fetched.toString());
    assertTrue(fetched.at("/content/0/text").asText().contains("\"name\":\"via-mcp\""), fetched.toString());

    JsonNode refused = callTool(https.withToken(READ), "create_receiver",
        "{\"receiver_data\":" + Bodies.receiver("no", "t") + "}");
    assertTrue(refused.get("isError").asBoolean(), refused.toString());
    assertEquals("Failed to create receiver: HTTP 403: this token has role read; POST /api/v1/receivers needs write",
        refused.at("/content/0/text").asText());
  }
}
