package io.epr.wire;

import com.fasterxml.jackson.databind.util.RawValue;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/** An entity's fields as the map a GraphQL fetcher answers with: keyed by the schema's field names, JSON as raw JSON. */
public final class MapFields implements Fields {
  private final Map<String, Object> map = new LinkedHashMap<>();

  private MapFields() {}

  /** The GraphQL object of each value {@code entity} writes. */
  public static <T> Function<T, Map<String, Object>> of(Entity<T> entity) {
    return value -> map(value, entity);
  }

  public static <T> Map<String, Object> map(T value, Entity<T> entity) {
    MapFields fields = new MapFields();
    entity.write(fields, value);
    return fields.map;
  }

  @Override
  public Fields string(String name, String value) {
    return put(name, value);
  }

  @Override
  public Fields number(String name, Number value) {
    return put(name, value);
  }

  @Override
  public Fields bool(String name, boolean value) {
    return put(name, value);
  }

  @Override
  public Fields json(String name, String json) {
    return put(name, new RawValue(json));
  }

  @Override
  public Fields strings(String name, List<String> values) {
    return put(name, values);
  }

  @Override
  public <T> Fields object(String name, T value, Entity<T> entity) {
    return put(name, value == null ? null : map(value, entity));
  }

  @Override
  public <T> Fields objects(String name, List<T> values, Entity<T> entity) {
    return put(name, values.stream().map(of(entity)).toList());
  }

  private Fields put(String name, Object value) {
    map.put(name, value);
    return this;
  }
}
