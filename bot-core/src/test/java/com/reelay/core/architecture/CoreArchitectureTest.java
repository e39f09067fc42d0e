package com.reelay.core.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The rules that keep bot-core what it is: platform-neutral, with the client's internals private. */
class CoreArchitectureTest {

    private static JavaClasses core;

    @BeforeAll
    static void importCore() {
        core = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("com.reelay.core");
    }

    @Test
    void coreNeverTouchesAChatPlatformSdk() {
        noClasses().that().resideInAPackage("com.reelay.core..")
                .should().dependOnClassesThat().resideInAnyPackage("org.telegram..", "net.dv8tion..")
                .because("adapters translate platforms; the core knows none of them")
                .check(core);
    }

    @Test
    void onlyTheClientUsesItsInternals() {
        noClasses().that().resideOutsideOfPackages("com.reelay.core.nemo..")
                .should().dependOnClassesThat().resideInAPackage("com.reelay.core.nemo.internal..")
                .check(core);
    }

    @Test
    void theChatPortDependsOnNothingElseOfOurs() {
        noClasses().that().resideInAPackage("com.reelay.core.chat..")
                .should().dependOnClassesThat().resideInAnyPackage("com.reelay.core.conversation..",
                        "com.reelay.core.store..", "com.reelay.core.nemo..")
                .check(core);
    }

    @Test
    void onlyTheStoreSpeaksSql() {
        noClasses().that().resideOutsideOfPackage("com.reelay.core.store..")
                .should().dependOnClassesThat().resideInAnyPackage("java.sql..", "javax.sql..", "org.sqlite..", "org.flywaydb..")
                .because("the engine works against the store's interface, so a database can replace another")
                .check(core);
    }
}
