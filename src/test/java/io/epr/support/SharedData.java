package io.epr.support;

import java.nio.file.Path;

/**
 * The official CDEvents schemas and real CycloneDX SBOMs the tests use, read where they lie ({@code ../shared/data}
 * beside the checkout, or EPR_SHARED_DATA); the project never keeps copies.
 */
public final class SharedData {
  private static final Path ROOT = Path.of(System.getenv().getOrDefault("EPR_SHARED_DATA", "../shared/data"));

  private SharedData() {}

  public static Path path(String relative) {
    return ROOT.resolve(relative);
  }
}
