package io.epr.support;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/** A test class that shares one running service (and a reader of its topic) between its tests. */
public abstract class ServerTest {
  protected static EprTestServer server;
  protected static Http http;
  protected static TopicReader topic;

  @BeforeAll
  static void startServer() {
    server = new EprTestServer();
    http = server.http;
    topic = server.reader();
  }

  @AfterAll
  static void stopServer() {
    topic.close();
    server.close();
  }
}
