package com.reelay.postgres;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The PostgreSQL module supplies state behind bot-core's interfaces; it knows no platform and no engine internals. */
class PostgresArchitectureTest {

    private static JavaClasses module;

    @BeforeAll
    static void importModule() {
        module = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("com.reelay.postgres");
    }

    @Test
    void usesOnlyTheCoresStoreAndChatPort() {
        noClasses().that().resideInAPackage("com.reelay.postgres..")
                .should().dependOnClassesThat().resideInAnyPackage("com.reelay.core.conversation..", "com.reelay.core.nemo.internal..",
                        "com.reelay.telegram..", "com.reelay.discord..", "com.reelay.app..", "org.telegram..", "net.dv8tion..")
                .because("the engine does not change between one process and a fleet: this module only supplies what it is given")
                .check(module);
    }
}
