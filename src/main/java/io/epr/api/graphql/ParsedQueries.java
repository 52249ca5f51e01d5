package io.epr.api.graphql;

import graphql.ExecutionInput;
import graphql.execution.preparsed.PreparsedDocumentEntry;
import graphql.execution.preparsed.PreparsedDocumentProvider;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * Parsed and validated queries by their text: clients send the same few queries with different variables, so
 * each is parsed and validated once. Bounded: past the limit new queries are not kept, nor are long ones (a
 * thousand queries of the longest text allowed would hold a quarter of a gigabyte).
 */
final class ParsedQueries implements PreparsedDocumentProvider {
  private static final int MAX_QUERIES = 1000;
  private static final int MAX_KEPT_CHARACTERS = 16 * 1024;
  private final Map<String, PreparsedDocumentEntry> byQuery = new ConcurrentHashMap<>();

  @Override
  public CompletableFuture<PreparsedDocumentEntry> getDocumentAsync(ExecutionInput input,
      Function<ExecutionInput, PreparsedDocumentEntry> parseAndValidate) {
    PreparsedDocumentEntry known = byQuery.get(input.getQuery());
    if (known != null) {
      return CompletableFuture.completedFuture(known);
    }
    PreparsedDocumentEntry parsed = parseAndValidate.apply(input);
    if (!parsed.hasErrors() && byQuery.size() < MAX_QUERIES && input.getQuery().length() <= MAX_KEPT_CHARACTERS) {
      byQuery.put(input.getQuery(), parsed);
    }
    return CompletableFuture.completedFuture(parsed);
  }
}
