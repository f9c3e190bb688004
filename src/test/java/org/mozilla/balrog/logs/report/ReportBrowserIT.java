package org.mozilla.balrog.logs.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.mozilla.balrog.logs.testing.CliRun;
import org.mozilla.balrog.logs.testing.GeneratedWeek;

/**
 * The HTML report of a generated day opened in headless Chromium (Debian's {@code chromium},
 * installed by {@code .ci/run}) with networking effectively off: it renders, its charts are in the
 * rendered DOM, and a screenshot is kept as a test artifact in {@code target/report/}.
 */
class ReportBrowserIT {
  static final Path DIR = Path.of("target", "report").toAbsolutePath();
  static Path html;

  @BeforeAll
  static void report() throws IOException {
    GeneratedWeek week = GeneratedWeek.get();
    Files.createDirectories(DIR);
    html = DIR.resolve("report-" + GeneratedWeek.LAST + ".html");
    CliRun run =
        CliRun.of(
            List.of(
                "--output",
                week.output().toString(),
                "report",
                "--date",
                GeneratedWeek.LAST.toString(),
                "--out",
                html.toString()));
    assertThat(run.exitCode()).as(run.describe()).isZero();
  }

  private static String chromium(String... args) throws IOException, InterruptedException {
    Path profile = Files.createTempDirectory(DIR, "chromium-profile");
    List<String> cmd =
        new java.util.ArrayList<>(
            List.of(
                "chromium",
                "--headless",
                "--no-sandbox",
                "--disable-gpu",
                "--disable-quic",
                "--no-first-run",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--user-data-dir=" + profile,
                // a self-contained page needs no network: send every host nowhere
                "--host-resolver-rules=MAP * ~NOTFOUND",
                "--proxy-server=http://127.0.0.1:9"));
    cmd.addAll(List.of(args));
    Path log = DIR.resolve("chromium.log");
    Process p;
    try {
      p = new ProcessBuilder(cmd).redirectError(log.toFile()).start();
    } catch (IOException e) {
      throw new AssertionError(
          "cannot start chromium (Debian package chromium; .ci/run installs it): " + e.getMessage(),
          e);
    }
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor(3, TimeUnit.MINUTES)).as("chromium finished").isTrue();
    assertThat(p.exitValue()).as("chromium exit; log:\n" + Files.readString(log)).isZero();
    return out;
  }

  @Test
  void theRenderedPageHasEveryChartAndTheDaysData() throws Exception {
    String dom = chromium("--virtual-time-budget=5000", "--dump-dom", html.toUri().toString());
    Files.writeString(DIR.resolve("report-dom.html"), dom);
    assertThat(dom)
        .contains("<svg")
        .contains(GeneratedWeek.LAST.toString())
        .contains("report-data");
    int svgs = dom.split("<svg", -1).length - 1;
    assertThat(svgs).as("charts in the rendered DOM").isGreaterThanOrEqualTo(3);
    // the regression deploy of the day is in the verdict table
    assertThat(dom).contains("v3.122").contains("regression");
  }

  @Test
  void aScreenshotShowsARenderedPage() throws Exception {
    Path png = DIR.resolve("report-" + GeneratedWeek.LAST + ".png");
    Files.deleteIfExists(png);
    chromium(
        "--window-size=1280,2400",
        "--hide-scrollbars",
        "--screenshot=" + png,
        html.toUri().toString());
    assertThat(png).exists();
    BufferedImage img = ImageIO.read(png.toFile());
    assertThat(img.getWidth()).isEqualTo(1280);
    // not a blank page: many distinct colours (text, axes, lines, bars)
    Set<Integer> colours = new HashSet<>();
    for (int y = 0; y < img.getHeight(); y += 3) {
      for (int x = 0; x < img.getWidth(); x += 3) {
        colours.add(img.getRGB(x, y));
      }
    }
    assertThat(colours.size()).as("distinct colours in the screenshot").isGreaterThan(50);
    System.out.println("report screenshot: " + png);
  }
}
