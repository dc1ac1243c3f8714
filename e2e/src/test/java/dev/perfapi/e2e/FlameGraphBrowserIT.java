package dev.perfapi.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.NoAlertPresentException;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

/**
 * The flame graph of one trace, as the extension's REST API serves it, opened in a real headless
 * Chromium (Debian's, through Debian's chromedriver: nothing is downloaded) and searched with the
 * page's own search button for the request's hot method.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class FlameGraphBrowserIT {
  private static final Path CHROMIUM = Path.of(System.getProperty("perfapi.chromium.bin", "/usr/bin/chromium"));
  private static final Path CHROMEDRIVER = Path.of(System.getProperty("perfapi.chromedriver.bin", "/usr/bin/chromedriver"));
  private static final Path SCREENSHOTS = Stack.ROOT.resolve("e2e/target/screenshots");
  private static final String HASH = "dev.perfapi.sample.work.CpuWork.hashLoop";

  private Stack stack;
  private ChromeDriverService driverService;
  private ChromeDriver browser;
  private int servicePort;
  private int restPort;

  @BeforeAll
  void start() throws Exception {
    for (Path p : new Path[] {CHROMIUM, CHROMEDRIVER}) {
      assertThat(p).as("%s (scripts/setup.sh installs chromium and chromium-driver)", p).isExecutable();
    }
    stack = new Stack("flamegraph");
    stack.startCollector();
    servicePort = Ports.free();
    restPort = Ports.free();
    stack.startService("e2e-flamegraph", servicePort, restPort);
    // The driver is started by us on a free port and stopped in stop(): Selenium Manager is
    // never asked for a driver or a browser (SE_OFFLINE is set as well, see e2e/pom.xml).
    driverService = new ChromeDriverService.Builder()
        .usingDriverExecutable(CHROMEDRIVER.toFile())
        .usingPort(Ports.free())
        .withLogFile(stack.workDir.resolve("chromedriver.log").toFile())
        .build();
    ChromeOptions options = new ChromeOptions()
        .setBinary(CHROMIUM.toFile())
        .addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
            "--no-first-run", "--window-size=1400,1800",
            "--user-data-dir=" + stack.workDir.resolve("chromium-profile"));
    browser = new ChromeDriver(driverService, options);
  }

  @AfterAll
  void stop() {
    if (browser != null) {
      browser.quit();
    }
    if (driverService != null) {
      driverService.stop();
    }
    if (stack != null) {
      stack.close();
    }
  }

  @Test
  void traceFlameGraphShowsTheHotMethodInTheBrowser() throws Exception {
    // Warm-up: the first requests of a fresh JVM spend much of their CPU in class loading and JIT.
    Load warmUp = Load.run("http://127.0.0.1:" + servicePort + "/work/cpu?ms=20", 1, 30);
    assertThat(warmUp.failed.get()).isZero();
    JsonNode response = Http.JSON.readTree(
        Http.get("http://127.0.0.1:" + servicePort + "/work/cpu?ms=300").body());
    String traceId = response.path("trace").path("traceId").asText();
    assertThat(traceId).matches("[0-9a-f]{32}");
    String profile = "http://127.0.0.1:" + restPort + "/api/v1/traces/" + traceId + "/profile";
    // The profile grows as each profiling period is cut and joined; the request's 300 ms of CPU
    // can straddle two periods: wait until both are in (weights are in microseconds).
    await("profile of trace " + traceId).atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofSeconds(1))
        .until(() -> cpuWorkMicros(Http.get(profile + "?format=collapsed&event=cpu").body()) >= 200_000);

    browser.get(profile + "?format=html&event=cpu");
    await("the flame graph page").atMost(Duration.ofSeconds(10))
        .until(() -> !browser.findElements(By.id("canvas")).isEmpty());
    assertThat(paintedPixels()).as("pixels the flame graph painted on its canvas").isPositive();

    double absent = searchShare("NoSuchMethodInThisTrace");
    double hot = searchShare("CpuWork\\.hashLoop");
    // The frames grow from the bottom of the page: show them, with the hot method highlighted.
    ((JavascriptExecutor) browser).executeScript("window.scrollTo(0, document.body.scrollHeight)");
    saveScreenshot("trace-" + traceId + "-cpu.png");
    System.out.printf("measured: CpuWork.hashLoop covers %.2f %% of the trace's CPU flame graph%n", hot);
    // 300 ms of CPU at a 10 ms interval, 70 % of it designed to be in hashLoop: a loose bound.
    assertThat(hot).isGreaterThan(20.0);
    assertThat(absent).isZero();
  }

  /** Microseconds of the collapsed stacks that end in the sample's CpuWork methods. */
  private static long cpuWorkMicros(String collapsed) {
    long sum = 0;
    for (String line : collapsed.split("\n")) {
      int space = line.lastIndexOf(' ');
      if (space > 0 && line.substring(0, space).matches(".*CpuWork\\.(hashLoop|sortLoop)$")) {
        sum += Long.parseLong(line.substring(space + 1).trim());
      }
    }
    return sum;
  }

  /** Uses the page's search button (a prompt for a regexp) and reads its "Matched: x%". */
  private double searchShare(String regexp) {
    browser.findElement(By.id("search")).click();
    await("the search prompt").atMost(Duration.ofSeconds(5)).ignoreException(NoAlertPresentException.class)
        .until(() -> browser.switchTo().alert() != null);
    browser.switchTo().alert().sendKeys(regexp);
    browser.switchTo().alert().accept();
    String matched = browser.findElement(By.id("matchval")).getText();
    assertThat(browser.findElement(By.id("match")).isDisplayed()).as("the Matched: line").isTrue();
    assertThat(matched).as("search result for " + regexp).endsWith("%");
    return Double.parseDouble(matched.substring(0, matched.length() - 1));
  }

  /**
   * Canvas pixels unlike its top-left corner (background: frames grow from the bottom), so the
   * frames were drawn, not just the page loaded.
   */
  private long paintedPixels() {
    Object count = ((JavascriptExecutor) browser).executeScript(
        "const c = document.getElementById('canvas');"
            + "const d = c.getContext('2d').getImageData(0, 0, c.width, c.height).data;"
            + "let n = 0; for (let i = 0; i < d.length; i += 4) {"
            + "  if (d[i] !== d[0] || d[i + 1] !== d[1] || d[i + 2] !== d[2] || d[i + 3] !== d[3]) n++; }"
            + "return n;");
    return ((Number) count).longValue();
  }

  private void saveScreenshot(String name) throws Exception {
    Files.createDirectories(SCREENSHOTS);
    File shot = ((TakesScreenshot) browser).getScreenshotAs(OutputType.FILE);
    Files.copy(shot.toPath(), SCREENSHOTS.resolve(name), StandardCopyOption.REPLACE_EXISTING);
  }
}
