package vn.loa.gateway;

import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;

import com.github.tomakehurst.wiremock.WireMockServer;

/**
 * A stand-in for one Loa service: a WireMock server that answers every request with
 * {@code {"service": "<name>"}}, so a test sees which service a route reached. It can be stopped
 * and started again on the same port to play an outage.
 */
final class Backend {

    final String name;
    private final int port;
    private WireMockServer server;

    Backend(String name) {
        this.name = name;
        // Asynchronous responses: a delayed answer does not hold one of Jetty's threads (concurrency tests).
        this.server = new WireMockServer(options().dynamicPort().containerThreads(20)
                .asynchronousResponseEnabled(true).asynchronousResponseThreads(8));
        this.server.start();
        this.port = server.port();
        stubDefault();
    }

    String uri() {
        return "http://localhost:" + port;
    }

    WireMockServer server() {
        return server;
    }

    void reset() {
        if (!server.isRunning()) {
            start();
        }
        server.resetAll();
        stubDefault();
    }

    void stop() {
        server.stop();
    }

    void start() {
        server = new WireMockServer(options().port(port).containerThreads(20)
                .asynchronousResponseEnabled(true).asynchronousResponseThreads(8));
        server.start();
        stubDefault();
    }

    private void stubDefault() {
        server.stubFor(any(anyUrl()).atPriority(10)
                .willReturn(okJson("{\"service\":\"" + name + "\"}")));
    }
}
