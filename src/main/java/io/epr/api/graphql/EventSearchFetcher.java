package io.epr.api.graphql;

import static io.epr.api.graphql.GraphQLApi.async;

import graphql.schema.DataFetcher;
import graphql.schema.DataFetchingEnvironment;
import io.epr.api.http.PageSize;
import io.epr.store.RegistryStore;
import io.epr.store.RegistryStore.EventSearch;
import io.epr.wire.Entities;
import io.epr.wire.MapFields;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * {@code event_search(…)}: the console's search for events by NVRPP prefixes, receiver type, outcome and time, newest
 * first, a page at a time (a page is small: the console shows it at once).
 */
final class EventSearchFetcher implements DataFetcher<CompletableFuture<Map<String, Object>>> {
  private static final int PAGE = 25;
  private static final int MAX_PAGE = 100;
  private final RegistryStore registry;

  EventSearchFetcher(RegistryStore registry) {
    this.registry = registry;
  }

  @Override
  public CompletableFuture<Map<String, Object>> get(DataFetchingEnvironment env) {
    Integer first = env.getArgument("first");
    int size = PageSize.of("first", first == null ? null : first.toString(), PAGE, MAX_PAGE);
    EventSearch search = new EventSearch(env.getArgument("name"), env.getArgument("version"),
        env.getArgument("release"), env.getArgument("platform_id"), env.getArgument("package"),
        env.getArgument("receiver_type"), env.getArgument("success"), env.getArgument("since"),
        env.getArgument("until"), env.getArgument("after"), size);
    return async(registry.search(search).map(MapFields.of(Entities::eventPage)));
  }
}
