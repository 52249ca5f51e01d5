package io.epr.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.epr.support.Browser;
import io.epr.support.ServerTest;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;

/** The page at / as a person sees it in Chromium: it says what the server is, and its links lead where they say. */
class HomePageBrowserTest extends ServerTest {
  @Test
  void itShowsWhatTheServerIsWithLinksToGraphiqlHealthAndDocs() {
    try (Browser browser = new Browser(HomePageBrowserTest.class)) {
      browser.open(server.url("/"));
      assertEquals("Event Provenance Registry", browser.driver().getTitle());
      assertEquals("Event Provenance Registry", browser.visible(By.tagName("h1")).getText());
      for (String link : List.of("GraphiQL", "/healthz/liveness", "/healthz/readiness", "/healthz/status", "/metrics")) {
        assertTrue(browser.visible(By.linkText(link)).isDisplayed(), link);
      }
      WebElement docs = browser.showing(By.tagName("li"), "Docs:");
      assertTrue(docs.getText().contains("README.md"), docs.getText());
      assertEquals("https://github.com/sassoftware/event-provenance-registry",
          docs.findElement(By.linkText("EPR")).getDomAttribute("href"), "the EPR whose API this is (not followed: "
              + "the tests have no network)");
      browser.screenshot("home");

      browser.visible(By.linkText("/healthz/status")).click();
      browser.showing(By.tagName("body"), "\"database\"");
      browser.screenshot("health-status");
      browser.driver().navigate().back();

      browser.visible(By.linkText("GraphiQL")).click();
      browser.showing(By.className("graphiql-query-editor"), "query Provenance");
      assertTrue(browser.driver().getCurrentUrl().startsWith(server.url("/api/v1/graphql")),
          browser.driver().getCurrentUrl());
      browser.screenshot("graphiql-from-home");

      assertEquals(List.of(), browser.consoleWarningsAndErrors(), "the browser console");
    }
  }
}
