package io.epr.sbom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.epr.model.Cancellation;
import io.epr.support.SbomGenerator;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A 50 MB document of 100k components within the test JVM's heap (-Xmx2g); prints the time and heap it took. */
class LargeSbomTest {
  private static final int COMPONENTS = 100_000;

  @Test
  void fiftyMegabytesOfJson() throws Exception {
    byte[] document = SbomGenerator.json("1.6", COMPONENTS, "pkg:generic/generated-app@1.0.0");
    assertTrue(document.length >= 50_000_000, () -> document.length + " bytes");

    readMeasured("JSON", document);
  }

  @Test
  void theSameInXml() throws Exception {
    byte[] document = SbomGenerator.xml16(COMPONENTS);
    assertTrue(document.length >= 50_000_000, () -> document.length + " bytes");

    readMeasured("XML", document);
  }

  private static void readMeasured(String format, byte[] document) throws Exception {
    List<MemoryPoolMXBean> heap = ManagementFactory.getMemoryPoolMXBeans().stream()
        .filter(pool -> pool.getType() == MemoryType.HEAP).toList();
    System.gc();
    heap.forEach(MemoryPoolMXBean::resetPeakUsage);
    long start = System.nanoTime();

    SbomDocument sbom = SbomDocument.read(document, Cancellation.none());

    long millis = (System.nanoTime() - start) / 1_000_000;
    long peak = heap.stream().mapToLong(pool -> pool.getPeakUsage().getUsed()).sum();
    assertEquals(COMPONENTS, sbom.components().size());
    assertEquals("component-" + (COMPONENTS - 1), sbom.components().get(COMPONENTS - 1).name());
    System.out.printf("%s, %.1f MB, %d components: read in %d ms; heap pools' peaks summed %d MB (max heap %d MB)%n",
        format, document.length / 1e6, COMPONENTS, millis, peak >> 20, Runtime.getRuntime().maxMemory() >> 20);
  }
}
