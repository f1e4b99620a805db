package io.countywatch.aggregator;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.Architectures.layeredArchitecture;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/**
 * Holds the one-way data flow fetch → extract → dedupe → store → publish/stream, keeps each library in its
 * room, and forbids cycles and blocking calls.
 */
class ArchitectureTest {

    private static final String ROOT = "io.countywatch.aggregator";
    private static final JavaClasses CLASSES = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages(ROOT);

    @Test
    void packagesDependOnlyDownstream() {
        layeredArchitecture()
                .consideringOnlyDependenciesInLayers()
                .withOptionalLayers(true)
                .layer("item")
                .definedBy(ROOT + ".item..")
                .layer("config")
                .definedBy(ROOT + ".config..")
                .layer("fetch")
                .definedBy(ROOT + ".fetch..")
                .layer("extract")
                .definedBy(ROOT + ".extract..")
                .layer("dedupe")
                .definedBy(ROOT + ".dedupe..")
                .layer("store")
                .definedBy(ROOT + ".store..")
                .layer("stream")
                .definedBy(ROOT + ".stream..")
                .layer("publish")
                .definedBy(ROOT + ".publish..")
                .layer("poll")
                .definedBy(ROOT + ".poll..")
                .layer("web")
                .definedBy(ROOT + ".web..")
                .whereLayer("web")
                .mayNotBeAccessedByAnyLayer()
                .whereLayer("poll")
                .mayOnlyBeAccessedByLayers("web")
                .whereLayer("publish")
                .mayOnlyBeAccessedByLayers("web")
                .whereLayer("stream")
                .mayOnlyBeAccessedByLayers("web", "poll")
                .whereLayer("store")
                .mayOnlyBeAccessedByLayers("stream", "publish", "poll", "web")
                // store applies the decisions of dedupe's pure planner (issue 13): it takes a batch's locks, loads
                // the neighbours, asks the planner and writes; the planner never calls back into the store
                .whereLayer("dedupe")
                .mayOnlyBeAccessedByLayers("store", "poll", "web")
                .whereLayer("extract")
                .mayOnlyBeAccessedByLayers("poll", "web")
                .whereLayer("fetch")
                .mayOnlyBeAccessedByLayers("poll", "web")
                .whereLayer("config")
                .mayOnlyBeAccessedByLayers("extract", "publish", "poll", "web")
                .check(CLASSES);
    }

    @Test
    void fetchKnowsNothingOfOurs() {
        noClasses()
                .that()
                .resideInAPackage(ROOT + ".fetch..")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage(
                        ROOT + ".config..", ROOT + ".extract..", ROOT + ".store..", ROOT + ".poll..", ROOT + ".item..")
                .check(CLASSES);
    }

    @Test
    void librariesStayInTheirRooms() {
        noClasses()
                .that()
                .resideOutsideOfPackage(ROOT + ".store..")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage("io.r2dbc..", "org.springframework.r2dbc..", "org.flywaydb..")
                .check(CLASSES);
        // jsoup parses pages in extract.html; config only uses its selector parser to validate the sources file
        noClasses()
                .that()
                .resideOutsideOfPackages(ROOT + ".extract.html..", ROOT + ".config..")
                .should()
                .dependOnClassesThat()
                .resideInAPackage("org.jsoup..")
                .check(CLASSES);
        noClasses()
                .that()
                .resideOutsideOfPackages(ROOT + ".extract.feed..", ROOT + ".publish..")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage("com.rometools..")
                .check(CLASSES);
        noClasses()
                .that()
                .resideOutsideOfPackage(ROOT + ".fetch..")
                .should()
                .dependOnClassesThat()
                .haveFullyQualifiedName("org.springframework.web.reactive.function.client.WebClient")
                .check(CLASSES);
    }

    @Test
    void noCycles() {
        slices().matching(ROOT + ".(*)..").should().beFreeOfCycles().check(CLASSES);
    }

    @Test
    void nothingBlocks() {
        noClasses()
                .should()
                .callMethod(reactor.core.publisher.Mono.class, "block")
                .orShould()
                .callMethod(reactor.core.publisher.Flux.class, "blockFirst")
                .orShould()
                .callMethod(reactor.core.publisher.Flux.class, "blockLast")
                .check(CLASSES);
    }
}
