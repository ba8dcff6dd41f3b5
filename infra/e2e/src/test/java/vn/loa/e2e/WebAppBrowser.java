package vn.loa.e2e;

import org.awaitility.Awaitility;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.Select;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.Callable;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.fail;

/**
 * Headless Chromium on the web app through the real gateway, used as a person would: the sign-in form,
 * the navigation, the forms. Debian's {@code chromium} and {@code chromium-driver} (installed by
 * {@code .ci/run}), found on the PATH or through {@code CHROME_BIN} / {@code CHROMEDRIVER}; Selenium
 * Manager is never asked (it would download a browser). Flags of this machine's Chromium: no background
 * networking, no QUIC, no component updates, no sync, a fresh profile per browser.
 */
final class WebAppBrowser implements AutoCloseable {

    static final Dimension DESKTOP = new Dimension(1280, 900);
    static final Dimension PHONE = new Dimension(390, 844);
    private static final Duration WAIT = Duration.ofSeconds(Long.getLong("loa.webapp.wait-seconds", 90));

    final ChromeDriver chrome;
    private final String baseUrl;
    private final Path profile;

    private WebAppBrowser(ChromeDriver chrome, String baseUrl, Path profile) {
        this.chrome = chrome;
        this.baseUrl = baseUrl;
        this.profile = profile;
    }

    static WebAppBrowser open(String baseUrl) {
        String chromium = find("CHROME_BIN", "chromium", "chromium-browser", "google-chrome");
        String driver = find("CHROMEDRIVER", "chromedriver");
        if (chromium == null || driver == null) {
            fail("Browser tests need Chromium and its driver: apt-get install -y chromium chromium-driver (.ci/run does it), "
                    + "or set CHROME_BIN and CHROMEDRIVER. Found chromium=" + chromium + ", chromedriver=" + driver);
        }
        Path profile;
        try {
            profile = Files.createTempDirectory("loa-webapp-chromium-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        ChromeOptions options = new ChromeOptions();
        options.setBinary(chromium);
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--disable-dev-shm-usage", "--user-data-dir=" + profile, "--lang=vi-VN", "--force-device-scale-factor=1",
                "--hide-scrollbars", "--window-size=" + DESKTOP.width + "," + DESKTOP.height);
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(new File(driver)).usingAnyFreePort().build();
        ChromeDriver chrome = new ChromeDriver(service, options);
        chrome.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(60));
        chrome.manage().timeouts().scriptTimeout(Duration.ofSeconds(30));
        chrome.manage().window().setSize(DESKTOP);
        return new WebAppBrowser(chrome, baseUrl, profile);
    }

    void size(Dimension size) {
        chrome.manage().window().setSize(size);
    }

    /** Opens the app and signs in through its form, as a person does. */
    void signIn(String username, String password) {
        chrome.get(baseUrl + "/app");
        waitUntil(() -> chrome.findElement(By.id("signin")).isDisplayed());
        WebElement user = chrome.findElement(By.id("username"));
        user.clear();
        user.sendKeys(username);
        WebElement pass = chrome.findElement(By.id("password"));
        pass.clear();
        pass.sendKeys(password);
        chrome.findElement(By.id("signin-submit")).click();
    }

    void signInAs(String username) {
        signIn(username, "demo");
        waitUntil(() -> chrome.findElement(By.id("who")).isDisplayed() && screenLoaded());
    }

    /** The working year (the header's select, kept for the tab). */
    void year(int year) {
        new Select(chrome.findElement(By.id("year"))).selectByValue(String.valueOf(year));
        waitUntil(this::screenLoaded);
    }

    /** Follows a link of the navigation bar and waits for the screen. */
    void nav(String screen) {
        String before = loadedStamp();
        chrome.findElement(By.cssSelector("#nav a[data-nav='" + screen + "']")).click();
        waitUntil(() -> !Objects.equals(before, loadedStamp()) && screenLoaded());
    }

    /** Opens a hash route directly (a bookmark, or coming back to a screen). */
    void go(String hash) {
        String before = loadedStamp();
        // The same hash again fires no hashchange: the app is told as if it had (it renders the screen afresh).
        chrome.executeScript("if (location.hash === arguments[0]) { window.dispatchEvent(new HashChangeEvent('hashchange')); }"
                + " else { location.hash = arguments[0]; }", hash);
        waitUntil(() -> !Objects.equals(before, loadedStamp()) && screenLoaded());
    }

