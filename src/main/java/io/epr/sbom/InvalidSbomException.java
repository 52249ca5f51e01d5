package io.epr.sbom;

import java.util.List;

/** A document the registry does not take as a CycloneDX SBOM, with each of its problems on its own line. */
public final class InvalidSbomException extends Exception {
  private static final long serialVersionUID = 1L;

  private final List<String> problems;

  private InvalidSbomException(String headline, List<String> problems) {
    super(headline + "\n" + String.join("\n", problems), null, false, false);
    this.problems = List.copyOf(problems);
  }

  static InvalidSbomException notCycloneDx(List<String> problems) {
    return new InvalidSbomException("not a CycloneDX document:", problems);
  }

  static InvalidSbomException malformed(SbomFormat format, String problem) {
    return new InvalidSbomException("malformed " + format + ":", List.of(problem));
  }

  static InvalidSbomException refused(String problem) {
    return new InvalidSbomException("refused XML document:", List.of(problem));
  }

  static InvalidSbomException unsupported(String problem) {
    return new InvalidSbomException("unsupported CycloneDX version:", List.of(problem));
  }

  static InvalidSbomException invalid(String specVersion, List<String> problems) {
    return new InvalidSbomException("not a valid CycloneDX " + specVersion + " document:", problems);
  }

  static InvalidSbomException unstorable(List<String> problems) {
    return new InvalidSbomException("valid, but cannot be stored:", problems);
  }

  static InvalidSbomException unreadable(String specVersion, String problem) {
    return new InvalidSbomException("valid, but not readable as CycloneDX " + specVersion + ":", List.of(problem));
  }

  /**
   * Each problem on its own: {@code <JSON pointer>: <message>} or {@code line <n>, column <n>: <message>} where the
   * validator gives a location, else a sentence.
   */
  public List<String> problems() {
    return problems;
  }
}
