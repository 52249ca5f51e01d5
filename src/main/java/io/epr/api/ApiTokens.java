package io.epr.api;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/**
 * The bearer tokens of EPR_API_TOKENS ({@code role:token,…}) and EPR_API_TOKENS_FILE (lines {@code role:sha256hex}),
 * together, kept as SHA-256 digests only. Mistakes fail start-up with the entry and the fix, never with the token.
 */
public final class ApiTokens {
  public static final String LIST = "EPR_API_TOKENS";
  public static final String FILE = "EPR_API_TOKENS_FILE";
  private static final String ROLES = "read, write or admin";

  private record Entry(Role role, byte[] digest) {}

  private final List<Entry> entries;
  private final String settings;

  private ApiTokens(List<Entry> entries, String settings) {
    this.entries = entries;
    this.settings = settings;
  }

  /** From the two settings, either of which may be null; no tokens (access control off) when both are. */
  public static ApiTokens from(String list, String file) {
    List<Entry> entries = new ArrayList<>();
    List<String> settings = new ArrayList<>();
    if (list != null) {
      settings.add(LIST);
      entries.addAll(fromList(list));
    }
    if (file != null) {
      settings.add(FILE);
      entries.addAll(fromFile(Path.of(file)));
    }
    return new ApiTokens(List.copyOf(entries), String.join(" and ", settings));
  }

  public boolean on() {
    return !entries.isEmpty();
  }

  /** Which settings hold the tokens: "EPR_API_TOKENS", "EPR_API_TOKENS_FILE" or both. */
  public String settings() {
    return settings;
  }

  /**
   * The role of {@code token}, null when it is none of these. Every entry is compared, in constant time, so how long
   * this takes says nothing about which entry (or how much of one) matched; a token listed twice has the higher role.
   */
  public Role roleOf(String token) {
    byte[] digest = sha256(token);
    Role found = null;
    for (Entry entry : entries) {
      if (MessageDigest.isEqual(digest, entry.digest()) && (found == null || entry.role().covers(found))) {
        found = entry.role();
      }
    }
    return found;
  }

  public int count(Role role) {
    return (int) entries.stream().filter(e -> e.role() == role).count();
  }

  /** The token's hash as EPR_API_TOKENS_FILE holds it: hex SHA-256 of its UTF-8 bytes. */
  public static String sha256Hex(String token) {
    return HexFormat.of().formatHex(sha256(token));
  }

  private static List<Entry> fromList(String list) {
    List<Entry> entries = new ArrayList<>();
    String[] items = list.split(",", -1);
    for (int i = 0; i < items.length; i++) {
      String item = items[i].trim();
      if (item.isEmpty()) {
        continue;
      }
      Written written = written(item, LIST + " entry " + (i + 1), "role:token", "token");
      entries.add(new Entry(written.role(), sha256(written.value())));
    }
    if (entries.isEmpty()) {
      throw new IllegalArgumentException(LIST + " is set but names no token: write role:token,… or unset it");
    }
    return entries;
  }

  private static List<Entry> fromFile(Path file) {
    List<String> lines;
    try {
      lines = Files.readAllLines(file, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new IllegalArgumentException("cannot read " + FILE + " " + file + ": " + e, e);
    }
    List<Entry> entries = new ArrayList<>();
    for (int i = 0; i < lines.size(); i++) {
      String line = lines.get(i).trim();
      if (line.isEmpty() || line.startsWith("#")) {
        continue;
      }
      String where = FILE + " " + file + " line " + (i + 1);
      Written written = written(line, where, "role:sha256hex", "hash");
      String hex = written.value();
      if (!hex.matches("[0-9a-fA-F]{64}")) {
        // the value is not shown: it may be a token put there by mistake
        throw new IllegalArgumentException(where + " (" + written.role() + ":…) is not a SHA-256 hash (64 hex digits): "
            + "write the token's hash, from `epr token-hash TOKEN` or `printf %s TOKEN | sha256sum`, not the token");
      }
      entries.add(new Entry(written.role(), HexFormat.of().parseHex(hex)));
    }
    if (entries.isEmpty()) {
      throw new IllegalArgumentException(FILE + " " + file + " has no token lines: add role:sha256hex lines or unset "
          + FILE);
    }
    return entries;
  }

  /** An entry {@code role:value} as written in either setting; {@code form} shows how to write one. */
  private record Written(Role role, String value) {}

  private static Written written(String entry, String where, String form, String valueName) {
    int colon = entry.indexOf(':');
    if (colon < 0) {
      throw new IllegalArgumentException(where + " has no role: write " + form + " with role " + ROLES);
    }
    Role role = Role.named(entry.substring(0, colon).trim());
    if (role == null) {
      // the name is not shown: with role and token swapped it is the token
      throw new IllegalArgumentException(where + " has an unknown role: write " + form + " with role " + ROLES);
    }
    String value = entry.substring(colon + 1).trim();
    if (value.isEmpty()) {
      throw new IllegalArgumentException(where + " (" + role + ":) has an empty " + valueName + ": write " + form);
    }
    return new Written(role, value);
  }

  private static byte[] sha256(String token) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java has SHA-256", e);
    }
  }
}
