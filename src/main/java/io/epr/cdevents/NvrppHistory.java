package io.epr.cdevents;

/**
 * What the CDEvents already emitted for one NVRPP established, which its next CDEvents continue: its artifact identity
 * (the first artifact subject: every artifact CDEvent of an NVRPP has one subject), its latest pipeline run and its
 * latest incident, each with whether it has ended. Replayed from the stored CDEvents in the order they were emitted,
 * then updated as each new one is emitted; one instance per NVRPP and transaction, under the NVRPP's lock.
 */
public final class NvrppHistory {
  /** A run or incident: its subject id and whether an event that ends it (finished, resolved) was emitted. */
  record Episode(String subjectId, boolean ended) {}

  private String artifactId;
  private Episode run;
  private Episode incident;

  /** No CDEvent yet. */
  public static NvrppHistory empty() {
    return new NvrppHistory();
  }

  /** Takes one emitted CDEvent (stored or new) into account. */
  public void emitted(String type, String subjectId) {
    String[] parts = type.split("\\.");
    if (parts.length < 4 || !type.startsWith("dev.cdevents.")) {
      return;
    }
    switch (parts[2]) {
      case "artifact" -> artifactId = artifactId == null ? subjectId : artifactId;
      case "pipelinerun" -> run = new Episode(subjectId, parts[3].equals("finished"));
      case "incident" -> incident = new Episode(subjectId, parts[3].equals("resolved"));
      default -> { }
    }
  }

  /** The NVRPP's artifact identity, null until an artifact CDEvent was emitted. */
  String artifactId() {
    return artifactId;
  }

  Episode run() {
    return run;
  }

  Episode incident() {
    return incident;
  }
}
