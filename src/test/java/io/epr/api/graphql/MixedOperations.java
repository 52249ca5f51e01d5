package io.epr.api.graphql;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.epr.api.http.Role;
import io.epr.support.Http;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.Set;

/**
 * GraphQL documents of one to three operations (queries and mutations, named, anonymous, with names repeated and
 * several anonymous ones), whose fields come plain, aliased, in inline fragments and in named fragments shared
 * between operations, some taking their input from variables. Each document knows, by the GraphQL spec's rules as
 * graphql-java applies them, which operation runs for a given operationName (none when the document is invalid or
 * the name picks none), which fields that operation runs once merged, and the role it needs.
 */
final class MixedOperations {
  /** What a field does to the store when it runs. */
  enum Effect { NONE, EVENT, RECEIVER, GROUP, GROUP_STATE, DEAD_LETTER }

  /** A field of EPR's schema: its name, what it needs and does, and how it is written with literal arguments. */
  record Field(String name, Role needs, Effect effect, String arguments, String selection, String variableType) {}

  /** A field as a document selects it: under {@code key} (its alias, else its name), which runs it at most once. */
  record Selected(String key, Field field) {}

  enum Kind { QUERY, MUTATION }

  /** One operation: its kind and name (null: anonymous), the fields it runs in order, once each. */
  record Operation(Kind kind, String name, List<Selected> fields) {
    Role needs() {
      if (kind == Kind.QUERY) {
        return Role.READ;
      }
      return fields.stream().anyMatch(f -> f.field().needs() == Role.ADMIN) ? Role.ADMIN : Role.WRITE;
    }

    /** The request as a 403 names it. */
    String action() {
      if (kind == Kind.QUERY) {
        return "a GraphQL query";
      }
      return fields.stream().filter(f -> f.field().needs() == Role.ADMIN).findFirst()
          .map(f -> "the GraphQL mutation " + f.field().name()).orElse("a GraphQL mutation");
    }

    /**
     * How many of its fields that do {@code effect} take effect. Mutation fields run one after the other, and a
     * second retry of the one dead letter finds none: a non-null field fails, and the fields after it do not run.
     */
    long count(Effect effect) {
      return fields.subList(0, failing() < 0 ? fields.size() : failing()).stream()
          .filter(f -> f.field().effect() == effect).count();
    }

    /** The index of the field that fails (retry_dead_letter once the dead letter went back), or -1. */
    int failing() {
      boolean retried = false;
      for (int i = 0; i < fields.size(); i++) {
        if (retried && fields.get(i).field().name().equals("retry_dead_letter")) {
          return i;
        }
        retried |= fields.get(i).field().effect() == Effect.DEAD_LETTER;
      }
      return -1;
    }
  }

  /** How a request names its operation. */
  enum NameForm { ABSENT, NULL, EMPTY, NAMED, UNKNOWN }

  /** One way to send a document: {@code name} is the operation's name for NAMED. */
  record Naming(NameForm form, String name) {
    void into(ObjectNode body) {
      switch (form) {
        case ABSENT -> { }
        case NULL -> body.putNull("operationName");
        case EMPTY -> body.put("operationName", "");
        case NAMED -> body.put("operationName", name);
        case UNKNOWN -> body.put("operationName", "NoSuchOperation");
        default -> throw new IllegalStateException();
      }
    }

    @Override
    public String toString() {
      return form == NameForm.NAMED ? "operationName " + name : "operationName " + form;
    }
  }

  /**
   * A generated document. {@code valid}: it passes graphql-java's validation (at most one operation when one is
   * anonymous, no two with the same name, fragments spread only where their type fits).
   */
  record Document(String text, List<Operation> operations, Map<String, Object> variables, boolean valid) {
    /** The operation graphql-java runs when the document is sent so; null when it runs none. */
    Operation runs(Naming naming) {
      if (!valid) {
        return null;
      }
      return switch (naming.form()) {
        case ABSENT, NULL -> operations.size() == 1 ? operations.get(0) : null;
        case EMPTY -> operations.get(0); // graphql-java takes "" as no name, and then the first operation
        case NAMED -> operations.stream().filter(o -> naming.name().equals(o.name())).findFirst().orElseThrow();
        case UNKNOWN -> null;
      };
    }

    List<Naming> namings() {
      List<Naming> namings = new ArrayList<>(List.of(new Naming(NameForm.ABSENT, null),
          new Naming(NameForm.NULL, null), new Naming(NameForm.EMPTY, null), new Naming(NameForm.UNKNOWN, null)));
      operations.stream().map(Operation::name).filter(n -> n != null).distinct()
          .forEach(n -> namings.add(new Naming(NameForm.NAMED, n)));
      return namings;
    }

