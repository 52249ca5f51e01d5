package io.epr.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.epr.support.Bodies;
import io.epr.support.Browser;
import io.epr.support.ServerTest;
import io.epr.support.SharedData;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;

/**
 * The console as a person uses it in Chromium, on data put in through the API: two builds of one application whose
 * gate completes for one and waits for a scan on the other, each with a real SBOM (Dropwizard's, EPR's own), and a
 * build with more events than a page holds. Searching, reading a build, finding the builds that contain a package,
 * comparing two builds, creating a receiver, watching events arrive, by mouse and by keyboard, on a laptop and a phone
 * screen; every page loads nothing from another host and logs no warning or error.
 */
class ConsoleBrowserTest extends ServerTest {
  private static final By TITLE = By.cssSelector("main h2");
  private static final String BUILD_41 = "name=shop&version=2.0.0&release=41&platform_id=linux&package=oci";
  private static final String BUILD_42 = "name=shop&version=2.0.0&release=42&platform_id=linux&package=oci";
  private static final int PAGED_EVENTS = 30;
  private static String dropwizardSbom;
  private Browser browser;

  @BeforeAll
  static void recordTwoBuildsAndAManyEventedOne() throws IOException {
    String built = http.post("/api/v1/receivers", Bodies.receiver("build", "ci.build.finished")).id();
    String tested = http.post("/api/v1/receivers", Bodies.receiver("tests", "ci.tests.finished")).id();
    String scanned = http.post("/api/v1/receivers", Bodies.receiver("scan", "security.scan.finished")).id();
    http.post("/api/v1/groups", Bodies.group("release-gate", built, tested, scanned)).id();

    post(Bodies.event(built, "shop", "41").put("version", "2.0.0").put("description", "built on runner 3"));
    post(Bodies.event(tested, "shop", "41").put("version", "2.0.0").put("description", "412 tests passed"));
    dropwizardSbom = sbom(BUILD_41, SharedData.path("cyclonedx-examples/SBOM/dropwizard-1.3.15/bom.json"));

    post(Bodies.event(built, "shop", "42").put("version", "2.0.0").put("description", "built on runner 1"));
    post(Bodies.event(tested, "shop", "42").put("version", "2.0.0").put("description", "3 tests failed")
        .put("success", false));
    post(Bodies.event(tested, "shop", "42").put("version", "2.0.0").put("description", "rerun: 415 tests passed"));
    post(Bodies.event(scanned, "shop", "42").put("version", "2.0.0").put("description", "no known vulnerability"));
    sbom(BUILD_42, Path.of("samples/sboms/epr-vertx.cdx.json"));
    // a build's pipeline: run 7 fails after a minute queued, its retry (attempt 2) passes; times as the payload says
    Map<String, String> phases = new LinkedHashMap<>();
    for (String phase : List.of("queued", "started", "finished")) {
      phases.put(phase, http.post("/api/v1/receivers", Bodies.receiver("run-" + phase, "ci.pipelinerun." + phase)).id());
    }
    String[][] runs = {{"1", "queued", "2026-12-01T10:00:00Z", "true"}, {"1", "started", "2026-12-01T10:01:00Z", "true"},
        {"1", "finished", "2026-12-01T10:05:30Z", "false"}, {"2", "queued", "2026-12-01T10:10:00Z", "true"},
        {"2", "started", "2026-12-01T10:10:05Z", "true"}, {"2", "finished", "2026-12-01T10:16:05Z", "true"}};
    for (String[] run : runs) {
      ObjectNode event = Bodies.event(phases.get(run[1]), "retried-app", "7")
          .put("description", "run 7 attempt " + run[0] + " " + run[1]).put("success", Boolean.parseBoolean(run[3]));
      event.putObject("payload").put("run_id", "7").put("run_attempt", Integer.parseInt(run[0]))
          .put("timestamp", run[2]);
      post(event);
    }
    String junit = "<testsuite name=\"shop\"><testcase classname=\"shop.Checkout\" name=\"paysByCard\" time=\"0.5\"/>"
        + "<testcase classname=\"shop.Checkout\" name=\"refunds\" time=\"0.2\"><failure message=\"500 from payments\"/>"
        + "</testcase></testsuite>";
    http.send("POST", "/api/v1/test-reports?" + BUILD_42 + "&description=first+run", Map.of(),
        junit.getBytes(StandardCharsets.UTF_8), false).id();

    for (int i = 0; i < PAGED_EVENTS; i++) {
      post(Bodies.event(built, "paging-app", String.valueOf(i)).put("description", "build " + i));
    }
  }

