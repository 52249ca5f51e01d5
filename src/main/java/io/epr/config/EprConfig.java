package io.epr.config;

import io.epr.schema.RemoteRefs;
import java.lang.reflect.RecordComponent;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.StringJoiner;

/**
 * Everything the service reads from its environment, read once at start-up.
 * Each setting is an EPR_* environment variable and the matching --flag; a flag wins over the variable.
 * {@code db} and {@code brokers} are null when unset: the service then starts its embedded defaults.
 */
public record EprConfig(
    String host,
    int port,
    String db,
    String brokers,
    String topic,
    String tlsCert,
    String tlsKey,
    boolean jsonLogging,
    boolean debug,
    String publicUrl,
    String cdeventsTopic,
    String cdeventsRules,
    String cdvizUrl,
    String cdvizToken,
    String cdvizSecret,
    int cdvizMaxAttempts,
    int outboxLeaseSeconds,
    String apiTokens,
    String apiTokensFile,
    RemoteRefs schemaRefs,
    long maxBody,
    Duration requestTimeout,
    Duration uploadTimeout,
    int maxUploads,
    Duration headerTimeout,
    Duration idleTimeout,
    int maxConnections,
    List<String> corsOrigins,
    double rateLimit,
    int rateBurst,
    Path dataDir,
    int embeddedKafkaPort,
    String kafkaCompression) {

  /** The codecs of Kafka's producer; none, as Go EPR sends, is what every consumer can read. */
  private static final List<String> KAFKA_COMPRESSIONS = List.of("none", "gzip", "snappy", "lz4", "zstd");
  private static final Set<String> SECRETS = Set.of("apiTokens", "cdvizToken", "cdvizSecret");

  /** The settings, their defaults and what they mean, in the order the README lists them. */
  public enum Setting {
    HOST("EPR_HOST", "localhost", "listen host"),
    PORT("EPR_PORT", "8042", "listen port"),
    DB("EPR_DB", null, "PostgreSQL URL postgres://user:pass@host:port/db; unset: embedded PostgreSQL under ./data/postgres"),
    BROKERS("EPR_BROKERS", null, "comma-separated Kafka brokers; unset: in-process broker on 127.0.0.1:19092"),
    TOPIC("EPR_TOPIC", "epr.dev.events", "topic of EPR messages"),
    KAFKA_COMPRESSION("EPR_KAFKA_COMPRESSION", "none", "compression of the records EPR sends to Kafka: none, gzip, "
        + "snappy, lz4 or zstd; every consumer must have the codec (kafka-python has no lz4 unless installed)"),
    TLS_CERT("EPR_TLS_CERT", null, "PEM certificate; with EPR_TLS_KEY serves HTTPS"),
    TLS_KEY("EPR_TLS_KEY", null, "PEM private key"),
    JSON_LOGGING("EPR_JSON_LOGGING", "false", "log JSON lines to stderr"),
    DEBUG("EPR_DEBUG", "false", "debug log level"),
    PUBLIC_URL("EPR_PUBLIC_URL", null, "base URL used in links; default http://{host}:{port}"),
    CDEVENTS_TOPIC("EPR_CDEVENTS_TOPIC", "epr.dev.cdevents", "topic of CDEvents"),
    CDEVENTS_RULES("EPR_CDEVENTS_RULES", null, "JSON file of CDEvents translation rules replacing or extending the defaults"),
    CDVIZ_URL("EPR_CDVIZ_URL", null, "CDViz collector webhook; forwarding off when unset"),
    CDVIZ_TOKEN("EPR_CDVIZ_TOKEN", null, "bearer token sent to the CDViz collector"),
    CDVIZ_SECRET("EPR_CDVIZ_SECRET", null, "HMAC-SHA256 secret: signs each CDViz request in X-Signature-256"),
    CDVIZ_MAX_ATTEMPTS("EPR_CDVIZ_MAX_ATTEMPTS", "30",
        "deliveries tried (backoff up to 10 s apart, about 5 minutes for 30) before a CDEvent becomes a dead letter"),
    OUTBOX_LEASE("EPR_OUTBOX_LEASE", "60",
        "seconds an instance holds a sink (one delivers to each sink at a time, renewing while it does); a sink of an "
            + "instance that died is taken over by another after this, at once by one started on its host and port"),
    API_TOKENS("EPR_API_TOKENS", null,
        "role:token,... with role read, write or admin: every /api route needs a bearer token; off when unset"),
    API_TOKENS_FILE("EPR_API_TOKENS_FILE", null,
        "file of role:sha256hex lines (hash: epr token-hash TOKEN), with or instead of EPR_API_TOKENS"),
    SCHEMA_REFS("EPR_SCHEMA_REFS", "public",
        "remote $refs in receiver schemas: public (http(s) to public addresses only), any (internal ones too) or off"),
    MAX_BODY("EPR_MAX_BODY", String.valueOf(128L * 1024 * 1024), "request body limit in bytes"),
    REQUEST_TIMEOUT("EPR_REQUEST_TIMEOUT", "30", "seconds a request may take before it is answered 503"),
    UPLOAD_TIMEOUT("EPR_UPLOAD_TIMEOUT", "300",
        "seconds an upload may take: POST /api/v1/sboms, and any body over 1 MiB or of unannounced length"),
    MAX_UPLOADS("EPR_MAX_UPLOADS", String.valueOf(Runtime.getRuntime().availableProcessors()),
        "SBOMs read and validated at once (uploads, and events whose payload is a CycloneDX BOM), on threads of "
            + "their own; as many more wait, the rest are answered 503 with Retry-After; default: the cores"),
    HEADER_TIMEOUT("EPR_HEADER_TIMEOUT", "10", "seconds a connection may take to send a request's line and headers, "
        + "from its opening or the end of the previous response; past it the connection is closed"),
    IDLE_TIMEOUT("EPR_IDLE_TIMEOUT", "20", "the window over which a client must take at least 1 KiB a second of an "
        + "answer waiting for it (slow read), else its connection is reset"),
    MAX_CONNECTIONS("EPR_MAX_CONNECTIONS", "1024",
        "open connections at most; one more is answered 503 with Retry-After and closed"),
    CORS_ORIGINS("EPR_CORS_ORIGINS", null, "comma-separated origins (https://console.example.com) whose web pages may "
        + "call the API, with credentials; * for any origin, without credentials; unset: none but the server's own"),
    RATE_LIMIT("EPR_RATE_LIMIT", null, "requests a second each token may make (each client address without a valid "
        + "token, or when tokens are off); beyond it 429 with Retry-After; off when unset"),
    RATE_BURST("EPR_RATE_BURST", null, "requests a caller may make at once before EPR_RATE_LIMIT paces it; "
        + "default: the rate, at least 1"),
    DATA_DIR("EPR_DATA_DIR", "data", "where the embedded PostgreSQL and broker keep their data"),
    EMBEDDED_KAFKA_PORT("EPR_EMBEDDED_KAFKA_PORT", "19092",
        "port of the in-process broker started when EPR_BROKERS is unset (the workshop's Redpanda port)");

    public final String env;
    public final String defaultValue;
    public final String help;

    Setting(String env, String defaultValue, String help) {
      this.env = env;
      this.defaultValue = defaultValue;
      this.help = help;
    }

    public String flag() {
      return "--" + name().toLowerCase(Locale.ROOT).replace('_', '-');
    }
  }

  public static EprConfig from(List<String> args, Map<String, String> env) {
    Map<Setting, String> values = new LinkedHashMap<>();
    for (Setting s : Setting.values()) {
      String v = env.get(s.env);
      values.put(s, v == null || v.isBlank() ? s.defaultValue : v);
    }
    List<String> rest = new ArrayList<>(args);
    while (!rest.isEmpty()) {
      String arg = rest.remove(0);
      String name = arg;
      String value = null;
      int eq = arg.indexOf('=');
      if (eq > 0) {
        name = arg.substring(0, eq);
        value = arg.substring(eq + 1);
      }
      Setting setting = bySetting(name);
      boolean isSwitch = setting == Setting.DEBUG || setting == Setting.JSON_LOGGING;
      if (value == null) {
        if (isSwitch && (rest.isEmpty() || rest.get(0).startsWith("--"))) {
          value = "true";
        } else if (rest.isEmpty()) {
          throw new IllegalArgumentException("flag " + name + " needs a value");
        } else {
          value = rest.remove(0);
        }
      }
      values.put(setting, value);
    }
    String host = values.get(Setting.HOST);
    int port = parseInt(Setting.PORT, values.get(Setting.PORT));
    String publicUrl = values.get(Setting.PUBLIC_URL);
    if (publicUrl == null) {
      publicUrl = "http://" + host + ":" + port;
    }
    publicUrl = publicUrl.replaceAll("/+$", "");
    URI.create(publicUrl);
    long maxBody = parseLong(Setting.MAX_BODY, values.get(Setting.MAX_BODY));
    Duration requestTimeout = seconds(Setting.REQUEST_TIMEOUT, values.get(Setting.REQUEST_TIMEOUT));
    Duration uploadTimeout = seconds(Setting.UPLOAD_TIMEOUT, values.get(Setting.UPLOAD_TIMEOUT));
    int maxUploads = parseInt(Setting.MAX_UPLOADS, values.get(Setting.MAX_UPLOADS));
    if (maxUploads < 1) {
      throw new IllegalArgumentException(Setting.MAX_UPLOADS.env + " must be at least 1, got " + maxUploads);
    }
    int maxConnections = parseInt(Setting.MAX_CONNECTIONS, values.get(Setting.MAX_CONNECTIONS));
    if (maxConnections < 1) {
      throw new IllegalArgumentException(
          Setting.MAX_CONNECTIONS.env + " must be at least 1, got " + maxConnections);
    }
    double rateLimit = rateLimit(values.get(Setting.RATE_LIMIT));
    int rateBurst = rateBurst(values.get(Setting.RATE_BURST), rateLimit);
    int outboxLease = parseInt(Setting.OUTBOX_LEASE, values.get(Setting.OUTBOX_LEASE));
    if (outboxLease < 1) {
      throw new IllegalArgumentException(
          Setting.OUTBOX_LEASE.env + " must be at least 1 (seconds), got " + outboxLease);
    }
    return new EprConfig(
        host,
        port,
        values.get(Setting.DB),
        values.get(Setting.BROKERS),
        values.get(Setting.TOPIC),
        values.get(Setting.TLS_CERT),
        values.get(Setting.TLS_KEY),
        Boolean.parseBoolean(values.get(Setting.JSON_LOGGING)),
        Boolean.parseBoolean(values.get(Setting.DEBUG)),
        publicUrl,
        values.get(Setting.CDEVENTS_TOPIC),
        values.get(Setting.CDEVENTS_RULES),
        values.get(Setting.CDVIZ_URL),
        values.get(Setting.CDVIZ_TOKEN),
        values.get(Setting.CDVIZ_SECRET),
        parseInt(Setting.CDVIZ_MAX_ATTEMPTS, values.get(Setting.CDVIZ_MAX_ATTEMPTS)),
        outboxLease,
        values.get(Setting.API_TOKENS),
        values.get(Setting.API_TOKENS_FILE),
        RemoteRefs.parse(values.get(Setting.SCHEMA_REFS)),
        maxBody,
        requestTimeout,
        uploadTimeout,
        maxUploads,
        seconds(Setting.HEADER_TIMEOUT, values.get(Setting.HEADER_TIMEOUT)),
        seconds(Setting.IDLE_TIMEOUT, values.get(Setting.IDLE_TIMEOUT)),
        maxConnections,
        origins(values.get(Setting.CORS_ORIGINS)),
        rateLimit,
        rateBurst,
        Path.of(values.get(Setting.DATA_DIR)),
        parseInt(Setting.EMBEDDED_KAFKA_PORT, values.get(Setting.EMBEDDED_KAFKA_PORT)),
        kafkaCompression(values.get(Setting.KAFKA_COMPRESSION)));
  }

  public static String usage() {
    StringBuilder b = new StringBuilder("usage: epr serve [flags] (or java -jar epr.jar [flags])\n\n"
        + "Each flag can also be set by its environment variable.\n");
    for (Setting s : Setting.values()) {
      b.append(String.format("  %-18s %-20s %s%s%n", s.flag(), s.env, s.help,
          s.defaultValue == null ? "" : " (default " + s.defaultValue + ")"));
    }
    return b.toString();
  }

  private static Setting bySetting(String flag) {
    for (Setting s : Setting.values()) {
      if (s.flag().equals(flag)) {
        return s;
      }
    }
    throw new IllegalArgumentException("unknown flag " + flag);
  }

  private static Duration seconds(Setting s, String v) {
    long seconds = parseLong(s, v);
    if (seconds < 1) {
      throw new IllegalArgumentException(s.env + " must be at least 1 (seconds), got '" + v + "'");
    }
    return Duration.ofSeconds(seconds);
  }

  /** The origins of EPR_CORS_ORIGINS as {@link #origin} writes them, or just "*". */
  private static List<String> origins(String v) {
    if (v == null) {
      return List.of();
    }
    List<String> origins = new ArrayList<>();
    for (String entry : v.split(",")) {
      String origin = entry.trim();
      if (origin.isEmpty()) {
        continue;
      }
      if (!origin.equals("*") && !origin.matches("(?i)https?://[^/?#@\\s]+")) {
        throw new IllegalArgumentException(Setting.CORS_ORIGINS.env + " has '" + origin + "', which is not an "
            + "origin: write scheme://host[:port] with no path, like https://console.example.com, or * alone");
      }
      origins.add(origin.equals("*") ? origin : origin(origin));
    }
    if (origins.contains("*") && origins.size() > 1) {
      throw new IllegalArgumentException(Setting.CORS_ORIGINS.env + " mixes * with origins: * already allows any");
    }
    return List.copyOf(origins);
  }

  /**
   * The origin of a URL as a browser sends it in {@code Origin}: scheme://host[:port] in lower case, without the
   * path and without the scheme's default port.
   */
  public static String origin(String url) {
    String origin = url.toLowerCase(Locale.ROOT).replaceFirst("^([a-z][a-z0-9+.-]*://[^/?#]*).*$", "$1");
    if (origin.startsWith("http://") && origin.endsWith(":80")
        || origin.startsWith("https://") && origin.endsWith(":443")) {
      return origin.substring(0, origin.lastIndexOf(':'));
    }
    return origin;
  }

  private static String kafkaCompression(String v) {
    String codec = v.trim().toLowerCase(Locale.ROOT);
    if (!KAFKA_COMPRESSIONS.contains(codec)) {
      throw new IllegalArgumentException(Setting.KAFKA_COMPRESSION.env + " must be one of "
          + String.join(", ", KAFKA_COMPRESSIONS) + ", got '" + v + "'");
    }
    return codec;
  }

  /** Requests a second, 0 when unset (no limit). */
  private static double rateLimit(String v) {
    if (v == null) {
      return 0;
    }
    double perSecond;
    try {
      perSecond = Double.parseDouble(v.trim());
    } catch (NumberFormatException e) {
      perSecond = Double.NaN;
    }
    if (!(perSecond > 0) || Double.isInfinite(perSecond)) {
      throw new IllegalArgumentException(Setting.RATE_LIMIT.env + " must be a number of requests a second above 0, "
          + "such as 20 or 0.5, got '" + v + "'; unset it for no limit");
    }
    return perSecond;
  }

  /** The bucket size: as set, else the rate (at least 1); 0 when there is no limit. */
  private static int rateBurst(String v, double rateLimit) {
    if (v == null) {
      return rateLimit == 0 ? 0 : (int) Math.max(1, Math.min(Integer.MAX_VALUE, Math.ceil(rateLimit)));
    }
    if (rateLimit == 0) {
      throw new IllegalArgumentException(Setting.RATE_BURST.env + " is set but " + Setting.RATE_LIMIT.env
          + " is not: set " + Setting.RATE_LIMIT.env + " (requests a second) too, or unset " + Setting.RATE_BURST.env);
    }
    int burst = parseInt(Setting.RATE_BURST, v);
    if (burst < 1) {
      throw new IllegalArgumentException(Setting.RATE_BURST.env + " must be at least 1 (requests), got '" + v + "'");
    }
    return burst;
  }

  private static int parseInt(Setting s, String v) {
    return (int) parseLong(s, v);
  }

  private static long parseLong(Setting s, String v) {
    try {
      return Long.parseLong(v.trim());
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(s.env + " must be a number, got '" + v + "'");
    }
  }

  public boolean tls() {
    return tlsCert != null && tlsKey != null;
  }

  /** The settings with their secrets masked (API tokens, the CDViz token and secret, the database password). */
  @Override
  public String toString() {
    StringJoiner out = new StringJoiner(", ", "EprConfig[", "]");
    for (RecordComponent setting : EprConfig.class.getRecordComponents()) {
      Object value;
      try {
        value = setting.getAccessor().invoke(this);
      } catch (ReflectiveOperationException e) {
        throw new IllegalStateException(e);
      }
      if (value != null && SECRETS.contains(setting.getName())) {
        value = "****";
      } else if (value != null && setting.getName().equals("db")) {
        value = value.toString().replaceFirst("://([^:/@]*):[^@/]*@", "://$1:****@");
      }
      out.add(setting.getName() + "=" + value);
    }
    return out.toString();
  }
}
