package io.epr.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class EprConfigTest {

  @Test
  void defaultsAreEprs() {
    EprConfig c = EprConfig.from(List.of(), Map.of());
    assertEquals("localhost", c.host());
    assertEquals(8042, c.port());
    assertEquals("epr.dev.events", c.topic());
    assertEquals("epr.dev.cdevents", c.cdeventsTopic());
    assertNull(c.db(), "unset: embedded PostgreSQL");
    assertEquals(19092, c.embeddedKafkaPort(), "the embedded broker where the workshop's Redpanda listens");
    assertNull(c.brokers(), "unset: in-process broker");
    assertEquals("http://localhost:8042", c.publicUrl());
    assertEquals(128L * 1024 * 1024, c.maxBody());
    assertEquals(60, c.outboxLeaseSeconds());
    assertFalse(c.tls());
    assertEquals(java.time.Duration.ofSeconds(10), c.headerTimeout());
    assertEquals(java.time.Duration.ofSeconds(20), c.idleTimeout());
    assertEquals(1024, c.maxConnections());
    assertEquals(List.of(), c.corsOrigins(), "no other origin's pages may call the API");
    assertEquals(0, c.rateLimit(), "no rate limit, as EPR");
  }

  @Test
  void corsOriginsAreWrittenAsBrowsersSendThem() {
    assertEquals(List.of("https://console.example.com", "http://localhost:3000", "http://a.example"),
        EprConfig.from(List.of("--cors-origins", " HTTPS://Console.Example.com:443, http://localhost:3000,,http://a.example:80"),
            Map.of()).corsOrigins());
    assertEquals(List.of("*"), EprConfig.from(List.of(), Map.of("EPR_CORS_ORIGINS", "*")).corsOrigins());
    assertEquals("EPR_CORS_ORIGINS has 'https://console.example.com/app', which is not an origin: write "
            + "scheme://host[:port] with no path, like https://console.example.com, or * alone",
        assertThrows(IllegalArgumentException.class, () -> EprConfig.from(List.of(),
            Map.of("EPR_CORS_ORIGINS", "https://console.example.com/app"))).getMessage());
    assertEquals("EPR_CORS_ORIGINS mixes * with origins: * already allows any",
        assertThrows(IllegalArgumentException.class, () -> EprConfig.from(List.of(),
            Map.of("EPR_CORS_ORIGINS", "*,https://a.example"))).getMessage());
    assertEquals("EPR_MAX_CONNECTIONS must be at least 1, got 0",
        assertThrows(IllegalArgumentException.class, () -> EprConfig.from(List.of(),
            Map.of("EPR_MAX_CONNECTIONS", "0"))).getMessage());
  }

  @Test
  void theRateLimitsBurstIsTheRateUnlessSet() {
    EprConfig c = EprConfig.from(List.of("--rate-limit", "2.5"), Map.of());
    assertEquals(2.5, c.rateLimit());
    assertEquals(3, c.rateBurst());
    assertEquals(1, EprConfig.from(List.of(), Map.of("EPR_RATE_LIMIT", "0.2")).rateBurst());
    assertEquals(50, EprConfig.from(List.of("--rate-burst=50"), Map.of("EPR_RATE_LIMIT", "10")).rateBurst());
    for (String wrong : List.of("0", "-1", "fast", "NaN", "Infinity")) {
      assertEquals("EPR_RATE_LIMIT must be a number of requests a second above 0, such as 20 or 0.5, got '" + wrong
          + "'; unset it for no limit", assertThrows(IllegalArgumentException.class,
          () -> EprConfig.from(List.of(), Map.of("EPR_RATE_LIMIT", wrong))).getMessage());
    }
    assertEquals("EPR_RATE_BURST is set but EPR_RATE_LIMIT is not: set EPR_RATE_LIMIT (requests a second) too, or "
        + "unset EPR_RATE_BURST", assertThrows(IllegalArgumentException.class,
        () -> EprConfig.from(List.of("--rate-burst", "5"), Map.of())).getMessage());
    assertEquals("EPR_RATE_BURST must be at least 1 (requests), got '0'", assertThrows(IllegalArgumentException.class,
        () -> EprConfig.from(List.of("--rate-burst", "0", "--rate-limit", "1"), Map.of())).getMessage());
  }

  @Test
  void environmentThenFlagsWin() {
    EprConfig c = EprConfig.from(List.of("--port", "9000", "--topic=t2", "--debug", "--brokers", "b:1"),
        Map.of("EPR_PORT", "8100", "EPR_TOPIC", "t1", "EPR_DB", "postgres://x@h:1/d", "EPR_BROKERS", "a:1",
            "EPR_PUBLIC_URL", "https://epr.example.com/"));
    assertEquals(9000, c.port());
    assertEquals("t2", c.topic());
    assertTrue(c.debug());
    assertEquals("b:1", c.brokers());
    assertEquals("postgres://x@h:1/d", c.db());
    assertEquals("https://epr.example.com", c.publicUrl());
  }

  @Test
  void mistakesNameTheSetting() {
    assertEquals("unknown flag --prot",
        assertThrows(IllegalArgumentException.class, () -> EprConfig.from(List.of("--prot", "1"), Map.of())).getMessage());
    assertEquals("EPR_PORT must be a number, got 'eighty'",
        assertThrows(IllegalArgumentException.class, () -> EprConfig.from(List.of(), Map.of("EPR_PORT", "eighty")))
            .getMessage());
    assertEquals("flag --port needs a value",
        assertThrows(IllegalArgumentException.class, () -> EprConfig.from(List.of("--port"), Map.of())).getMessage());
    assertEquals("EPR_OUTBOX_LEASE must be at least 1 (seconds), got 0",
        assertThrows(IllegalArgumentException.class, () -> EprConfig.from(List.of("--outbox-lease", "0"), Map.of()))
            .getMessage());
  }

  @Test
  void printedConfigurationMasksSecrets() {
    EprConfig c = EprConfig.from(List.of("--api-tokens-file", "/etc/epr/tokens"), Map.of(
        "EPR_API_TOKENS", "read:t0ken-r,admin:t0ken-a", "EPR_CDVIZ_TOKEN", "cdv1z-t0ken", "EPR_CDVIZ_SECRET", "hm4c",
        "EPR_DB", "postgres://epr:pa55word@db:5432/epr"));
    assertEquals("read:t0ken-r,admin:t0ken-a", c.apiTokens());
    assertEquals("/etc/epr/tokens", c.apiTokensFile());
    String printed = c.toString();
    for (String secret : List.of("t0ken", "cdv1z", "hm4c", "pa55word")) {
      assertFalse(printed.contains(secret), printed);
    }
    assertTrue(printed.contains("apiTokens=****, apiTokensFile=/etc/epr/tokens"), printed);
    assertTrue(printed.contains("db=postgres://epr:****@db:5432/epr"), printed);
    assertTrue(printed.contains("cdvizUrl=null"), printed);
  }

  @Test
  void kafkaCompressionIsNoneUnlessChosenAndOnlyAKnownCodec() {
    assertEquals("none", EprConfig.from(List.of(), Map.of()).kafkaCompression(), "as Go EPR: every consumer reads it");
    assertEquals("zstd", EprConfig.from(List.of(), Map.of("EPR_KAFKA_COMPRESSION", " ZSTD")).kafkaCompression());
    assertEquals("gzip", EprConfig.from(List.of("--kafka-compression", "gzip"), Map.of()).kafkaCompression());
    assertEquals("EPR_KAFKA_COMPRESSION must be one of none, gzip, snappy, lz4, zstd, got 'brotli'",
        assertThrows(IllegalArgumentException.class,
            () -> EprConfig.from(List.of(), Map.of("EPR_KAFKA_COMPRESSION", "brotli"))).getMessage());
  }

  @Test
  void usageListsEveryVariable() {
    String usage = EprConfig.usage();
    for (EprConfig.Setting s : EprConfig.Setting.values()) {
      assertTrue(usage.contains(s.env) && usage.contains(s.flag()), s.env);
    }
  }
}
