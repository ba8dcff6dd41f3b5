package vn.loa.reporting.support;

import org.openqa.selenium.Dimension;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.fail;

/**
 * Headless Chromium for the browser tests: Debian's {@code chromium} and {@code chromium-driver}
 * (installed by {@code .ci/run}), found on the PATH or through {@code CHROME_BIN} / {@code CHROMEDRIVER}.
 * Selenium Manager is never asked (it would download a browser): a missing browser fails the test.
 */
public final class Browser {

    private Browser() {
    }

    public static ChromeDriver start(int width, int height) {
        String chromium = find("CHROME_BIN", "chromium", "chromium-browser", "google-chrome");
        String driver = find("CHROMEDRIVER", "chromedriver");
        if (chromium == null || driver == null) {
            fail("Browser tests need Chromium and its driver: install Debian's 'chromium' and 'chromium-driver' "
                    + "(apt-get install -y chromium chromium-driver; .ci/run does it) or set CHROME_BIN and CHROMEDRIVER. "
                    + "Found chromium=" + chromium + ", chromedriver=" + driver);
        }
        ChromeOptions options = new ChromeOptions();
        options.setBinary(chromium);
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--disable-background-networking", "--window-size=" + width + "," + height, "--lang=vi-VN",
                "--force-device-scale-factor=1", "--hide-scrollbars");
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(new File(driver))
                .usingAnyFreePort()
                .build();
        ChromeDriver chrome = new ChromeDriver(service, options);
        chrome.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(60));
        chrome.manage().timeouts().scriptTimeout(Duration.ofSeconds(30));
        chrome.manage().window().setSize(new Dimension(width, height));
        return chrome;
    }

    /** Saves a screenshot of the viewport. */
    public static Path screenshot(ChromeDriver chrome, Path file) {
        try {
            Files.createDirectories(file.getParent());
            Files.write(file, chrome.getScreenshotAs(OutputType.BYTES));
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String find(String variable, String... names) {
        String given = System.getenv(variable);
        if (given != null && !given.isBlank()) {
            return Files.isExecutable(Path.of(given)) ? given : null;
        }
        List<String> path = Stream.of(Objects.requireNonNullElse(System.getenv("PATH"), "").split(File.pathSeparator))
                .filter(s -> !s.isBlank()).toList();
        for (String name : names) {
            for (String dir : path) {
                Path candidate = Path.of(dir, name);
                if (Files.isExecutable(candidate)) {
                    return candidate.toString();
                }
            }
        }
        return null;
    }
}
