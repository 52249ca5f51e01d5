package io.epr.api;

import io.epr.api.http.Role;
import io.epr.model.Sha256;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.StringJoiner;
import java.util.stream.Collectors;

/**
 * The bearer tokens of EPR_API_TOKENS ({@code role:token,…}) and EPR_API_TOKENS_FILE (lines {@code role:sha256hex}),
 * together, kept as SHA-256 digests only. Immutable: a reload of the file ({@link TokenFileReloads}) makes a new one.
 * Mistakes fail with the entry or line and the fix, never with the token.
 */
public final class ApiTokens {
  public static final String LIST = "EPR_API_TOKENS";
  public static final String FILE = "EPR_API_TOKENS_FILE";
  private static final String ROLES = "read, write or admin";

  /** A token's role and digest, and whether the file holds it (a reload replaces those). */
  private record Entry(Role role, byte[] digest, boolean inFile) {
    String identity() {
      return role + ":" + HexFormat.of().formatHex(digest);
    }
  }

  private final List<Entry> entries;
  private final String settings;
  private final Path file;

  private ApiTokens(List<Entry> entries, String settings, Path file) {
    this.entries = entries;
    this.settings = settings;
    this.file = file;
  }

  /** From the two settings, either of which may be null; no tokens (access control off) when both are. */
  public static ApiTokens from(String list, String file) {
    return from(list, file == null ? null : Path.of(file), file == null ? null : lines(read(Path.of(file))));
  }

  /** From the list (or null) and the file's lines as read (or null: no file); the file must hold a token line. */
  static ApiTokens from(String list, Path file, List<String> fileLines) {
    List<Entry> entries = new ArrayList<>();
    List<String> settings = new ArrayList<>();
    if (list != null) {
      settings.add(LIST);
      entries.addAll(fromList(list));
    }
    if (file != null) {
      settings.add(FILE);
      List<Entry> inFile = fromFile(file, fileLines);
      if (inFile.isEmpty()) {
        throw new IllegalArgumentException(FILE + " " + file + " has no token lines: add role:sha256hex lines or unset "
            + FILE);
      }
      entries.addAll(inFile);
    }
    return new ApiTokens(List.copyOf(entries), String.join(" and ", settings), file);
  }

  /**
   * These tokens with the file's lines as read anew: EPR_API_TOKENS's are kept, the file's replaced. A file with no
   * token line leaves none of its own, so with no EPR_API_TOKENS no token is valid (access control stays on).
   */
  ApiTokens withFileLines(List<String> lines) {
    List<Entry> kept = new ArrayList<>(entries.stream().filter(e -> !e.inFile()).toList());
    kept.addAll(fromFile(file, lines));
    return new ApiTokens(List.copyOf(kept), settings, file);
  }

  /** The file's content; a file that cannot be read is a mistake of the setting. */
  static byte[] read(Path file) {
    try {
      return Files.readAllBytes(file);
    } catch (IOException e) {
      throw new IllegalArgumentException("cannot read " + FILE + " " + file + ": " + e, e);
    }
  }

  /** The file's content as lines. */
  static List<String> lines(byte[] content) {
    return new String(content, StandardCharsets.UTF_8).lines().toList();
  }

  /** Access control is on: EPR_API_TOKENS or EPR_API_TOKENS_FILE is set (even once a reload leaves no token). */
  public boolean on() {
    return !settings.isEmpty();
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
    return roleOf(sha256(token));
  }

  private Role roleOf(byte[] digest) {
    Role found = null;
    for (Entry entry : entries) {
      if (MessageDigest.isEqual(digest, entry.digest()) && (found == null || entry.role().covers(found))) {
        found = entry.role();
      }
    }
    return found;
  }

  /** Who holds {@code token}, to count its requests by: the token's hex SHA-256 when it is one of these, else null. */
  public String holder(String token) {
    byte[] digest = sha256(token);
    return roleOf(digest) == null ? null : HexFormat.of().formatHex(digest);
  }

  public int count(Role role) {
    return (int) entries.stream().filter(e -> e.role() == role).count();
  }

  /** How many tokens each role has, for the log: {@code read 1, write 2, admin 1}. */
  String counts() {
    StringJoiner roles = new StringJoiner(", ");
    for (Role role : Role.values()) {
      roles.add(role + " " + count(role));
    }
    return roles.toString();
  }

  /**
   * What changed since {@code before}, for the log: the tokens of each role, and how many were added and removed (a
   * token whose role changed counts as both). Never a token or its hash.
   */
  String changesSince(ApiTokens before) {
    StringJoiner roles = new StringJoiner(", ");
    for (Role role : Role.values()) {
      int was = before.count(role);
      int is = count(role);
      roles.add(role + " " + (was == is ? String.valueOf(is) : was + " -> " + is));
    }
    Set<String> old = before.identities();
    Set<String> now = identities();
    long added = now.stream().filter(e -> !old.contains(e)).count();
    long removed = old.stream().filter(e -> !now.contains(e)).count();
    return roles + " (" + added + " added, " + removed + " removed)";
  }

  private Set<String> identities() {
    return entries.stream().map(Entry::identity).collect(Collectors.toSet());
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
      entries.add(new Entry(written.role(), sha256(written.value()), false));
    }
    if (entries.isEmpty()) {
      throw new IllegalArgumentException(LIST + " is set but names no token: write role:token,… or unset it");
    }
    return entries;
  }

  private static List<Entry> fromFile(Path file, List<String> lines) {
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
      entries.add(new Entry(written.role(), HexFormat.of().parseHex(hex), true));
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
    return Sha256.of(token.getBytes(StandardCharsets.UTF_8));
  }
}
