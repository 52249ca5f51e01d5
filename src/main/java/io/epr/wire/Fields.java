package io.epr.wire;

import java.util.List;

/**
 * Where an entity's fields go. {@link Entities} names each entity's fields once, in these calls; {@link JsonFields}
 * turns them into JSON text (REST, Kafka) and {@link MapFields} into the objects GraphQL answers with, so the two
 * outputs cannot drift apart.
 */
public interface Fields {
  Fields string(String name, String value);

  /** A number as it is (an int, a long, a double), or null. */
  Fields number(String name, Number value);

  Fields bool(String name, boolean value);

  /** JSON kept as text (a payload, a schema), embedded as it was stored. */
  Fields json(String name, String json);

  /** A list of strings, or null. */
  Fields strings(String name, List<String> values);

  /** A nested object, written by {@code entity}; null writes null. */
  <T> Fields object(String name, T value, Entity<T> entity);

  /** A list of nested objects, each written by {@code entity}. */
  <T> Fields objects(String name, List<T> values, Entity<T> entity);

  /** How one entity writes its fields. */
  @FunctionalInterface
  interface Entity<T> {
    void write(Fields out, T value);
  }
}