  private static void post(ObjectNode event) {
    http.post("/api/v1/events", event).id();
  }

  private static String sbom(String nvrpp, Path document) throws IOException {
    return http.send("POST", "/api/v1/sboms?" + nvrpp, Map.of(), Files.readAllBytes(document), false).id();
  }

  @BeforeEach
  void openABrowser() {
    browser = new Browser(ConsoleBrowserTest.class);
  }

  /** Every test: nothing logged in the browser console, nothing loaded from another host. */
  @AfterEach
  void nothingWentWrongInTheBrowser() {
    try {
      assertEquals(List.of(), browser.consoleWarningsAndErrors(), "the browser console");
      assertEquals(List.of(), browser.resources().stream().filter(url -> !url.startsWith(server.url("/"))).toList(),
          "requests for another host than the server's");
    } finally {
      browser.close();
    }
  }

  @Test
  void searchFindsEventsByNamePrefixAndPagesThroughThem() {
    WebElement form = formIn("search", "Search", "form.search");
    form.findElement(By.name("name")).sendKeys("paging-a");
    form.findElement(By.cssSelector("button[type=submit]")).click();
    browser.until("the first page of 25", driver -> rows("Events").size() == 25);
    assertTrue(browser.driver().getCurrentUrl().contains("#/search?name=paging-a"), browser.driver().getCurrentUrl());
    assertEquals("build 29", rows("Events").get(0).findElements(By.tagName("td")).get(4).getText(), "newest first");
    browser.screenshot("search");

    browser.visible(By.linkText("Older ⟶")).click();
    browser.until("the last page", driver -> rows("Events").size() == PAGED_EVENTS - 25);
    assertEquals("build 4", rows("Events").get(0).findElements(By.tagName("td")).get(4).getText());
    assertTrue(browser.driver().findElements(By.linkText("Older ⟶")).isEmpty(), "no page after the last");

    // the form keeps the search; narrowed to failures of shop, one event is left
    form = browser.visible(By.cssSelector("form.search"));
    form.findElement(By.name("name")).clear();
    form.findElement(By.name("name")).sendKeys("sh");
    new Select(form.findElement(By.name("success"))).selectByVisibleText("failure");
    form.findElement(By.cssSelector("button[type=submit]")).click();
    browser.until("the failed events of shop", driver -> rows("Events").size() == 2);
    WebElement failed = rows("Events").get(1);
    assertTrue(failed.getText().contains("3 tests failed") && failed.getText().contains("✗ failure"), failed.getText());
    failed.findElement(By.linkText("shop · 2.0.0 · 42 · linux · oci")).click();
    assertEquals("Build", browser.visible(TITLE).getText());
  }

