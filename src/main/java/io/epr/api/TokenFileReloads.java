package io.epr.api;

import io.epr.api.http.Role;
import io.epr.model.Sha256;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import sun.misc.Signal;
import sun.misc.SignalHandler;

/**
 * EPR_API_TOKENS_FILE kept current without a restart: read again when its content changes (looked at every second,
 * so a file replaced by rename, as editors and configuration tools write, is seen too; a change counts once it reads
 * the same twice in a row, so a file caught half-written in place is not taken) and on SIGHUP. A reload swaps
 * in a whole new {@link ApiTokens}, which every request then reads; one that fails (a malformed line, a file that
 * cannot be read) keeps the tokens in force and logs the line and the fix. The log says how many tokens each role
 * has and how many were added and removed, never a token or its hash. A file left with no token line leaves no
 * token of its own: access control stays on and, without EPR_API_TOKENS, every request needing a token gets 401.
 */
public final class TokenFileReloads implements Supplier<ApiTokens>, AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(TokenFileReloads.class);
  private static final Signal HUP = new Signal("HUP");

  private final Path file;
  private final AtomicReference<ApiTokens> current;
  /** One thread reads the file, for both the watch and SIGHUP, so reloads never overlap. */
  private final ScheduledExecutorService reader;
  /** The digest of the content last read (or why it could not be): a change is a digest not seen last time. */
  private byte[] lastSeen;
  /** The digest of a change seen once, not yet applied. */
  private byte[] changedTo;
  private SignalHandler previousHup;

  private TokenFileReloads(Path file, ApiTokens initial, byte[] seen) {
    this.file = file;
    this.current = new AtomicReference<>(initial);
    this.lastSeen = seen;
    this.reader = Executors.newSingleThreadScheduledExecutor(task -> {
      Thread thread = new Thread(task, "epr-token-file");
      thread.setDaemon(true);
      return thread;
    });
  }

  /** Reads the file (and EPR_API_TOKENS, {@code list}, or null) as at start-up, then watches it. */
  public static TokenFileReloads start(String list, Path file) {
    byte[] content = ApiTokens.read(file);
    TokenFileReloads reloads = new TokenFileReloads(file, ApiTokens.from(list, file, ApiTokens.lines(content)),
        Sha256.of(content));
    reloads.reader.scheduleWithFixedDelay(() -> reloads.reload("as the file changed", false), 1, 1, TimeUnit.SECONDS);
    try {
      reloads.previousHup = Signal.handle(HUP,
          signal -> reloads.reader.execute(() -> reloads.reload("on SIGHUP", true)));
    } catch (IllegalArgumentException unavailable) {
      LOG.warn("SIGHUP cannot reload {} here ({}); it is still read again whenever it changes", ApiTokens.FILE,
          unavailable.getMessage());
    }
    return reloads;
  }

  @Override
  public ApiTokens get() {
    return current.get();
  }

  /**
   * Reads the file and, when it changed since last read and reads the same as a second ago ({@code always}: whatever
   * it holds), makes its lines the file's tokens. Runs on the reader thread only.
   */
  private void reload(String why, boolean always) {
    byte[] content = null;
    IOException unreadable = null;
    try {
      content = Files.readAllBytes(file);
    } catch (IOException e) {
      unreadable = e;
    }
    byte[] seen = Sha256.of(content != null ? content : unreadable.toString().getBytes(StandardCharsets.UTF_8));
    if (!always && !Arrays.equals(seen, lastSeen) && !Arrays.equals(seen, changedTo)) {
      changedTo = seen; // applied when read the same a second later: a file rewritten in place may be half written
      return;
    }
    changedTo = null;
    if (!always && Arrays.equals(seen, lastSeen)) {
      return;
    }
    lastSeen = seen;
    ApiTokens before = current.get();
    try {
      if (unreadable != null) {
        throw new IllegalArgumentException("cannot read it: " + unreadable, unreadable);
      }
      ApiTokens after = before.withFileLines(ApiTokens.lines(content));
      current.set(after);
      String changes = after.changesSince(before);
      if (Arrays.stream(Role.values()).allMatch(role -> after.count(role) == 0)) {
        LOG.warn("{} reloaded {}: {}; no token is valid now, so every request to /api and /metrics is refused "
            + "(401) until role:sha256hex lines are added", ApiTokens.FILE, why, changes);
      } else {
        LOG.info("{} reloaded {}: {}", ApiTokens.FILE, why, changes);
      }
    } catch (IllegalArgumentException e) {
      LOG.warn("{} not reloaded {}: {}; the tokens in force are kept ({})", ApiTokens.FILE, why, e.getMessage(),
          before.counts());
    }
  }

  @Override
  public void close() {
    if (previousHup != null) {
      Signal.handle(HUP, previousHup);
    }
    reader.shutdownNow();
  }

}