    /** Clicks and waits until the screen rendered again (the app re-renders after every change). */
    void clickAndWaitForRender(By by) {
        String before = loadedStamp();
        click(by);
        waitUntil(() -> !Objects.equals(before, loadedStamp()) && screenLoaded());
    }

    void click(By by) {
        // A list that re-renders on a live update replaces its elements between finding one and clicking it: the
        // click did not happen, so find it again (only then; a click that went through is never repeated).
        for (int attempt = 1; ; attempt++) {
            try {
                WebElement e = chrome.findElement(by);
                chrome.executeScript("arguments[0].scrollIntoView({block: 'center'})", e);
                e.click();
                return;
            } catch (StaleElementReferenceException rerendered) {
                if (attempt == 5) {
                    throw rerendered;
                }
            }
        }
    }

    void type(By by, String text) {
        WebElement e = chrome.findElement(by);
        e.clear();
        e.sendKeys(text);
    }

    /** Date and datetime fields: set as the picker would (their typed form depends on the browser's locale). */
    void setValue(By by, String value) {
        chrome.executeScript("arguments[0].value = arguments[1]; arguments[0].dispatchEvent(new Event('input', {bubbles: true}));"
                + "arguments[0].dispatchEvent(new Event('change', {bubbles: true}))", chrome.findElement(by), value);
    }

    void select(By by, String value) {
        new Select(chrome.findElement(by)).selectByValue(value);
    }

    void expand(String detailsId) {
        WebElement details = chrome.findElement(By.id(detailsId));
        if (details.getAttribute("open") == null) {
            click(By.cssSelector("#" + detailsId + " > summary"));
        }
    }

    String text(By by) {
        return chrome.findElement(by).getText();
    }

    List<WebElement> all(By by) {
        return chrome.findElements(by);
    }

    boolean present(By by) {
        return !chrome.findElements(by).isEmpty();
    }

    String attr(By by, String name) {
        return chrome.findElement(by).getAttribute(name);
    }

    private String loadedStamp() {
        return (String) ((JavascriptExecutor) chrome).executeScript("return document.body.dataset.loaded || ''");
    }

    private boolean screenLoaded() {
        return Boolean.TRUE.equals(chrome.executeScript(
                "return !!document.body.dataset.loaded && !document.querySelector('.screen[aria-busy]')"));
    }

    void waitUntil(Callable<Boolean> condition) {
        Awaitility.await().atMost(WAIT).pollInterval(Duration.ofMillis(200)).ignoreExceptions().until(condition);
    }

    /** The whole page as a PNG (Chromium's own full-page capture), into docs/screenshots of the repository. */
    void screenshot(String name) {
        try {
            Path dir = screenshotDir();
            Files.createDirectories(dir);
            chrome.executeScript("document.getElementById('status') && (document.getElementById('status').hidden = true);"
                    + "document.activeElement && document.activeElement.blur && document.activeElement.blur(); window.scrollTo(0, 0)");
            Number width = (Number) chrome.executeScript("return document.documentElement.clientWidth");
            Number height = (Number) chrome.executeScript("return Math.min(document.documentElement.scrollHeight, 2400)");
            Map<String, Object> shot = chrome.executeCdpCommand("Page.captureScreenshot", Map.of("format", "png",
                    "captureBeyondViewport", true, "clip", Map.of("x", 0, "y", 0, "width", width, "height", height, "scale", 1)));
            Files.write(dir.resolve(name + ".png"), Base64.getDecoder().decode((String) shot.get("data")));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static Path screenshotDir() {
        String configured = System.getProperty("loa.screenshots.dir");
        if (configured != null && !configured.isBlank()) {
            return Path.of(configured);
        }
        Path dir = Path.of(System.getProperty("user.dir")).toAbsolutePath();
        for (Path p = dir; p != null; p = p.getParent()) {
            if (Files.exists(p.resolve("mvnw")) && Files.isDirectory(p.resolve("docs"))) {
                return p.resolve("docs").resolve("screenshots");
            }
        }
        return dir.resolve("target").resolve("screenshots");
    }

    @Override
    public void close() {
        chrome.quit();
        try (Stream<Path> walk = Files.walk(profile)) {
            walk.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException ignored) {
            // a temporary profile left behind is harmless
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
