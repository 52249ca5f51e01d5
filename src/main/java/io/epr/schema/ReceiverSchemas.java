package io.epr.schema;

import com.fasterxml.jackson.databind.JsonNode;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaException;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SchemaRegistryConfig;
import com.networknt.schema.dialect.DefaultDialectRegistry;
import com.networknt.schema.dialect.Dialect;
import com.networknt.schema.dialect.Dialects;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import java.util.stream.Stream;

/**
 * Compiles receiver JSON Schemas (drafts 4, 6, 7, 2019-09 and 2020-12; draft 7 when {@code $schema} is absent, with
 * formats judged as Go EPR's gojsonschema judges them ({@link GoFormats}), regular expressions bounded in time by {@link BoundedRegexes}) and caches them per receiver.
 * Thread-safe.
 */
public final class ReceiverSchemas {
  private static final String DEFAULT_DIALECT = Dialects.getDraft7().getId();

  private final SchemaRegistry registry;
  private final Map<String, CompiledSchema> byReceiver = new ConcurrentHashMap<>();

  public ReceiverSchemas(Duration remoteFetchTimeout, RemoteRefs remoteRefs) {
    List<Dialect> dialects = Stream.of(Dialects.getDraft4(), Dialects.getDraft6(), Dialects.getDraft7(),
        Dialects.getDraft201909(), Dialects.getDraft202012()).map(GoStyleComposites::apply).map(GoFormats::apply).toList();
    SchemaCatalog catalog = new SchemaCatalog(remoteFetchTimeout, remoteRefs);
    this.registry = SchemaRegistry.builder()
        .defaultDialectId(DEFAULT_DIALECT)
        .dialectRegistry(new DefaultDialectRegistry(dialects))
        // no preload: compile() resolves the $refs itself, so that a failure is reported and not swallowed
        .schemaRegistryConfig(SchemaRegistryConfig.builder()
            .formatAssertionsEnabled(true).preloadSchema(false)
            .regularExpressionFactory(new BoundedRegexes()).build())
        .schemaLoader(loader -> loader
            .allow(iri -> iri.getScheme().equals("http") || iri.getScheme().equals("https"))
            .resourceLoaders(loaders -> loaders.add(catalog)))
        .build();
  }

  /**
   * Checks {@code schema} against its dialect's meta-schema and compiles it, resolving every {@code $ref} now.
   *
   * @throws InvalidSchemaException if it is not a JSON Schema or a {@code $ref} cannot be resolved
   */
  public CompiledSchema compile(JsonNode schema) throws InvalidSchemaException {
    if (schema == null || !(schema.isObject() || schema.isBoolean())) {
      String given = schema == null ? "null" : schema.getNodeType().name().toLowerCase();
      throw new InvalidSchemaException("a JSON Schema must be an object or a boolean, not " + given);
    }
    try {
      Schema metaSchema = registry.getSchema(SchemaLocation.of(dialectOf(schema).getId()));
      List<String> violations = GoStyleErrors.lines(metaSchema.validate(schema));
      if (!violations.isEmpty()) {
        throw new InvalidSchemaException("not a valid JSON Schema (" + metaSchema.getSchemaLocation() + "): "
            + String.join("; ", violations));
      }
      Schema compiled = registry.getSchema(schema);
      compiled.initializeValidators();
      return new CompiledSchema(compiled);
    } catch (SchemaException e) {
      throw new InvalidSchemaException(reason(e));
    }
  }

  /** {@link #compile} once per receiver id: receivers are immutable. */
  public CompiledSchema forReceiver(String receiverId, Supplier<JsonNode> schema) throws InvalidSchemaException {
    CompiledSchema cached = byReceiver.get(receiverId);
    if (cached != null) {
      return cached;
    }
    CompiledSchema compiled = compile(schema.get());
    CompiledSchema raced = byReceiver.putIfAbsent(receiverId, compiled);
    return raced != null ? raced : compiled;
  }

  private Dialect dialectOf(JsonNode schema) {
    JsonNode dialectId = schema.get("$schema");
    return registry.getDialect(dialectId != null && dialectId.isTextual() ? dialectId.asText() : DEFAULT_DIALECT);
  }

  /** networknt's message plus the causes' (e.g. why a remote document could not be loaded), on one line. */
  private static String reason(Throwable e) {
    StringBuilder reason = new StringBuilder(String.valueOf(e.getMessage()));
    for (Throwable cause = e.getCause(); cause != null; cause = cause.getCause()) {
      if (cause.getMessage() != null && !reason.toString().contains(cause.getMessage())) {
        reason.append(": ").append(cause.getMessage());
      }
    }
    return reason.toString().replaceAll("\\s*\\R\\s*", " ");
  }
}
