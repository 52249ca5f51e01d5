package io.epr.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/**
 * The official CDEvents schemas and real CycloneDX SBOMs the tests use, read where they lie; the project keeps no
 * copies. Each data set is a git submodule under {@code src/test/data} (the official repository at a fixed commit,
 * filled by {@code git clone --recurse-submodules}); where that folder is empty (a clone without submodules, or a
 * machine that cannot reach github.com) the same set is read from {@code ../shared/data} beside the checkout, or
 * EPR_SHARED_DATA, which holds part of each repository in the repository's own layout.
 */
public final class SharedData {
  private static final Path SUBMODULES = Path.of("src/test/data");
  private static final Path SHARED = Path.of(System.getenv().getOrDefault("EPR_SHARED_DATA", "../shared/data"));
  /** The example SBOMs both places hold; the repository has more (2 MB variants, other generators). */
  private static final List<String> SBOM_EXAMPLES = List.of("dropwizard-1.3.15", "juice-shop/v11.1.2",
      "laravel-7.12.0");

  private SharedData() {}

  /** A path in a data set, named by its folder: {@code cdevents-spec-v0.5.1/conformance/build_queued.json}. */
  public static Path path(String relative) {
    int slash = relative.indexOf('/');
    return root(slash < 0 ? relative : relative.substring(0, slash)).resolve(relative);
  }

  /** Every file of CycloneDX's example SBOMs the tests read (documents and READMEs), in path order. */
  public static Stream<Path> sbomExamples() {
    return SBOM_EXAMPLES.stream().flatMap(example -> {
      try (Stream<Path> files = Files.walk(path("cyclonedx-examples/SBOM/" + example))) {
        return files.filter(Files::isRegularFile).toList().stream();
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }).sorted();
  }

  /** Where a data set lies: its submodule when checked out, else the shared data; neither fails the test. */
  private static Path root(String dataSet) {
    Path submodule = SUBMODULES.resolve(dataSet);
    if (hasFiles(submodule)) {
      return SUBMODULES;
    }
    Path shared = SHARED.resolve(dataSet);
    if (hasFiles(shared)) {
      return SHARED;
    }
    throw new IllegalStateException("the test data " + dataSet + " is in neither " + submodule.toAbsolutePath()
        + " (run git submodule update --init) nor " + shared.toAbsolutePath().normalize()
        + " (set EPR_SHARED_DATA to a folder that holds it)");
  }

  private static boolean hasFiles(Path dir) {
    try (Stream<Path> entries = Files.list(dir)) {
      return entries.findAny().isPresent();
    } catch (IOException notThere) {
      return false;
    }
  }
}
