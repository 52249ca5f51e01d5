package io.epr.api.graphql;

import static io.epr.api.graphql.GraphQLApi.async;

import graphql.schema.DataFetchingEnvironment;
import graphql.schema.idl.RuntimeWiring;
import io.epr.api.http.PageSize;
import io.epr.ingest.InvalidInputException;
import io.epr.model.Nvrpp;
import io.epr.sbom.PurlParts;
import io.epr.store.BuildComparisons;
import io.epr.store.CdeventStore;
import io.epr.store.RegistryStore;
import io.epr.store.SbomStore.ComponentQuery;
import io.epr.store.SbomStore;
import io.epr.wire.Entities;
import io.epr.wire.MapFields;
import io.vertx.core.Future;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import java.util.concurrent.CompletableFuture;

/**
 * {@code provenance(…)} — what is known about one NVRPP, each part fetched only when asked for —,
 * {@code components(…)} — which artifacts contain a package — and {@code compare(…)} — how two builds differ.
 */
final class ProvenanceFetchers {
  private final RegistryStore registry;
  private final SbomStore sboms;
  private final CdeventStore cdevents;
  private final BuildComparisons comparisons;

  ProvenanceFetchers(RegistryStore registry, SbomStore sboms, CdeventStore cdevents) {
    this.registry = registry;
    this.sboms = sboms;
    this.cdevents = cdevents;
    this.comparisons = new BuildComparisons(registry.pool());
  }

  void wire(RuntimeWiring.Builder wiring) {
    wiring.type("Query", q -> q
        .dataFetcher("provenance", env -> new Nvrpp(env.getArgument("name"), env.getArgument("version"),
            env.getArgument("release"), env.getArgument("platform_id"), env.getArgument("package")))
        .dataFetcher("components", this::components)
        .dataFetcher("compare", env -> async(comparisons.compare(nvrpp(env.getArgument("a")), nvrpp(env.getArgument("b")))
            .map(MapFields.of(Entities::comparison)))));
    wiring.type("Provenance", p -> p
        .dataFetcher("events", env -> async(registry.events(filter(env.getSource()))
            .map(events -> events.stream().map(MapFields.of(Entities::event)).toList())))
        .dataFetcher("sboms", env -> async(sboms.sbomsOf(env.getSource())
            .map(list -> list.stream().map(MapFields.of(Entities::sbom)).toList())))
        .dataFetcher("groups_completed", env -> async(registry.groupsCompletedFor(env.getSource())
            .map(groups -> groups.stream().map(MapFields.of(Entities::group)).toList())))
        .dataFetcher("gates", env -> async(registry.gates(env.getSource())
            .map(gates -> gates.stream().map(MapFields.of(Entities::gate)).toList())))
        .dataFetcher("cdevents", env -> async(cdevents.ofNvrpp(registry.pool(), env.getSource())
            .map(list -> list.stream().map(MapFields.of(Entities::cdevent)).toList())))
        .dataFetcher("pipeline_runs", env -> async(cdevents.pipelineRuns(registry.pool(), env.getSource())
            .map(runs -> IntStream.range(0, runs.size())
                .mapToObj(i -> MapFields.map(runs.get(i), Entities.pipelineRun(i + 1))).toList()))));
    wiring.type("Sbom", s -> s.dataFetcher("components", env -> {
      Map<String, Object> sbom = env.getSource();
      int after = offset(env.getArgument("after"), "components");
      return async(sboms.components((String) sbom.get("id"), after - 1, first(env.getArgument("first")))
          .map(list -> list.stream().map(MapFields.of(Entities::component)).toList()));
    }));
    wiring.type("Event", e -> e.dataFetcher("event_receiver", env -> {
      Map<String, Object> event = env.getSource();
      Future<Map<String, Object>> receiver = registry.receiver((String) event.get("event_receiver_id"))
          .map(MapFields.of(Entities::receiver));
      // a receiver this instance has seen is answered at once: a page of events asks for the same few many times
      return receiver.succeeded() ? receiver.result() : async(receiver);
    }));
  }

  private CompletableFuture<List<Map<String, Object>>> components(DataFetchingEnvironment env) {
    String purl = env.getArgument("purl");
    String name = env.getArgument("name");
    if (purl == null && name == null) {
      throw new InvalidInputException("components needs a purl or a name");
    }
    PurlParts parts = null;
    if (purl != null) {
      parts = PurlParts.parse(purl);
      if (parts == null) {
        throw new InvalidInputException(PurlParts.problem(purl));
      }
    }
    return async(sboms.uses(new ComponentQuery(parts, name, env.getArgument("version"), first(env.getArgument("first"))))
        .map(uses -> uses.stream().map(MapFields.of(Entities::componentUse)).toList()));
  }

  /** An NvrppInput. */
  private static Nvrpp nvrpp(Map<String, Object> in) {
    return new Nvrpp((String) in.get("name"), (String) in.get("version"), (String) in.get("release"),
        (String) in.get("platform_id"), (String) in.get("package"));
  }

  private static Map<String, Object> filter(Nvrpp n) {
    Map<String, Object> filter = new LinkedHashMap<>();
    filter.put("name", n.name());
    filter.put("version", n.version());
    filter.put("release", n.release());
    filter.put("platform_id", n.platformId());
    filter.put("package", n.pkg());
    return filter;
  }

  static int first(Integer first) {
    return PageSize.of("first", first);
  }

  /** {@code after}: how many of the {@code what} were already read; 0 when null. */
  static int offset(String after, String what) {
    if (after == null) {
      return 0;
    }
    try {
      int offset = Integer.parseInt(after);
      if (offset >= 0) {
        return offset;
      }
    } catch (NumberFormatException notANumber) {
      // falls through to the message
    }
    throw new InvalidInputException("after must be the number of " + what + " already read, got '" + after + "'");
  }
}