  @Test
  void aBuildShowsItsTimelineGatesSbomAndCdevents() {
    view("build?" + BUILD_41, "Build");
    WebElement gate = browser.showing(By.cssSelector(".gate"), "release-gate");
    assertTrue(gate.getText().contains("pending"), gate.getText());
    assertTrue(gate.findElement(By.className("missing")).getText().contains("scan"), gate.getText());
    List<WebElement> timeline = browser.driver().findElements(By.cssSelector(".timeline > li"));
    assertEquals(List.of("built on runner 3", "412 tests passed", "CycloneDX SBOM"),
        timeline.stream().map(item -> item.findElement(By.cssSelector(".what p")).getText()).toList());
    assertTrue(browser.showing(By.className("summary"), "events").getText().startsWith("3 events · 0 of 1 gates"));

    WebElement sbom = browser.visible(By.className("sbom"));
    assertTrue(sbom.getText().contains("CycloneDX 1.2 · 167 components"), sbom.getText());
    assertEquals("/api/v1/sboms/" + dropwizardSbom,
        sbom.findElement(By.linkText("Download the original document")).getDomAttribute("href"));
    assertEquals(25, sbom.findElements(By.cssSelector("tbody tr")).size(), "a page of components");
    assertEquals("Components 1–25 of 167, by name", sbom.findElement(By.className("status")).getText());
    sbom.findElement(By.cssSelector("input.filter")).sendKeys("jackson");
    browser.until("the jackson components", driver -> sbom.findElement(By.className("status")).getText()
        .matches("Components 1–\\d+ of \\d+ \\(filtered from 167\\), by name"));
    WebElement databind = sbom.findElements(By.cssSelector("tbody tr")).stream()
        .filter(row -> row.getText().startsWith("jackson-databind")).findFirst().orElseThrow();
    assertTrue(databind.getText().contains("2.9.10") && databind.getText().contains("Apache-2.0"), databind.getText());
    erase(sbom.findElement(By.cssSelector("input.filter")));
    sbom.findElement(By.xpath(".//button[@class='sort'][.='Version']")).click();
    sbom.findElement(By.xpath(".//button[.='Next →']")).click();
    browser.until("the second page by version", driver -> sbom.findElement(By.className("status")).getText()
        .equals("Components 26–50 of 167, by version"));
    browser.screenshot("build-41");

    WebElement cdevents = browser.visible(By.cssSelector("[aria-label='CDEvents and their delivery per sink']"));
    assertTrue(cdevents.getText().contains("dev.cdevents.artifact.packaged.0.3.0"), cdevents.getText());
    assertTrue(cdevents.getText().contains("pkg:maven/io.dropwizard/dropwizard-parent@1.3.15"), cdevents.getText());
    assertTrue(cdevents.getText().contains("not sent: this server has no such sink"), "no CDViz configured: " + cdevents.getText());

    view("build?" + BUILD_42, "Build");
    assertTrue(browser.showing(By.cssSelector(".gate"), "release-gate").getText().contains("complete"));
    assertEquals("6 events, 2 failed · 1 of 1 gates complete · 1 SBOM · 1 test report",
        browser.showing(By.className("summary"), "events").getText());
    WebElement tests = browser.visible(By.className("tests"));
    assertTrue(tests.getText().contains("2 tests, 1 failure, 0 errors, 0 skipped, 0.7 s on linux"), tests.getText());
    WebElement refunds = browser.showing(By.cssSelector(".tests tbody tr"), "refunds");
    assertTrue(refunds.getText().contains("500 from payments"), refunds.getText());
    browser.driver().manage().window().setSize(new Dimension(1280, 1180)); // the picture in docs/how-to/console.md
    browser.screenshot("build-42");
  }

  /** A failed run and its retry are two runs, with the queue time and duration their payloads' times give. */
  @Test
  void aBuildShowsItsPipelineRunsAsTheyHappened() {
    view("build?name=retried-app&version=1&release=7&platform_id=linux&package=oci", "Build");
    List<String> runs = browser.visible(By.cssSelector("[aria-label^='Pipeline runs']"))
        .findElements(By.cssSelector("tbody tr")).stream().map(WebElement::getText).toList();
    assertEquals(2, runs.size(), runs.toString());
    assertTrue(runs.get(0).matches("1 ✗ failure .* 60\\.0 s 270\\.0 s 7-1"), runs.get(0));
    assertTrue(runs.get(1).matches("2 ✓ success .* 5\\.0 s 360\\.0 s 7-2"), runs.get(1));
    browser.screenshot("pipeline-runs");
  }

  @Test
  void aPackageShowsEveryBuildThatContainsItByVersion() {
    WebElement form = formIn("package", "Package", "form.package");
    form.findElement(By.name("purl")).sendKeys("pkg:maven/com.fasterxml.jackson.core/jackson-databind");
    form.findElement(By.cssSelector("button[type=submit]")).click();
    browser.showing(By.className("summary"), "2 builds contain it, in 2 versions.");
    List<WebElement> versions = rows("By version");
    assertEquals(List.of("2.9.10", "2.18.2"), versions.stream()
        .map(row -> row.findElement(By.tagName("td")).getText()).toList(), "first seen first");
    List<WebElement> builds = rows("Builds, newest first");
    assertTrue(builds.get(0).getText().contains("shop · 2.0.0 · 42") && builds.get(0).getText().contains("2.18.2"),
        builds.get(0).getText());
    browser.screenshot("package");
    builds.get(1).findElement(By.linkText("shop · 2.0.0 · 41 · linux · oci")).click();
    browser.showing(By.cssSelector(".gate"), "release-gate");
  }

