package io.epr.mcp;

import io.modelcontextprotocol.spec.McpSchema.GetPromptResult;
import io.modelcontextprotocol.spec.McpSchema.Prompt;
import io.modelcontextprotocol.spec.McpSchema.PromptArgument;
import io.modelcontextprotocol.spec.McpSchema.PromptMessage;
import io.modelcontextprotocol.spec.McpSchema.Role;
import io.modelcontextprotocol.spec.McpSchema.TextContent;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/** Prompts that set a model to work with the provenance tools. */
final class EprPrompts {
  private EprPrompts() {}

  /** One prompt and the user message it makes of its arguments. */
  record EprPrompt(Prompt prompt, Function<Map<String, Object>, String> message) {
    GetPromptResult get(Map<String, Object> arguments) {
      Map<String, Object> args = arguments == null ? Map.of() : arguments;
      for (PromptArgument argument : prompt.arguments()) {
        Object value = args.get(argument.name());
        if (value == null || value.toString().isBlank()) {
          throw new IllegalArgumentException("prompt " + prompt.name() + " needs the argument " + argument.name());
        }
      }
      return new GetPromptResult(prompt.description(),
          List.of(new PromptMessage(Role.USER, new TextContent(message.apply(args)))));
    }
  }

  static List<EprPrompt> all() {
    return List.of(summarizeProvenance(), findAffectedArtifacts());
  }

  private static EprPrompt summarizeProvenance() {
    List<PromptArgument> arguments = ProvenanceTools.NVRPP.stream()
        .map(name -> new PromptArgument(name, "the artifact's " + name, true)).toList();
    return new EprPrompt(new Prompt("summarize_provenance", "Summarize an artifact's provenance", arguments),
        args -> {
          String nvrpp = ProvenanceTools.NVRPP.stream().map(n -> n + "=" + args.get(n))
              .collect(Collectors.joining(", "));
          return "Summarize the provenance of the artifact " + nvrpp + ". Use the provenance tool with these five "
              + "values. Tell, in order, which steps ran (events, with their receivers) and whether each succeeded, "
              + "which SBOMs were stored and how many components they list, which receiver groups (gates) it "
              + "completed, and which CDEvents were emitted. Point out failures and anything missing.";
        });
  }

  private static EprPrompt findAffectedArtifacts() {
    return new EprPrompt(new Prompt("find_affected_artifacts",
        "Find the artifacts that contain a (vulnerable) package",
        List.of(new PromptArgument("purl", "package URL of the component, with or without a version", true))),
        args -> "Find every artifact whose SBOM contains the component " + args.get("purl") + ". Use the "
            + "find_component tool with this purl. List the affected artifacts by name, version, release, platform_id "
            + "and package, with the component version each contains and the SBOM id; then, for each, use the "
            + "provenance tool to say where it was built and whether it passed its gates.");
  }
}
