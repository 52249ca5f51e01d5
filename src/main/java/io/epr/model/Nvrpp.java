package io.epr.model;

/** The identity of a unit of work: name, version, release, platform_id, package (modelled on RPM's NEVRA). */
public record Nvrpp(String name, String version, String release, String platformId, String pkg) {

  /** One string per NVRPP, used as a lock key and a Kafka record key. */
  public String canonical() {
    return String.join("/", name, version, release, platformId, pkg);
  }
}
