package io.epr.schema;

import com.networknt.schema.AbsoluteIri;
import com.networknt.schema.resource.InputStreamSource;
import com.networknt.schema.resource.ResourceLoader;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Where remote {@code $ref}s are loaded from: CycloneDX schemas from the cyclonedx-core-java jar, CDEvents link schemas
 * from our own templates, anything else over HTTP (once per URL).
 */
final class SchemaCatalog implements ResourceLoader {
  private static final Pattern CYCLONEDX = Pattern.compile("https?://cyclonedx\\.org/schema/([\\w.-]+\\.schema\\.json)");
  private static final Pattern CDEVENTS_LINK =
      Pattern.compile("https?://cdevents\\.dev/([0-9A-Za-z.+-]+)/schema/links/([a-z]+)");
  private static final String SPEC_VERSION_PLACEHOLDER = "${specVersion}";

  private static final int MAX_REDIRECTS = 5;

  private final Duration timeout;
  private final RemoteRefs remoteRefs;
  private final HttpClient http;
  private final Map<String, byte[]> fetched = new ConcurrentHashMap<>();

  SchemaCatalog(Duration timeout, RemoteRefs remoteRefs) {
    this.timeout = timeout;
    this.remoteRefs = remoteRefs;
    // redirects are followed here, so that every hop is checked against EPR_SCHEMA_REFS
    this.http = HttpClient.newBuilder()
        .connectTimeout(timeout)
        .followRedirects(HttpClient.Redirect.NEVER)
        .build();
  }

  @Override
  public InputStreamSource getResource(AbsoluteIri iri) {
    String uri = iri.toString();
    byte[] bundled = bundled(uri);
    return bundled != null ? () -> new ByteArrayInputStream(bundled) : () -> new ByteArrayInputStream(fetch(uri));
  }

  private static byte[] bundled(String uri) {
    Matcher cyclonedx = CYCLONEDX.matcher(uri);
    if (cyclonedx.matches()) {
      return classpathResource(cyclonedxFile(cyclonedx.group(1)));
    }
    Matcher link = CDEVENTS_LINK.matcher(uri);
    if (link.matches()) {
      byte[] template = classpathResource("catalog/cdevents/links/" + link.group(2) + ".json");
      return template == null ? null : new String(template, StandardCharsets.UTF_8)
          .replace(SPEC_VERSION_PLACEHOLDER, link.group(1)).getBytes(StandardCharsets.UTF_8);
    }
    return null;
  }

  /**
   * The jar has the files under their published names; npm's @cyclonedx/cyclonedx-library renames them
   * {@code *.SNAPSHOT.schema.json}, and the 1.2/1.3 schemas carry the ids {@code bom-1.2b}/{@code bom-1.3a}.
   */
  private static String cyclonedxFile(String name) {
    return name.replace(".SNAPSHOT.schema.json", ".schema.json").replaceFirst("^bom-(1\\.[23])[ab]\\.", "bom-$1.");
  }

  private static byte[] classpathResource(String path) {
    try (InputStream in = SchemaCatalog.class.getClassLoader().getResourceAsStream(path)) {
      return in == null ? null : in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private byte[] fetch(String uri) throws IOException {
    byte[] body = fetched.get(uri);
    if (body != null) {
      return body;
    }
    URI target = URI.create(uri);
    HttpResponse<byte[]> response = get(target);
    for (int hops = 0; isRedirect(response.statusCode()) && hops < MAX_REDIRECTS; hops++) {
      int status = response.statusCode();
      String location = response.headers().firstValue("Location")
          .orElseThrow(() -> new IOException("cannot fetch " + uri + ": HTTP " + status + " without a Location"));
      target = target.resolve(location);
      response = get(target);
    }
    if (response.statusCode() != 200) {
      throw new IOException("cannot fetch " + uri + ": HTTP " + response.statusCode());
    }
    fetched.putIfAbsent(uri, response.body());
    return response.body();
  }

  private HttpResponse<byte[]> get(URI target) throws IOException {
    if (!"http".equals(target.getScheme()) && !"https".equals(target.getScheme())) {
      throw new IOException("cannot fetch " + target + ": only http and https");
    }
    remoteRefs.check(target);
    try {
      return http.send(HttpRequest.newBuilder(target).timeout(timeout).GET().build(),
          HttpResponse.BodyHandlers.ofByteArray());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new InterruptedIOException("interrupted while fetching " + target);
    } catch (IOException e) {
      throw new IOException("cannot fetch " + target + ": " + e, e);
    }
  }

  private static boolean isRedirect(int status) {
    return status == 301 || status == 302 || status == 303 || status == 307 || status == 308;
  }
}
