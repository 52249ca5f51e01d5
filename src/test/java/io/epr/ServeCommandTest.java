package io.epr;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** The jar serves without arguments and with a server flag first (as compose and .ci/run start it); else the CLI. */
class ServeCommandTest {
  @Test
  void whatTheJarServes() {
    assertTrue(ServeCommand.serves());
    assertTrue(ServeCommand.serves("--port", "8042"));
    assertTrue(ServeCommand.serves("--data-dir=/tmp/epr"));
    assertFalse(ServeCommand.serves("receiver", "search"));
    assertFalse(ServeCommand.serves("--url", "http://localhost:8042", "event", "search"));
    assertFalse(ServeCommand.serves("--help"));
    assertFalse(ServeCommand.serves("--portable"));
  }
}
