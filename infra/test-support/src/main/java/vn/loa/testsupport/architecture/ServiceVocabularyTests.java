package vn.loa.testsupport.architecture;

import com.tngtech.archunit.core.domain.JavaClasses;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * One vocabulary (issue 16.2) as tests a service inherits: its {@code VocabularyTests} extends this class with its
 * application class (and the enums called {@code Channel} that are something else), and adds
 * {@link VocabularyRules#onlyTheAccessPolicyChecksRoles} where its roles are checked in one access policy. One instance
 * per class, so that the classes are imported once.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
public abstract class ServiceVocabularyTests {

    protected final JavaClasses main;
    private final String[] otherChannelEnums;

    protected ServiceVocabularyTests(Class<?> applicationClass, String... otherChannelEnums) {
        this.main = VocabularyRules.mainClassesOf(applicationClass);
        this.otherChannelEnums = otherChannelEnums;
    }

    @Test
    void noLegacyApiExceptionFactoryIsCalled() {
        VocabularyRules.noLegacyApiExceptionFactoryIsCalled().check(main);
    }

    @Test
    void theCallerIsServiceSupportsCurrentUser() {
        VocabularyRules.theCallerIsServiceSupportsCurrentUser().check(main);
    }

    @Test
    void noChannelEnumOfOurOwn() {
        VocabularyRules.noChannelEnumOfOurOwn(otherChannelEnums).check(main);
    }
}
