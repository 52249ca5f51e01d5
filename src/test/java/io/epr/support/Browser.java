package io.epr.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.stream.Stream;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.TimeoutException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.devtools.CdpVersionFinder;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * A real headless Chromium for the tests of what a person looks at: pages opened, waited for and clicked as a person
 * would, kept as screenshots beside the test reports, with the browser console's messages so that a test can say the
 * page logged no error. It drives Debian's chromium through Debian's chromedriver, both named by their paths, so
 * Selenium Manager is never asked to find (or download) either; without them a test fails saying how to install them.
 */
public final class Browser implements AutoCloseable {
  /** How long a wait lasts before it fails: long enough for a loaded 2-core machine, so no test waits by the clock. */
  public static final Duration PATIENCE = Duration.ofSeconds(30);
  private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
  private static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
  /** Beside the test reports, so that what the pages looked like stays with the run that saw them. */
  private static final Path SCREENSHOTS = Path.of("target", "surefire-reports", "screenshots");
  /** Headless, as root, on a closed network: no sandbox (root), nothing fetched in the background, no GPU. */
  private static final List<String> FLAGS = List.of("--headless=new", "--no-sandbox", "--disable-gpu",
      "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update",
      "--disable-sync", "--disable-dev-shm-usage", "--window-size=1280,900");

  /** Numbers the screenshots of waits that timed out, across the browsers of a test run. */
  private static final AtomicInteger TIMEOUTS = new AtomicInteger();
  /**
   * Selenium looks for a DevTools (CDP) binding matching Chromium's version and warns, for each browser, that none is
   * on the class path: these tests speak WebDriver only and bring none. Held here, as java.util.logging keeps its
   * loggers weakly.
   */
  private static final Logger CDP_VERSION_FINDER = Logger.getLogger(CdpVersionFinder.class.getName());

  static {
    CDP_VERSION_FINDER.setLevel(Level.SEVERE);
  }

  private final String test;
  private final Path profile;
  private final ChromeDriver driver;
  private final WebDriverWait wait;
  /** The console's messages read so far: Chromium hands each one over once. */
  private final List<LogEntry> console = new ArrayList<>();

  /** A fresh browser (a profile of its own) for {@code test}, whose simple name prefixes its screenshots. */
  public Browser(Class<?> test) {
    for (Path needed : List.of(CHROMIUM, CHROMEDRIVER)) {
      if (!Files.isExecutable(needed)) {
        throw new AssertionError(needed + " is missing, and the browser tests need it: "
            + "apt-get install chromium chromium-driver (.ci/run installs them)");
      }
    }
    this.test = test.getSimpleName();
    try {
      profile = Files.createTempDirectory("epr-chromium-");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    LoggingPreferences logs = new LoggingPreferences();
    logs.enable(LogType.BROWSER, Level.ALL);
    ChromeOptions options = new ChromeOptions().setBinary(CHROMIUM.toFile()).addArguments(FLAGS)
        .addArguments("--user-data-dir=" + profile);
    options.setCapability(ChromeOptions.LOGGING_PREFS, logs);
    ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(CHROMEDRIVER.toFile())
        .usingAnyFreePort().build();
    try {
      driver = new ChromeDriver(service, options);
    } catch (RuntimeException e) {
      service.stop();
      deleteProfile();
      throw e;
    }
    driver.manage().timeouts().pageLoadTimeout(PATIENCE).scriptTimeout(PATIENCE);
    wait = new WebDriverWait(driver, PATIENCE);
    wait.ignoring(StaleElementReferenceException.class);
  }

  /** For what the helpers here do not say: clicks, keys, element look-ups. */
  public WebDriver driver() {
    return driver;
  }

  /** Opens {@code url} and returns once the page and what it loads up front are loaded. */
  public void open(String url) {
    driver.get(url);
  }

  /**
   * Waits until {@code condition} returns something other than null or false, and returns that; when it does not
   * within {@link #PATIENCE}, fails saying {@code what} was awaited, with a screenshot of the page as it was then.
   */
  public <T> T until(String what, Function<WebDriver, T> condition) {
    try {
      return wait.until(condition);
    } catch (TimeoutException e) {
      Path shot = screenshot("timed-out-" + TIMEOUTS.incrementAndGet());
      throw new AssertionError("waited " + PATIENCE.toSeconds() + " s for " + what + " at " + driver.getCurrentUrl()
          + "; the page as it was then: " + shot + "; console: " + console(), e);
    }
  }

  /** The element {@code by} finds, once it is visible. */
  public WebElement visible(By by) {
    return until(by + " to be visible", ExpectedConditions.visibilityOfElementLocated(by));
  }

  /** The first element {@code by} finds whose text contains {@code text}, once there is one. */
  public WebElement showing(By by, String text) {
    return until(by + " to show \"" + text + "\"", driver -> driver.findElements(by).stream()
        .filter(element -> element.getText().contains(text)).findFirst().orElse(null));
  }

  /** What the browser shows now, as target/surefire-reports/screenshots/{test class}-{name}.png; its path. */
  public Path screenshot(String name) {
    Path file = SCREENSHOTS.resolve(test + "-" + name + ".png");
    try {
      Files.createDirectories(SCREENSHOTS);
      Files.write(file, driver.getScreenshotAs(OutputType.BYTES));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return file;
  }

  /** Runs {@code script} in the page in view, as a function of {@code args}; what it returns. */
  public Object script(String script, Object... args) {
    return driver.executeScript(script, args);
  }

  /** The URLs the page in view requested (the browser's resource timing entries), the page itself excluded. */
  public List<String> resources() {
    Object urls = script("return performance.getEntriesByType('resource').map(entry => entry.name);");
    return ((List<?>) urls).stream().map(String::valueOf).toList();
  }

  /** Everything the browser console received so far, from every page opened, as "LEVEL message" lines. */
  public List<String> console() {
    return consoleAtLeast(Level.ALL);
  }

  /**
   * The console's warnings and errors so far: console.warn (WARNING), and console.error, uncaught exceptions and
   * failed loads such as a 404 (SEVERE).
   */
  public List<String> consoleWarningsAndErrors() {
    return consoleAtLeast(Level.WARNING);
  }

  private List<String> consoleAtLeast(Level level) {
    console.addAll(driver.manage().logs().get(LogType.BROWSER).getAll());
    return console.stream().filter(entry -> entry.getLevel().intValue() >= level.intValue())
        .map(entry -> entry.getLevel() + " " + entry.getMessage()).toList();
  }

  @Override
  public void close() {
    try {
      driver.quit();
    } finally {
      deleteProfile();
    }
  }

  private void deleteProfile() {
    try (Stream<Path> files = Files.walk(profile)) {
      for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(file);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
