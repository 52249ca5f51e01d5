package io.epr.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.epr.support.ServerTest;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * bin/epr as users run it, for client calls: the first that does some work (not --version) writes the client
 * class-data archive beside the jar, the next ones map it and answer as the first did, and a rebuilt jar gets a new
 * archive. The jar is this build's classes with
 * their dependencies named in its manifest (the tests run before the packaged jar exists).
 */
class BinEprTest extends ServerTest {
  private static final Path EPR = Path.of("bin/epr").toAbsolutePath();

  @TempDir
  Path dir;

  record Call(int code, String out, String err) {}

  @Test
  void theFirstCallThatWorksWritesTheClientArchiveAndTheNextOnesMapItAndAnswerTheSame() throws Exception {
    Path jar = jar(dir.resolve("epr.jar"));
    Path archive = dir.resolve("epr-client.jsa");
    String url = "http://127.0.0.1:" + server.port;
    String name = "bin-epr-" + System.nanoTime();
    String id = new Cli(url).run("receiver", "create", "--name", name, "--type", "foo.bar", "--version",
        "1", "--description", "read through bin/epr").id();
    // the registry flags first, as a user may give them: still a client call
    String[] search = {"--url", url, "receiver", "search", "--name", name};

    Call version = epr(jar, Map.of(), "--version");
    assertEquals(0, version.code, version.err);
    assertTrue(version.out.startsWith("epr "), version.out);
    assertTrue(Files.notExists(archive), "--version loads too little of what a call needs to write the archive");

    Call first = epr(jar, Map.of(), search);
    assertEquals(0, first.code, first.err);
    assertTrue(first.out.contains(id), first.out);
    assertEquals("", first.err, "the JVM's notes on what it could not archive are not the user's");
    assertTrue(Files.isRegularFile(archive), "no " + archive + " after the first client call");
    try (Stream<Path> files = Files.list(dir)) {
      assertEquals(List.of("epr-client.jsa", "epr.jar"), files.map(f -> f.getFileName().toString()).sorted().toList(),
          "the archive is written under a name of its own and renamed");
    }

    // -Xshare:on: the JVM refuses to start unless it maps the archive
    Call mapped = epr(jar, Map.of("JDK_JAVA_OPTIONS", "-Xshare:on"), search);
    assertEquals(0, mapped.code, mapped.err);
    assertEquals(first.out, mapped.out);

    Files.setLastModifiedTime(jar, FileTime.from(Instant.now()));
    Files.setLastModifiedTime(archive, FileTime.from(Instant.now().minusSeconds(60)));
    Call rebuilt = epr(jar, Map.of(), search);
    assertEquals(0, rebuilt.code, rebuilt.err);
    assertEquals(first.out, rebuilt.out);
    assertTrue(Files.getLastModifiedTime(archive).compareTo(Files.getLastModifiedTime(jar)) > 0,
        "a rebuilt jar gets a new archive");
  }

  private static Call epr(Path jar, Map<String, String> env, String... args) throws IOException, InterruptedException {
    List<String> command = new ArrayList<>(List.of(EPR.toString()));
    command.addAll(Arrays.asList(args));
    ProcessBuilder builder = new ProcessBuilder(command);
    builder.environment().putAll(env);
    builder.environment().put("EPR_JAR", jar.toString());
    builder.environment().put("PATH", Path.of(System.getProperty("java.home"), "bin") + File.pathSeparator
        + System.getenv("PATH"));
    Path err = Files.createTempFile("bin-epr", ".err");
    try {
      Process process = builder.redirectError(err.toFile()).start();
      String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      return new Call(process.waitFor(), out, Files.readString(err));
    } finally {
      Files.delete(err);
    }
  }

  /** The main classes in a jar whose manifest names io.epr.Main and the dependencies' jars (CDS maps only jars). */
  private static Path jar(Path jar) throws IOException {
    List<Path> classpath = Arrays.stream(System.getProperty("java.class.path").split(File.pathSeparator))
        .map(Path::of).toList();
    Path classes = classpath.stream().filter(p -> Files.isRegularFile(p.resolve("io/epr/Main.class"))).findFirst()
        .orElseThrow(() -> new IllegalStateException("no io/epr/Main.class on " + classpath));
    Manifest manifest = new Manifest();
    manifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
    manifest.getMainAttributes().put(Attributes.Name.MAIN_CLASS, "io.epr.Main");
    manifest.getMainAttributes().put(Attributes.Name.CLASS_PATH, classpath.stream()
        .filter(p -> p.toString().endsWith(".jar")).map(p -> p.toUri().toString()).collect(Collectors.joining(" ")));
    try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar), manifest);
        Stream<Path> files = Files.walk(classes)) {
      for (Path file : (Iterable<Path>) files.filter(Files::isRegularFile)::iterator) {
        out.putNextEntry(new JarEntry(classes.relativize(file).toString().replace(File.separatorChar, '/')));
        Files.copy(file, out);
        out.closeEntry();
      }
    }
    return jar;
  }
}
