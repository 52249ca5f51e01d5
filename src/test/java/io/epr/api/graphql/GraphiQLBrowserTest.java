package io.epr.api.graphql;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.epr.support.BlockedEventLoops;
import io.epr.support.Bodies;
import io.epr.support.Browser;
import io.epr.support.Http;
import io.epr.support.ServerTest;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;

/**
 * GraphiQL at /api/v1/graphql as a person sees it in Chromium: it renders from the server's own files alone, opens on
 * EPR's provenance query, runs it to show what the server holds, and its Docs explorer explains the fields.
 */
class GraphiQLBrowserTest extends ServerTest {
  private static final By QUERY_EDITOR = By.className("graphiql-query-editor");
  private static final By RESULT = By.className("result-window");
  private static final By DOCS = By.className("graphiql-doc-explorer");
  /** The event recorded for the NVRPP that the start query asks about. */
  private static String eventId;

  @BeforeAll
  static void recordAnEventOfTheStartQuerysArtifact() {
    String receiver = http.post("/api/v1/receivers", Bodies.receiver("ci.build", "build.finished")).id();
    eventId = http.post("/api/v1/events", Bodies.event(receiver, "epr-vertx", "2026.11.27").put("version", "0.1.0")
        .put("platform_id", "linux-x64").put("package", "maven").put("description", "build 7 of epr-vertx")).id();
  }

  /** All it loads comes from the server (no other host is reachable where EPR runs), and it opens on EPR's query. */
  @Test
  void itRendersOfflineOpenOnTheProvenanceQuery() throws IOException {
    try (Browser browser = new Browser(GraphiQLBrowserTest.class)) {
      browser.open(server.url("/api/v1/graphql"));
      assertEquals("GraphiQL", browser.driver().getTitle());
      browser.showing(QUERY_EDITOR, "query Provenance");
      assertEquals(startQuery(), editorText(browser, QUERY_EDITOR));
      browser.screenshot("opened");

      // a request for another host would fail here (no network) and show in the console too; listed, it names the file
      List<String> resources = browser.resources();
      assertTrue(resources.stream().anyMatch(url -> url.endsWith(".chunk.js")),
          "the editor's lazily loaded parts were requested: " + resources);
      assertEquals(List.of(), resources.stream().filter(url -> !url.startsWith(server.url("/"))).toList(),
          "requests for another host than the server's");
      assertEquals(List.of(), browser.consoleWarningsAndErrors(), "the browser console");
    }
    // GraphiQLTest loads the page, its script and style sheet; a browser also loads the lazy parts and asks the schema
    BlockedEventLoops.assertNone(http);
  }

  /** The ▶ button offers the page's two operations; Provenance shows the event recorded for its NVRPP. */
  @Test
  void runningTheProvenanceQueryShowsTheRecordedEvent() {
    try (Browser browser = new Browser(GraphiQLBrowserTest.class)) {
      browser.open(server.url("/api/v1/graphql"));
      browser.showing(QUERY_EDITOR, "query Provenance");
      browser.visible(By.className("graphiql-execute-button")).click();
      browser.showing(By.className("graphiql-dropdown-item"), "Provenance").click();

      browser.showing(RESULT, eventId);
      String result = editorText(browser, RESULT);
      JsonNode events = Http.parse(result).at("/data/provenance/events");
      assertEquals(1, events.size(), result);
      assertEquals(eventId, events.get(0).path("id").asText(), result);
      assertEquals("ci.build", events.get(0).at("/event_receiver/name").asText(), result);
      browser.screenshot("provenance-result");
      assertEquals(List.of(), browser.consoleWarningsAndErrors(), "the browser console");
    }
  }

  /** The Docs explorer, from Query to the provenance field, shows the schema's description of it. */
  @Test
  void theDocsExplorerDescribesTheProvenanceField() {
    JsonNode fields = http.graphql("{ __type(name: \"Query\") { fields { name description } } }", null);
    assertFalse(fields.has("errors"), fields.toString());
    String description = null;
    for (JsonNode field : fields.at("/data/__type/fields")) {
      if (field.path("name").asText().equals("provenance")) {
        description = field.path("description").asText();
      }
    }
    assertTrue(description != null && !description.isBlank(), fields.toString());

    try (Browser browser = new Browser(GraphiQLBrowserTest.class)) {
      browser.open(server.url("/api/v1/graphql"));
      browser.visible(By.cssSelector("button[aria-label='Show Documentation Explorer']")).click();
      browser.showing(By.className("graphiql-doc-explorer-type-name"), "Query").click();
      browser.showing(By.className("graphiql-doc-explorer-field-name"), "provenance").click();
      browser.showing(DOCS, description);
      browser.screenshot("docs-provenance");
      assertEquals(List.of(), browser.consoleWarningsAndErrors(), "the browser console");
    }
  }

  /** The text in one of GraphiQL's editors (CodeMirror), all of it, not only the lines drawn on screen. */
  private static String editorText(Browser browser, By editor) {
    WebElement codeMirror = browser.driver().findElement(editor).findElement(By.className("CodeMirror"));
    return (String) browser.script("return arguments[0].CodeMirror.getValue();", codeMirror);
  }

  private static String startQuery() throws IOException {
    try (InputStream in = GraphiQLBrowserTest.class.getResourceAsStream("/graphql/graphiql-start.graphql")) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }
}