  @Test
  void twoBuildsCompareByComponentsAndEvents() {
    view("build?" + BUILD_41, "Build");
    browser.visible(By.linkText("Compare with another build")).click();
    WebElement form = browser.visible(By.cssSelector("form.compare"));
    assertEquals("41", form.findElement(By.name("a.release")).getDomProperty("value"), "A is the build it came from");
    Map.of("b.name", "shop", "b.version", "2.0.0", "b.release", "42", "b.platform_id", "linux", "b.package", "oci")
        .forEach((name, value) -> form.findElement(By.name(name)).sendKeys(value));
    form.findElement(By.cssSelector("button[type=submit]")).click();

    WebElement changed = browser.showing(By.cssSelector("[aria-label=Changed] tr"), "jackson-databind");
    assertTrue(changed.getText().contains("2.9.10") && changed.getText().contains("2.18.2"), changed.getText());
    assertFalse(rows("Added in B").isEmpty(), "EPR's own libraries are not in Dropwizard");
    assertFalse(rows("Removed in B").isEmpty(), "Dropwizard's are not in EPR");
    WebElement onlyInB = browser.showing(By.cssSelector("[aria-label='Events only in B'] tr"), "scan");
    assertTrue(onlyInB.getText().contains("security.scan.finished"), onlyInB.getText());
    browser.screenshot("compare");
  }

  @Test
  void aReceiverIsCheckedAsItIsTypedThenCreated() {
    WebElement form = formIn("receivers", "Receivers and groups", "form[aria-labelledby=new-receiver]");
    form.findElement(By.name("name")).sendKeys("deployed");
    form.findElement(By.name("type")).sendKeys("cd.deployment.finished");
    form.findElement(By.name("description")).sendKeys("a deployment finished");
    WebElement schema = form.findElement(By.name("schema"));
    schema.clear();
    schema.sendKeys("{\"type\": \"object\", \"required\": 7}");
    WebElement check = browser.visible(By.id("receiver-check"));
    // checked as typed: an earlier state of the field may be refused first for another reason
    browser.until("the server's errors about required", driver -> check.getText().startsWith("The server would refuse it")
        && check.getText().contains("required"));
    String refused = check.getText();
    assertTrue(refused.contains("required"), refused);
    browser.screenshot("receiver-refused");

    schema.clear();
    schema.sendKeys("{\"type\": \"object\", \"required\": [\"environment\"]}");
    browser.until("the server's approval", driver -> check.getText().equals("✓ The server would accept this receiver."));
    form.findElement(By.cssSelector("button[type=submit]")).click();
    String created = browser.showing(By.className("done"), "Created receiver").getText();
    String id = created.replaceAll("Created receiver (\\w+)\\.", "$1");
    WebElement row = browser.showing(By.cssSelector("[aria-label^=Receivers] tr"), "cd.deployment.finished");
    assertTrue(row.getText().startsWith("deployed") && row.getText().contains(id), row.getText());
    assertEquals("[\"environment\"]", http.get("/api/v1/receivers/" + id).json().at("/data/0/schema/required")
        .toString(), "stored as typed");
  }

  @Test
  void aGroupIsDisabledAndEnabledAgain() {
    view("receivers", "Receivers and groups");
    browser.visible(By.cssSelector("button[aria-label='Disable group release-gate']")).click();
    WebElement row = browser.showing(By.cssSelector("[aria-label^=Groups] tbody tr"), "disabled");
    assertTrue(row.getText().contains("release-gate"), row.getText());
    assertFalse(groupEnabled("release-gate"));
    browser.visible(By.cssSelector("button[aria-label='Enable group release-gate']")).click();
    browser.showing(By.cssSelector("[aria-label^=Groups] tbody tr"), "enabled");
    assertTrue(groupEnabled("release-gate"));
  }

  @Test
  void aNewEventAppearsLiveWithoutReloading() {
    view("live", "Live");
    browser.showing(By.cssSelector("main .status"), "Connected");
    Object marker = browser.script("return window.performance.timeOrigin;");
    String receiver = http.post("/api/v1/receivers", Bodies.receiver("deploy", "cd.deployed")).id();
    post(Bodies.event(receiver, "live-app", "7").put("description", "deployed to staging"));
    WebElement arrived = browser.showing(By.cssSelector("ol.live li"), "deployed to staging");
    assertTrue(arrived.getText().contains("live-app · 1 · 7 · linux · oci") && arrived.getText().contains("deploy"),
        arrived.getText());
    assertEquals(marker, browser.script("return window.performance.timeOrigin;"), "the page was not reloaded");
    browser.screenshot("live");
  }

