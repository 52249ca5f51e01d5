package io.epr;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The style rule "imports point down the layers, never in a circle", checked: the packages of src/main/java and
 * their io.epr imports (static ones too) form no cycle. A package importing itself is fine; two packages that reach
 * each other through imports are named, with the classes whose imports close the circle.
 */
class ArchitectureTest {
  private static final Path SOURCES = Path.of("src/main/java");
  private static final Pattern PACKAGE = Pattern.compile("^package\\s+([\\w.]+)\\s*;", Pattern.MULTILINE);
  private static final Pattern IMPORT =
      Pattern.compile("^import\\s+(?:static\\s+)?(io\\.epr\\.[\\w.]+)(?:\\.\\*)?\\s*;", Pattern.MULTILINE);

  @Test
  void packageImportsFormNoCycle() throws IOException {
    Map<String, Map<String, Set<String>>> imports = importGraph();
    assertTrue(imports.values().stream().anyMatch(edges -> !edges.isEmpty()), "no io.epr import read from " + SOURCES);
    List<String> cycles = new ArrayList<>();
    for (Set<String> component : new StronglyConnected(imports).components()) {
      if (component.size() > 1) {
        cycles.add(describe(component, imports));
      }
    }
    assertTrue(cycles.isEmpty(), () -> "packages importing each other in a circle"
        + " (importer → imported: importing classes):\n" + String.join("", cycles));
  }

  /** Package → imported package (another one) → the classes whose imports make that edge. */
  private static Map<String, Map<String, Set<String>>> importGraph() throws IOException {
    Map<Path, String> sources = new HashMap<>();
    List<Path> files;
    try (Stream<Path> walk = Files.walk(SOURCES)) {
      files = walk.filter(f -> f.toString().endsWith(".java")).toList();
    }
    for (Path file : files) {
      sources.put(file, Files.readString(file));
    }
    Map<Path, String> packageOf = new HashMap<>();
    sources.forEach((file, text) -> {
      Matcher declared = PACKAGE.matcher(text);
      packageOf.put(file, declared.find() ? declared.group(1) : "");
    });
    Set<String> packages = new TreeSet<>(packageOf.values());
    Map<String, Map<String, Set<String>>> graph = new TreeMap<>();
    packages.forEach(p -> graph.put(p, new TreeMap<>()));
    sources.forEach((file, text) -> {
      String from = packageOf.get(file);
      Matcher imported = IMPORT.matcher(text);
      while (imported.find()) {
        String to = packageOf(imported.group(1), packages);
        if (!to.equals(from)) {
          String importer = file.getFileName().toString().replace(".java", "");
          graph.get(from).computeIfAbsent(to, p -> new TreeSet<>()).add(importer);
        }
      }
    });
    return graph;
  }

  /** The longest declared package that the imported name lies in (a class, a nested class or a static member). */
  private static String packageOf(String imported, Set<String> packages) {
    String name = imported;
    while (!packages.contains(name)) {
      int dot = name.lastIndexOf('.');
      if (dot < 0) {
        throw new IllegalStateException("import of " + imported + " names no package under " + SOURCES);
      }
      name = name.substring(0, dot);
    }
    return name;
  }

  private static String describe(Set<String> cycle, Map<String, Map<String, Set<String>>> imports) {
    StringBuilder text = new StringBuilder("  ").append(String.join(" ↔ ", cycle)).append(':');
    for (String from : cycle) {
      imports.get(from).forEach((to, importers) -> {
        if (cycle.contains(to)) {
          text.append("\n    ").append(from).append(" → ").append(to).append(": ").append(String.join(", ", importers));
        }
      });
    }
    return text.append('\n').toString();
  }

  /** Tarjan's strongly connected components of the import graph: a component of two or more packages is a cycle. */
  private static final class StronglyConnected {
    private final Map<String, Map<String, Set<String>>> graph;
    private final Map<String, Integer> index = new HashMap<>();
    private final Map<String, Integer> lowLink = new HashMap<>();
    private final List<String> stack = new ArrayList<>();
    private final Set<String> onStack = new TreeSet<>();
    private final List<Set<String>> components = new ArrayList<>();

    StronglyConnected(Map<String, Map<String, Set<String>>> graph) {
      this.graph = graph;
    }

    List<Set<String>> components() {
      graph.keySet().forEach(p -> {
        if (!index.containsKey(p)) {
          visit(p);
        }
      });
      return components;
    }

    private void visit(String p) {
      index.put(p, index.size());
      lowLink.put(p, index.get(p));
      stack.add(p);
      onStack.add(p);
      for (String q : graph.get(p).keySet()) {
        if (!index.containsKey(q)) {
          visit(q);
          lowLink.put(p, Math.min(lowLink.get(p), lowLink.get(q)));
        } else if (onStack.contains(q)) {
          lowLink.put(p, Math.min(lowLink.get(p), index.get(q)));
        }
      }
      if (lowLink.get(p).equals(index.get(p))) {
        Set<String> component = new TreeSet<>();
        String q;
        do {
          q = stack.remove(stack.size() - 1);
          onStack.remove(q);
          component.add(q);
        } while (!q.equals(p));
        components.add(component);
      }
    }
  }
}
