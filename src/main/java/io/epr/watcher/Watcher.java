package io.epr.watcher;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Predicate;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Consumes EPR messages in a consumer group and hands the matching ones to a handler, on a thread of its own
 * (the Go SDK's {@code watcher.New}, {@code ConsumeRecords} and {@code StartTaskHandler} in one object).
 * It says what it watches and from where, and reports brokers it cannot reach (to a reporter, the log unless told).
 * Records that are not EPR messages are skipped. Offsets are committed once a polled batch is handled, so a
 * message is handled at least once; a failing handler is retried, then the message is logged and skipped.
 */
public final class Watcher implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(Watcher.class);
  private static final Duration POLL = Duration.ofMillis(250);
  private static final Duration ERROR_PAUSE = Duration.ofSeconds(1);

  private final Builder config;
  private final CountDownLatch closing = new CountDownLatch(1);
  private final CountDownLatch stopped = new CountDownLatch(1);
  private Thread loop;

  private Watcher(Builder config) {
    this.config = config;
  }

  public static Builder builder() {
    return new Builder();
  }

  /** Says what it watches, then (once a broker answers) joins the consumer group and starts consuming. */
  public synchronized Watcher start() {
    if (loop != null) {
      throw new IllegalStateException("watcher already started");
    }
    config.reporter.accept("watching " + String.join(", ", config.topics) + " on " + config.brokers + " as consumer group "
        + config.group + ": the group resumes from its committed offsets; without them it starts at "
        + config.from.describe());
    KafkaConsumer<String, String> consumer =
        new KafkaConsumer<>(config.consumerProperties(), new StringDeserializer(), new StringDeserializer());
    loop = new Thread(() -> consume(consumer), "epr-watcher-" + config.group);
    loop.start();
    return this;
  }

  /** Blocks until the watcher is closed. */
  public void await() throws InterruptedException {
    stopped.await();
  }

  /** Stops after the message in hand (a message whose handling is cut short is not committed) and leaves the group. */
  @Override
  public void close() {
    closing.countDown();
    Thread running;
    synchronized (this) {
      running = loop;
    }
    if (running == null) {
      stopped.countDown();
      return;
    }
    try {
      running.join();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private void consume(KafkaConsumer<String, String> consumer) {
    try (consumer) {
      if (!new BrokerWait(config.brokers, config.reporter).until(consumer, this::pause)) {
        return;
      }
      consumer.subscribe(config.topics, new Assignments(consumer, config.group, config.from, config.reporter));
      while (!isClosing()) {
        try {
          consumeBatch(consumer);
        } catch (RuntimeException e) {
          LOG.warn("watcher {} on {}: {}", config.group, config.topics, e.toString());
          pause(ERROR_PAUSE);
        }
      }
    } finally {
      stopped.countDown();
    }
  }

  private void consumeBatch(KafkaConsumer<String, String> consumer) {
    Map<TopicPartition, OffsetAndMetadata> done = new HashMap<>();
    for (ConsumerRecord<String, String> r : consumer.poll(POLL)) {
      if (!consume(r)) {
        break;
      }
      done.put(new TopicPartition(r.topic(), r.partition()), new OffsetAndMetadata(r.offset() + 1));
    }
    if (!done.isEmpty()) {
      consumer.commitSync(done);
    }
  }

  /** False when the watcher was closed before the record was done with. */
  private boolean consume(ConsumerRecord<String, String> r) {
    Optional<Message> message = Message.parse(r.value());
    if (message.isEmpty()) {
      LOG.info("skipping record {}-{}@{}: not an EPR message", r.topic(), r.partition(), r.offset());
      return true;
    }
    return !matches(message.get()) || handle(message.get());
  }

  private boolean matches(Message m) {
    try {
      return config.matcher.test(m);
    } catch (RuntimeException e) {
      LOG.warn("matcher failed on message {} ({}), skipping it: {}", m.id(), m.type(), e.toString());
      return false;
    }
  }

  private boolean handle(Message m) {
    for (int attempt = 1; ; attempt++) {
      try {
        config.handler.handle(m);
        return true;
      } catch (Exception e) {
        if (attempt == config.retry.attempts()) {
          LOG.error("handler failed on message {} ({}) {} times, skipping it", m.id(), m.type(), attempt, e);
          return true;
        }
        LOG.warn("handler failed on message {} ({}), attempt {}: {}", m.id(), m.type(), attempt, e.toString());
        if (!pause(config.retry.pauseAfter(attempt))) {
          return false;
        }
      }
    }
  }

  /** False when closed during the pause. */
  private boolean pause(Duration d) {
    try {
      return !closing.await(d.toMillis(), TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  private boolean isClosing() {
    return closing.getCount() == 0;
  }

  /** Brokers, topics and consumer group (required), and what to do with which messages. */
  public static final class Builder {
    private String brokers;
    private List<String> topics;
    private String group;
    private StartFrom from = StartFrom.LATEST;
    private Consumer<String> reporter = LOG::info;
    private Predicate<Message> matcher = m -> true;
    private MessageHandler handler;
    private Backoff retry = Backoff.DEFAULT;

    private Builder() {}

    /** Comma-separated bootstrap servers. */
    public Builder brokers(String brokers) {
      this.brokers = brokers;
      return this;
    }

    public Builder topics(String... topics) {
      this.topics = List.of(topics);
      return this;
    }

    public Builder group(String group) {
      this.group = group;
      return this;
    }

    /** Where a group without committed offsets starts: {@link StartFrom#LATEST} unless told. */
    public Builder from(StartFrom from) {
      this.from = Objects.requireNonNull(from, "from");
      return this;
    }

    /** Where the watcher says what it watches, where it reads from and that brokers do not answer (the log unless told). */
    public Builder reporter(Consumer<String> reporter) {
      this.reporter = Objects.requireNonNull(reporter, "reporter");
      return this;
    }

    public Builder matcher(Predicate<Message> matcher) {
      this.matcher = matcher;
      return this;
    }

    public Builder handler(MessageHandler handler) {
      this.handler = handler;
      return this;
    }

    /** Handler attempts per message, with a doubling pause from {@code firstPause} (3 and 500 ms by default). */
    public Builder retries(int attempts, Duration firstPause) {
      this.retry = new Backoff(attempts, firstPause);
      return this;
    }

    public Watcher build() {
      Objects.requireNonNull(brokers, "brokers");
      Objects.requireNonNull(group, "group");
      Objects.requireNonNull(handler, "handler");
      if (topics == null || topics.isEmpty()) {
        throw new IllegalArgumentException("topics required");
      }
      return new Watcher(copy());
    }

    /** The watcher keeps its own settings, whatever is later done with this builder. */
    private Builder copy() {
      Builder b = new Builder();
      b.brokers = brokers;
      b.topics = topics;
      b.group = group;
      b.from = from;
      b.reporter = reporter;
      b.matcher = matcher;
      b.handler = handler;
      b.retry = retry;
      return b;
    }

    private Properties consumerProperties() {
      Properties p = new Properties();
      p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, brokers);
      p.put(ConsumerConfig.GROUP_ID_CONFIG, group);
      p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
      p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, from.offsetReset());
      return p;
    }
  }
}
