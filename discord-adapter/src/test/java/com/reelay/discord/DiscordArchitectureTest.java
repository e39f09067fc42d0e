package com.reelay.discord;

import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAnyPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/** The adapter speaks to the core only through the chat port (and the guard's types). */
class DiscordArchitectureTest {

    @Test
    void theAdapterUsesOnlyTheChatPortOfTheCore() {
        JavaClasses adapter = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("com.reelay.discord");
        noClasses().that().resideInAPackage("com.reelay.discord..")
                .should().dependOnClassesThat(resideInAPackage("com.reelay.core..")
                        .and(DescribedPredicate.not(resideInAnyPackage("com.reelay.core.chat..", "com.reelay.core.guard.."))))
                .because("front ends know the engine only as the chat port; the NemoVideo client and the engine's insides are not theirs")
                .check(adapter);
    }
}
