package io.epr.cdevents;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Arrays;
import java.util.List;

/**
 * A field a rule may fill, keyed as in the rules ({@code subject.id}, {@code content.change.id}), with what the schema
 * accepts in it. A field the schema requires has a source used when no candidate qualifies, or, when nothing could
 * stand in for it (a deployment's environment), no CDEvent is made without it.
 */
record FieldSpec(String key, ValueConstraint constraint, boolean required, FieldSource fallback) {

  static FieldSpec optional(String key, ValueConstraint constraint) {
    return new FieldSpec(key, constraint, false, null);
  }

  static FieldSpec required(String key, ValueConstraint constraint, String fallback) {
    return new FieldSpec(key, constraint, true, FieldSource.parse(fallback));
  }

  /** Required, with nothing to stand in for it: the event gets no CDEvent of this type without it. */
  static FieldSpec needed(String key, ValueConstraint constraint) {
    return new FieldSpec(key, constraint, true, null);
  }

  /** Sets the field in a CDEvent's {@code subject}, creating the objects on its path. */
  void writeTo(ObjectNode subject, String value) {
    List<String> path = Arrays.asList(key.split("\\."));
    List<String> inSubject = path.get(0).equals("subject") ? path.subList(1, path.size()) : path;
    ObjectNode parent = subject;
    for (String name : inSubject.subList(0, inSubject.size() - 1)) {
      parent = parent.withObjectProperty(name);
    }
    parent.put(inSubject.get(inSubject.size() - 1), value);
  }
}
