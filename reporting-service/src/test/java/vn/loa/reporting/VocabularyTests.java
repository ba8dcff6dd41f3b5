package vn.loa.reporting;

import vn.loa.testsupport.architecture.ServiceVocabularyTests;

/**
 * One vocabulary (issue 16.2), checked on the compiled classes with test-support's shared rules. Without the
 * access-policy rule: reporting's report, period and dashboard services still check roles themselves.
 */
class VocabularyTests extends ServiceVocabularyTests {

    VocabularyTests() {
        super(ReportingServiceApplication.class);
    }
}
