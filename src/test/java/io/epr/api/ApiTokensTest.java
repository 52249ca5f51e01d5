package io.epr.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.epr.EprServer;
import io.epr.api.http.Role;
import io.epr.config.EprConfig;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** EPR_API_TOKENS and EPR_API_TOKENS_FILE as read at start-up: roles, the file form, and mistakes. */
class ApiTokensTest {
  static final String ABC_SHA256 = "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad";

  @TempDir
  Path dir;

  Path file(String text) throws IOException {
    Path file = dir.resolve("tokens");
    Files.writeString(file, text);
    return file;
  }

  static String refusal(String list, Path file) {
    return assertThrows(IllegalArgumentException.class,
        () -> ApiTokens.from(list, file == null ? null : file.toString())).getMessage();
  }

  @Test
  void offWhenNeitherIsSet() {
    assertFalse(ApiTokens.from(null, null).on());
  }

  @Test
  void rolesIncludeTheWeakerOnes() {
    assertTrue(Role.ADMIN.covers(Role.WRITE) && Role.ADMIN.covers(Role.READ) && Role.WRITE.covers(Role.READ));
    assertFalse(Role.READ.covers(Role.WRITE) || Role.WRITE.covers(Role.ADMIN));
  }

  @Test
  void theListGivesEachTokenItsRole() {
    ApiTokens tokens = ApiTokens.from(" read:r1 ,write:w:with:colons,, admin:a1,read:a1", null);
    assertTrue(tokens.on());
    assertEquals(Role.READ, tokens.roleOf("r1"));
    assertEquals(Role.WRITE, tokens.roleOf("w:with:colons"));
    assertEquals(Role.ADMIN, tokens.roleOf("a1"), "a token listed twice has the higher role");
    assertNull(tokens.roleOf("r2"));
    assertNull(tokens.roleOf(""));
    assertEquals("EPR_API_TOKENS", tokens.settings());
  }

  @Test
  void theFileHoldsHashesAndAddsToTheList() throws IOException {
    Path file = file("# CI\n\n  write:" + ABC_SHA256.toUpperCase() + "  \n# admin:none\nread:"
        + ApiTokens.sha256Hex("reader") + "\n");
    ApiTokens tokens = ApiTokens.from("admin:root", file.toString());
    assertEquals(Role.WRITE, tokens.roleOf("abc"));
    assertEquals(Role.READ, tokens.roleOf("reader"));
    assertEquals(Role.ADMIN, tokens.roleOf("root"));
    assertNull(tokens.roleOf(ABC_SHA256), "the hash is not a token");
    assertEquals(1, tokens.count(Role.WRITE));
    assertEquals("EPR_API_TOKENS and EPR_API_TOKENS_FILE", tokens.settings());
  }

  @Test
  void hashesAreHexSha256() {
    assertEquals(ABC_SHA256, ApiTokens.sha256Hex("abc"));
  }

  @Test
  void listMistakesNameTheEntryButNotTheToken() {
    assertEquals("EPR_API_TOKENS entry 2 has an unknown role: write role:token with role read, write or admin",
        refusal("read:ok,s3cret:write", null));
    assertEquals("EPR_API_TOKENS entry 1 has no role: write role:token with role read, write or admin",
        refusal("s3cret", null));
    assertEquals("EPR_API_TOKENS entry 1 (write:) has an empty token: write role:token", refusal("write: ", null));
    assertEquals("EPR_API_TOKENS is set but names no token: write role:token,… or unset it", refusal(" , ", null));
  }

  @Test
  void fileMistakesNameTheLineAndTheFix() throws IOException {
    Path file = file("# tokens\nread:" + ABC_SHA256 + "\nwrite:s3cret\n");
    String message = refusal(null, file);
    assertEquals("EPR_API_TOKENS_FILE " + file + " line 3 (write:…) is not a SHA-256 hash (64 hex digits): write the "
        + "token's hash, from `epr token-hash TOKEN` or `printf %s TOKEN | sha256sum`, not the token", message);
    assertEquals("EPR_API_TOKENS_FILE " + file + " line 1 has an unknown role: write role:sha256hex with role read, "
        + "write or admin", refusal(null, file("owner:" + ABC_SHA256)));
    assertEquals("EPR_API_TOKENS_FILE " + file + " line 2 (admin:) has an empty hash: write role:sha256hex",
        refusal(null, file("\nadmin:")));
    assertEquals("EPR_API_TOKENS_FILE " + file + " has no token lines: add role:sha256hex lines or unset "
        + "EPR_API_TOKENS_FILE", refusal(null, file("# nothing yet\n")));
    Path missing = dir.resolve("missing");
    assertTrue(refusal(null, missing).startsWith("cannot read EPR_API_TOKENS_FILE " + missing));
  }

  @Test
  void aMalformedFileStopsStartUpBeforeAnythingStarts() throws IOException {
    Path file = file("read:" + ABC_SHA256 + "\nreader:" + ABC_SHA256 + "\n");
    EprConfig config = EprConfig.from(List.of("--api-tokens-file", file.toString()),
        Map.of("EPR_DB", "postgres://postgres@127.0.0.1:1/none", "EPR_BROKERS", "127.0.0.1:1"));
    assertEquals("EPR_API_TOKENS_FILE " + file + " line 2 has an unknown role: write role:sha256hex with role read, "
        + "write or admin", assertThrows(IllegalArgumentException.class, () -> EprServer.start(config)).getMessage());
  }
}
