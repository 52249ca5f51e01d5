package io.epr.watcher;

/** What a {@link Watcher} does with each matching message; a thrown exception makes it retry the message. */
@FunctionalInterface
public interface MessageHandler {
  void handle(Message message) throws Exception;
}