    ObjectNode body(Naming naming) {
      ObjectNode body = Http.JSON.createObjectNode().put("query", text);
      naming.into(body);
      if (!variables.isEmpty()) {
        body.set("variables", Http.JSON.valueToTree(variables));
      }
      return body;
    }
  }

  private static final String[] NAMES = {"First", "Second", "Third"};

  private final Random random;
  private final List<Field> queries;
  private final List<Field> mutations;
  private final String receiverId;
  private int counter;

  MixedOperations(long seed, String receiverId, String groupId, long deadLetterId) {
    this.random = new Random(seed);
    this.receiverId = receiverId;
    this.queries = List.of(
        new Field("event_receivers_by_id", Role.READ, Effect.NONE, "(id: \"" + receiverId + "\")", " { id name }",
            null),
        new Field("dead_letters", Role.READ, Effect.NONE, "", " { id }", null),
        new Field("__typename", Role.READ, Effect.NONE, "", "", null));
    this.mutations = List.of(
        new Field("create_event", Role.WRITE, Effect.EVENT, null, "", null),
        new Field("create_event_receiver", Role.WRITE, Effect.RECEIVER, null, "", "CreateEventReceiverInput!"),
        new Field("create_event_receiver_group", Role.WRITE, Effect.GROUP, null, "", null),
        new Field("set_event_receiver_group_enabled", Role.WRITE, Effect.GROUP_STATE, "(id: \"" + groupId + "\")", "",
            "ID!"),
        new Field("set_event_receiver_group_disabled", Role.WRITE, Effect.GROUP_STATE, "(id: \"" + groupId + "\")",
            "", "ID!"),
        new Field("retry_dead_letter", Role.ADMIN, Effect.DEAD_LETTER, "(id: \"" + deadLetterId + "\")", "", null),
        new Field("retry_dead_letters", Role.ADMIN, Effect.DEAD_LETTER, "", "", null),
        new Field("__typename", Role.WRITE, Effect.NONE, "", "", null));
  }

  /** The next document. */
  Document next() {
    return new Builder().build();
  }

  /** The state of one document being written. */
  private final class Builder {
    final Set<String> keys = new HashSet<>();
    final Map<String, Object> variables = new LinkedHashMap<>();
    final List<String> definitions = new ArrayList<>();
    final Map<Kind, List<Fragment>> fragments = new LinkedHashMap<>();
    /** Each operation's text among the definitions, which are shuffled: the operations' order is theirs. */
    final Map<Operation, String> written = new IdentityHashMap<>();
    boolean valid = true;

    record Fragment(String name, List<Selected> fields) {}

    /** A selection of an operation as written, and the fields it runs. */
    record Item(String text, List<Selected> fields) {}

    Document build() {
      int count = 1 + random.nextInt(3);
      List<Operation> operations = new ArrayList<>();
      Set<String> names = new HashSet<>();
      int anonymous = 0;
      for (int i = 0; i < count; i++) {
        Kind kind = random.nextInt(5) < 3 ? Kind.MUTATION : Kind.QUERY;
        String name = random.nextInt(4) == 0 ? null : NAMES[random.nextInt(NAMES.length)];
        if (name == null) {
          anonymous++;
        } else if (!names.add(name)) {
          valid = false; // UniqueOperationNames
        }
        operations.add(operation(kind, name, count == 1));
      }
      if (anonymous > 0 && count > 1) {
        valid = false; // LoneAnonymousOperation
      }
      Collections.shuffle(definitions, random);
      operations.sort(Comparator.comparingInt(o -> definitions.indexOf(written.get(o))));
      return new Document(String.join("\n", definitions), operations, variables, valid);
    }

    Operation operation(Kind kind, String name, boolean alone) {
      List<String> declarations = new ArrayList<>();
      List<Item> items = new ArrayList<>();
      int size = 1 + random.nextInt(3);
      for (int i = 0; i < size; i++) {
        int shape = random.nextInt(5);
        if (shape < 2) {
          Selected field = field(kind);
          items.add(new Item(textOf(field, declarations), List.of(field)));
        } else if (shape == 2) {
          Selected field = field(kind);
          String condition = random.nextBoolean() ? "" : " on " + typeOf(kind);
          items.add(new Item("..." + condition + " { " + textOf(field, declarations) + " }", List.of(field)));
        } else {
          Fragment fragment = fragment(kind);
          items.add(new Item("..." + fragment.name(), fragment.fields()));
          if (random.nextInt(6) == 0) {
            items.add(new Item("..." + fragment.name(), fragment.fields())); // spread twice: merged, runs once
          }
        }
      }
      List<Fragment> mutationFragments = fragments.getOrDefault(Kind.MUTATION, List.of());
      if (kind == Kind.QUERY && !mutationFragments.isEmpty() && random.nextInt(10) == 0) {
        Fragment misplaced = mutationFragments.get(0);
        items.add(new Item("..." + misplaced.name(), misplaced.fields()));
        valid = false; // PossibleFragmentSpreads: a Mutation fragment in a query
      }
      Map<String, Selected> runs = new LinkedHashMap<>();
      items.forEach(item -> item.fields().forEach(field -> runs.putIfAbsent(field.key(), field)));
      boolean shorthand = kind == Kind.QUERY && name == null && declarations.isEmpty() && alone
          && random.nextBoolean();
      String head = shorthand ? "" : kind.name().toLowerCase(Locale.ROOT) + (name == null ? "" : " " + name)
          + (declarations.isEmpty() ? "" : "(" + String.join(", ", declarations) + ")") + " ";
      Operation operation = new Operation(kind, name, List.copyOf(runs.values()));
      written.put(operation, head + "{ " + String.join(" ", items.stream().map(Item::text).toList()) + " }");
      definitions.add(written.get(operation));
      return operation;
    }

