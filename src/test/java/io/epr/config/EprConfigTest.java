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
    assertNull(c.brokers(), "unset: in-process broker");
    assertEquals("http://localhost:8042", c.publicUrl());
    assertEquals(128L * 1024 * 1024, c.maxBody());
    assertFalse(c.tls());
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
  }

  @Test
  void usageListsEveryVariable() {
    String usage = EprConfig.usage();
    for (EprConfig.Setting s : EprConfig.Setting.values()) {
      assertTrue(usage.contains(s.env) && usage.contains(s.flag()), s.env);
    }
  }
}
