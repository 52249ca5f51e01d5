package io.epr.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.epr.support.Bodies;
import io.epr.support.Browser;
import io.epr.support.EprTestServer;
import io.epr.support.Http;
import io.epr.support.StandInCollector;
import io.epr.support.TestBroker;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;

/**
 * The console with access control on (EPR_API_TOKENS): it asks for a token when the server answers 401, keeps it for
 * the browser session, and shows each role only what it may do. A CDViz collector that refuses every CDEvent (400)
 * makes a real dead letter: an admin retries it from the console; a read token sees it without a retry button, and
 * the server refuses the retry when the page sends it anyway.
 */
class ConsoleAccessBrowserTest {
  private static final String READ = "read-" + UUID.randomUUID();
  private static final String ADMIN = "admin-" + UUID.randomUUID();
  private static final By DIALOG = By.id("token-dialog");
  private static StandInCollector collector;
  private static EprTestServer server;
  private static String deadLetter;

  @BeforeAll
  static void aDeadLetterOfACdeventCdvizRefused() throws InterruptedException {
    collector = new StandInCollector().start();
    collector.respondWith(400);
    server = new EprTestServer(TestBroker.sharedBootstrap(), Map.of("EPR_API_TOKENS", "read:" + READ + ",admin:" + ADMIN,
        "EPR_CDVIZ_URL", collector.url()));
    Http admin = server.http.withToken(ADMIN);
    String receiver = admin.post("/api/v1/receivers", Bodies.receiver("ci-finished", "ci.pipelinerun.finished")).id();
    admin.post("/api/v1/events", Bodies.event(receiver, "shop", "43").put("description", "pipeline finished")).id();
    JsonNode letters = admin.get("/api/v1/dead-letters").json().get("data");
    for (long deadline = System.nanoTime() + Browser.PATIENCE.toNanos(); letters.isEmpty()
        && System.nanoTime() < deadline; letters = admin.get("/api/v1/dead-letters").json().get("data")) {
      Thread.sleep(100);
    }
    assertEquals(1, letters.size(), "the CDEvent CDViz refused is a dead letter: " + letters);
    deadLetter = letters.get(0).path("id").asText();
  }

  @AfterAll
  static void stop() {
    server.close();
    collector.close();
  }

  @Test
  void anAdminEntersATokenOnceAndRetriesTheDeadLetter() {
    try (Browser browser = new Browser(ConsoleAccessBrowserTest.class)) {
      browser.open(server.url("/#/dead-letters"));
      WebElement dialog = browser.visible(DIALOG);
      assertTrue(dialog.getText().contains("missing bearer token"), dialog.getText());
      browser.screenshot("token-asked");
      enter(browser, "not-a-token");
      browser.showing(DIALOG, "unknown bearer token");
      enter(browser, ADMIN);
      browser.showing(By.id("session"), "Role: admin");

      WebElement letter = browser.showing(By.cssSelector("main tbody tr"), "cdviz");
      assertTrue(letter.getText().contains("HTTP 400"), "the reason: " + letter.getText());
      browser.screenshot("dead-letters-admin");
      collector.reset();
      letter.findElement(By.cssSelector("button[aria-label='Retry dead letter " + deadLetter + "']")).click();
      browser.showing(By.className("done"), "Dead letter " + deadLetter + " went back for delivery.");
      browser.showing(By.className("empty"), "No dead letters");
      browser.until("the retried CDEvent to reach CDViz", driver -> !collector.stored().isEmpty());

      // the token stays for the session: another view, a reload, no dialog
      browser.driver().navigate().refresh();
      browser.showing(By.cssSelector("main h2"), "Dead letters");
      browser.showing(By.id("session"), "Role: admin");
      assertEquals(List.of(unauthorized("/api/v1/whoami"), unauthorized("/api/v1/whoami")),
          browser.consoleWarningsAndErrors(), "the browser reports the two 401s that made the console ask, no more");
    }
  }

  @Test
  void aReaderSeesNoWriteOrAdminActionsAndTheServerRefusesThem() {
    try (Browser browser = new Browser(ConsoleAccessBrowserTest.class)) {
      browser.open(server.url("/#/receivers"));
      browser.visible(DIALOG);
      enter(browser, READ);
      browser.showing(By.id("session"), "Role: read");
      browser.showing(By.cssSelector("main tbody tr"), "ci-finished");
      browser.showing(By.className("note"), "needs a token with the write role");
      assertTrue(browser.driver().findElements(By.cssSelector("main form")).isEmpty(), "no create forms");

      browser.visible(By.linkText("Dead letters")).click();
      browser.showing(By.className("note"), "needs a token with the admin role");
      assertTrue(browser.driver().findElements(By.cssSelector("main button")).isEmpty(), "no retry buttons");
      browser.screenshot("dead-letters-read");

      Object refused = browser.script("return fetch('/api/v1/dead-letters/' + arguments[0] + '/retry', {method: "
          + "'POST', headers: {Authorization: 'Bearer ' + sessionStorage.getItem('epr.console.token')}})"
          + ".then(response => response.status + ' ' + response.statusText).catch(String);", deadLetter);
      assertEquals("403 Forbidden", refused);
      assertEquals(List.of(unauthorized("/api/v1/whoami"), "SEVERE " + server.url("/api/v1/dead-letters/" + deadLetter
          + "/retry") + " - Failed to load resource: the server responded with a status of 403 (Forbidden)"),
          browser.consoleWarningsAndErrors(), "the browser reports the 401 that made the console ask, and the 403");
    }
  }

  /** How Chromium logs a 401 answer (the console's own fetch failures are not logged: the page says them). */
  private static String unauthorized(String path) {
    return "SEVERE " + server.url(path) + " - Failed to load resource: the server responded with a status of 401 "
        + "(Unauthorized)";
  }

  private static void enter(Browser browser, String token) {
    WebElement input = browser.visible(By.id("token-input"));
    input.sendKeys(token);
    browser.visible(By.cssSelector("#token-dialog button[type=submit]")).click();
  }
}
