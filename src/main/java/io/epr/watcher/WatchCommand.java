package io.epr.watcher;

import io.epr.client.EprClient;
import java.net.URI;
import java.util.concurrent.Callable;
import java.util.function.Predicate;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code epr watch}: the webhook watcher of workshop §12. Matching messages are POSTed to a URL, and each call is
 * recorded in EPR as a {@value FiredWebhooks#TYPE} event. Runs until interrupted, also while its brokers cannot be
 * reached (it says so on stderr and keeps trying), as it is run as a service that may start before Kafka.
 */
@Command(name = "watch", mixinStandardHelpOptions = true,
    description = "POST matching EPR messages to a webhook and record each call in EPR as a webhook.fired event.")
public final class WatchCommand implements Callable<Integer> {
  @Option(names = "--brokers", defaultValue = "${env:EPR_BROKERS:-localhost:19092}",
      description = "Kafka brokers, comma-separated (env EPR_BROKERS; default ${DEFAULT-VALUE})")
  String brokers;

  @Option(names = "--topic", defaultValue = "${env:EPR_TOPIC:-epr.dev.events}",
      description = "EPR's topic (env EPR_TOPIC; default ${DEFAULT-VALUE})")
  String topic;

  @Option(names = "--group", defaultValue = "epr-webhook-watcher",
      description = "consumer group (default ${DEFAULT-VALUE})")
  String group;

  @Option(names = "--from", defaultValue = "latest", paramLabel = "earliest|latest", converter = StartFrom.Parser.class,
      description = "where a group with no committed offsets starts: latest (default: only messages produced from "
          + "now on) or earliest (every message still in the topic, firing the webhook for old events too); a group "
          + "that committed offsets always resumes from them")
  StartFrom from;

  @Option(names = "--match-type", required = true, paramLabel = "GLOB",
      description = "message types to react to; * matches any characters")
  String matchType;

  @Option(names = "--success", arity = "1", paramLabel = "true|false", description = "only messages with this success")
  Boolean success;

  @Option(names = "--url", required = true, description = "the webhook to POST each message to")
  URI url;

  @Option(names = "--epr-url", defaultValue = "${env:EPR_URL:-http://localhost:8042}",
      description = "EPR to record the calls in (env EPR_URL; default ${DEFAULT-VALUE})")
  String eprUrl;

  @Option(names = "--token", defaultValue = "${env:EPR_TOKEN}", description = "bearer token for EPR (env EPR_TOKEN)")
  String token;

  @Spec
  CommandSpec spec;

  @Override
  public Integer call() throws InterruptedException {
    Watcher watcher = watcher().start();
    Runtime.getRuntime().addShutdownHook(new Thread(watcher::close, "epr-watch-shutdown"));
    watcher.await();
    return 0;
  }

  /** The watcher this command runs, not started; it says what it does on the command's stderr. */
  public Watcher watcher() {
    FiredWebhooks fired = new FiredWebhooks(new EprClient(eprUrl, token));
    return Watcher.builder()
        .brokers(brokers)
        .topics(topic)
        .group(group)
        .from(from)
        .reporter(line -> spec.commandLine().getErr().println("epr watch: " + line))
        .matcher(matcher())
        .handler(new WebhookFiring(new Webhook(url, Backoff.DEFAULT), fired))
        .build();
  }

  /** Never its own webhook.fired events, which would fire the webhook again for every call. */
  Predicate<Message> matcher() {
    Predicate<String> type = TypeGlob.of(matchType);
    return m -> !FiredWebhooks.TYPE.equals(m.type())
        && type.test(m.type())
        && (success == null || success == m.success());
  }
}