  /** Search, open a build and page its components with the keyboard alone; the focused element shows a ring. */
  @Test
  void theMainFlowWorksFromTheKeyboard() {
    browser.open(server.url("/"));
    browser.visible(TITLE);
    WebElement skip = press(Keys.TAB);
    assertEquals("Skip to the content", skip.getText());
    assertNotEquals("none", skip.getCssValue("outline-style"), "a visible focus ring");
    WebElement search = tabTo("Search", 10);
    assertEquals("3px", search.getCssValue("outline-width"));
    press(Keys.ENTER);
    focusOn("Search");
    WebElement name = tabTo("", 3);
    assertEquals("name", name.getDomAttribute("name"));
    name.sendKeys("shop", Keys.ENTER);
    browser.until("the events of shop", driver -> rows("Events").size() == 9);
    tabTo("shop · 2.0.0 · 42 · linux · oci", 40);
    press(Keys.ENTER);
    focusOn("Build");
    tabTo("Compare with another build", 5);
    WebElement filter = tabTo("", 40);
    while (!"search".equals(filter.getDomAttribute("type"))) {
      filter = press(Keys.TAB);
    }
    filter.sendKeys("vertx");
    browser.showing(By.cssSelector(".sbom tbody tr"), "vertx-core");
    browser.screenshot("keyboard");
  }

  @Test
  void onAPhoneTheBuildFitsTheScreenWidth() {
    browser.driver().manage().window().setSize(new Dimension(390, 844));
    view("build?" + BUILD_42, "Build");
    browser.visible(By.className("sbom"));
    long width = (Long) browser.script("return document.documentElement.clientWidth;");
    long content = (Long) browser.script("return document.documentElement.scrollWidth;");
    assertTrue(content <= width, "the page is " + content + " px wide on a " + width + " px screen");
    assertTrue(browser.visible(By.linkText("Dead letters")).isDisplayed(), "the navigation wraps, all of it shown");
    browser.screenshot("phone-build");
    view("search", "Search");
    browser.screenshot("phone-search");
  }

  @Test
  void theFooterLeadsToGraphiqlHealthAndTheDocs() {
    view("search", "Search");
    for (String link : List.of("GraphiQL", "/healthz/liveness", "/healthz/readiness", "/healthz/status", "/metrics")) {
      assertTrue(browser.visible(By.linkText(link)).isDisplayed(), link);
    }
    WebElement docs = browser.showing(By.cssSelector("footer li"), "Docs:");
    assertTrue(docs.getText().contains("README.md"), docs.getText());
    browser.visible(By.linkText("/healthz/status")).click();
    browser.showing(By.tagName("body"), "\"database\"");
    browser.driver().navigate().back();
    browser.visible(By.linkText("GraphiQL")).click();
    browser.showing(By.className("graphiql-query-editor"), "query Provenance");
  }

  /** Opens the view at #/{route} and waits for its heading. */
  private void view(String route, String title) {
    browser.open(server.url("/#/" + route));
    browser.showing(TITLE, title);
  }

  /** Opens the view at #/{route}, waits for its heading, and returns its form that {@code selector} finds. */
  private WebElement formIn(String route, String title, String selector) {
    view(route, title);
    return browser.visible(By.cssSelector(selector));
  }

  /** The body rows of the table whose caption starts with {@code caption}. */
  private List<WebElement> rows(String caption) {
    return browser.driver().findElements(By.cssSelector("[aria-label^='" + caption + "'] tbody tr"));
  }

  /** Waits for the heading of the view just opened to take the focus. */
  private void focusOn(String heading) {
    browser.until("the heading " + heading + " to take the focus", driver -> {
      WebElement focused = driver.switchTo().activeElement();
      return focused.getTagName().equals("h2") && focused.getText().equals(heading);
    });
  }

  private WebElement press(CharSequence key) {
    browser.driver().switchTo().activeElement().sendKeys(key);
    return browser.driver().switchTo().activeElement();
  }

  /** Tabs forward (at most {@code most} times) to the element showing {@code text} (""; the next field). */
  private WebElement tabTo(String text, int most) {
    for (int i = 0; i < most; i++) {
      WebElement focused = press(Keys.TAB);
      if (focused.getText().equals(text)) {
        return focused;
      }
    }
    throw new AssertionError("no element showing \"" + text + "\" within " + most + " tabs");
  }

  /** Empties a field as a person does, so that it hears the input (WebElement.clear does not send input events). */
  private static void erase(WebElement field) {
    field.sendKeys(Keys.chord(Keys.CONTROL, "a"), Keys.BACK_SPACE);
  }

  private static boolean groupEnabled(String name) {
    return http.graphql("{ event_receiver_groups(event_receiver_group: {name: \"" + name + "\"}) { enabled } }", null)
        .at("/data/event_receiver_groups/0/enabled").asBoolean();
  }
}