    /** A named fragment on the operation's type: one already written (shared with another operation), or a new one. */
    Fragment fragment(Kind kind) {
      List<Fragment> known = fragments.computeIfAbsent(kind, k -> new ArrayList<>());
      if (!known.isEmpty() && random.nextInt(3) == 0) {
        return known.get(random.nextInt(known.size()));
      }
      List<Selected> fields = new ArrayList<>();
      List<String> texts = new ArrayList<>();
      int size = 1 + random.nextInt(2);
      for (int i = 0; i < size; i++) {
        Selected field = field(kind);
        fields.add(field);
        texts.add(textOf(field, null));
      }
      Fragment fragment = new Fragment("F" + (++counter), fields);
      known.add(fragment);
      definitions.add("fragment " + fragment.name() + " on " + typeOf(kind) + " { " + String.join(" ", texts) + " }");
      return fragment;
    }

    /** A field of the kind's type under a key no other field of the document uses: its name or an alias. */
    Selected field(Kind kind) {
      List<Field> catalogue = kind == Kind.QUERY ? queries : mutations;
      Field field = catalogue.get(random.nextInt(catalogue.size()));
      String key = !keys.contains(field.name()) && random.nextBoolean() ? field.name() : "k" + (++counter);
      keys.add(key);
      return new Selected(key, field);
    }

    /** The field as written, with literal arguments or, in an operation ({@code declarations}), a variable. */
    String textOf(Selected selected, List<String> declarations) {
      Field field = selected.field();
      String arguments = field.arguments() == null ? literalInput(field) : field.arguments();
      if (declarations != null && field.variableType() != null && random.nextBoolean()) {
        String variable = "v" + (++counter);
        declarations.add("$" + variable + ": " + field.variableType());
        variables.put(variable, variableValue(field));
        arguments = "(" + (field.effect() == Effect.RECEIVER ? "event_receiver" : "id") + ": $" + variable + ")";
      }
      return (selected.key().equals(field.name()) ? "" : selected.key() + ": ") + field.name() + arguments
          + field.selection();
    }

    String literalInput(Field field) {
      int n = ++counter;
      return switch (field.effect()) {
        case EVENT -> "(event: {name: \"gen\", version: \"1\", release: \"r" + n + "\", platform_id: \"p\", "
            + "package: \"pkg\", description: \"d\", payload: \"{}\", event_receiver_id: \"" + receiverId
            + "\", success: true})";
        case RECEIVER -> "(event_receiver: {name: \"gen-r" + n + "\", type: \"t\", version: \"1\", "
            + "description: \"d\", schema: \"{}\"})";
        case GROUP -> "(event_receiver_group: {name: \"gen-g" + n + "\", type: \"t\", version: \"1\", "
            + "description: \"d\", enabled: true, event_receiver_ids: [\"" + receiverId + "\"]})";
        default -> throw new IllegalStateException(field.name());
      };
    }

    /** What a variable carries; a receiver's input with a field its type lacks, as EPR's Python client sends. */
    Object variableValue(Field field) {
      if (field.effect() == Effect.RECEIVER) {
        Map<String, Object> input = new LinkedHashMap<>();
        input.put("name", "gen-v" + (++counter));
        input.put("type", "t");
        input.put("version", "1");
        input.put("description", "d");
        input.put("schema", Map.of());
        input.put("event_receiver_id", "not declared by the type: dropped by LenientVariables");
        return input;
      }
      String literal = field.arguments();
      return literal.substring(literal.indexOf('"') + 1, literal.lastIndexOf('"'));
    }
  }

  private static String typeOf(Kind kind) {
    return kind == Kind.QUERY ? "Query" : "Mutation";
  }
}
