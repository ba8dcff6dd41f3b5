package vn.loa.testsupport;

import org.springframework.boot.autoconfigure.SpringBootApplication;

/** A minimal application for testing the Spring side of test-support. */
@SpringBootApplication
class TestApplication {
}
