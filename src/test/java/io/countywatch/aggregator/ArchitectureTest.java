package io.countywatch.aggregator;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.methods;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.Architectures.layeredArchitecture;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.domain.JavaMethod;
import com.tngtech.archunit.core.domain.JavaMethodCall;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.SimpleConditionEvent;
import java.util.Set;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

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
                .layer("db")
                .definedBy(ROOT + ".db..")
                .layer("stream")
                .definedBy(ROOT + ".stream..")
                .layer("publish")
                .definedBy(ROOT + ".publish..")
                .layer("poll")
                .definedBy(ROOT + ".poll..")
                .layer("web")
                .definedBy(ROOT + ".web")
                .layer("api")
                .definedBy(ROOT + ".web.api..")
                .layer("cli")
                .definedBy(ROOT + ".cli..")
                .whereLayer("web")
                .mayNotBeAccessedByAnyLayer()
                // the JSON contract: what the API answers and what the CLI prints, the same records
                .whereLayer("api")
                .mayOnlyBeAccessedByLayers("web", "cli")
                // the database itself (server, schema, pool, what its errors mean): below the store, beside nothing
                // upstream of it — fetch, extract and dedupe never touch a database
                .whereLayer("db")
                .mayOnlyBeAccessedByLayers("store", "stream", "publish", "poll", "web", "cli")
                // only the application's main class (in the root package, outside the layers) starts a command
                .whereLayer("cli")
                .mayNotBeAccessedByAnyLayer()
                .whereLayer("poll")
                .mayOnlyBeAccessedByLayers("web", "api", "cli")
                .whereLayer("publish")
                .mayOnlyBeAccessedByLayers("web")
                .whereLayer("stream")
                .mayOnlyBeAccessedByLayers("web", "poll")
                .whereLayer("store")
                .mayOnlyBeAccessedByLayers("stream", "publish", "poll", "web", "api", "cli")
                // store applies the decisions of dedupe's pure planner (issue 13): it takes a batch's locks, loads
                // the neighbours, asks the planner and writes; the planner never calls back into the store
                .whereLayer("dedupe")
                .mayOnlyBeAccessedByLayers("store", "poll", "web")
                .whereLayer("extract")
                .mayOnlyBeAccessedByLayers("poll", "web")
                .whereLayer("fetch")
                .mayOnlyBeAccessedByLayers("poll", "web")
                .whereLayer("config")
                .mayOnlyBeAccessedByLayers("extract", "publish", "poll", "web", "api", "cli")
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
                .resideOutsideOfPackages(ROOT + ".store..", ROOT + ".db..")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage("io.r2dbc..", "org.springframework.r2dbc..")
                .check(CLASSES);
        // the schema is the database room's: Flyway runs at start-up, nowhere else
        noClasses()
                .that()
                .resideOutsideOfPackage(ROOT + ".db..")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage("org.flywaydb..")
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
    void storeRoomsStandApart() {
        // items and sources are two rooms: a poll writes both, but neither reads the other's tables through it
        noClasses()
                .that()
                .resideInAPackage(ROOT + ".store.items..")
                .should()
                .dependOnClassesThat()
                .resideInAPackage(ROOT + ".store.sources..")
                .check(CLASSES);
        noClasses()
                .that()
                .resideInAPackage(ROOT + ".store.sources..")
                .should()
                .dependOnClassesThat()
                .resideInAPackage(ROOT + ".store.items..")
                .check(CLASSES);
    }

    // What handlers may answer besides web.api records: the reactive and HTTP wrappers, Void (a handler that writes
    // the response itself, through ConditionalGet or the SSE writer), and Spring's own health descriptor (the
    // actuator's shape, documented by Spring, for /api/admin/health).
    private static final Set<String> HANDLER_WRAPPERS = Set.of(
            "reactor.core.publisher.Mono",
            "reactor.core.publisher.Flux",
            "org.springframework.http.ResponseEntity",
            "java.lang.Void",
            "org.springframework.boot.health.actuate.endpoint.HealthDescriptor");

    @Test
    void theHttpApiAnswersWithWebApiRecords() {
        methods()
                .that()
                .areAnnotatedWith(org.springframework.web.bind.annotation.GetMapping.class)
                .or()
                .areAnnotatedWith(org.springframework.web.bind.annotation.PostMapping.class)
                .or()
                .areAnnotatedWith(org.springframework.web.bind.annotation.PutMapping.class)
                .or()
                .areAnnotatedWith(org.springframework.web.bind.annotation.DeleteMapping.class)
                .or()
                .areAnnotatedWith(org.springframework.web.bind.annotation.RequestMapping.class)
                .should(new ArchCondition<JavaMethod>("answer with records of web.api (in Mono, ResponseEntity)") {
                    @Override
                    public void check(JavaMethod method, ConditionEvents events) {
                        for (JavaClass type : method.getReturnType().getAllInvolvedRawTypes()) {
                            if (!HANDLER_WRAPPERS.contains(type.getName())
                                    && !type.getPackageName().startsWith(ROOT + ".web.api")) {
                                events.add(SimpleConditionEvent.violated(
                                        method, method.getFullName() + " answers with " + type.getName()));
                            }
                        }
                    }
                })
                .check(CLASSES);
    }

    @Test
    void noCycles() {
        slices().matching(ROOT + ".(*)..").should().beFreeOfCycles().check(CLASSES);
    }

    // Classes allowed to block, each with the reason: a CLI's main thread, say, or start-up before any event loop
    // serves. None today: start-up and the preview command are reactive too.
    private static final Set<String> MAY_BLOCK = Set.of();

    private static final Set<String> BLOCKING_REACTOR_METHODS =
            Set.of("block", "blockOptional", "blockFirst", "blockLast", "toIterable", "toStream");

    private static final DescribedPredicate<JavaMethodCall> BLOCKING_CALL =
            new DescribedPredicate<>("a blocking Reactor call (block, blockOptional, blockFirst, blockLast, toIterable,"
                    + " toStream, any overload) or Thread.sleep") {
                @Override
                public boolean test(JavaMethodCall call) {
                    JavaClass owner = call.getTargetOwner();
                    boolean reactor = owner.isAssignableTo(Mono.class) || owner.isAssignableTo(Flux.class);
                    return (reactor && BLOCKING_REACTOR_METHODS.contains(call.getName()))
                            || (owner.isEquivalentTo(Thread.class)
                                    && call.getName().equals("sleep"));
                }
            };

    @Test
    void nothingBlocks() {
        noClasses()
                .that(DescribedPredicate.describe(
                        "are not allowed to block (MAY_BLOCK)",
                        (JavaClass c) -> !MAY_BLOCK.contains(
                                c.getEnclosingClass().orElse(c).getName())))
                .should()
                .callMethodWhere(BLOCKING_CALL)
                .check(CLASSES);
    }

    // The embedded launcher is 20 classes of process, file and account handling; the service sees five of them.
    @Test
    void theEmbeddedDatabaseIsUsedThroughItsFivePublicTypes() {
        classes()
                .that()
                .resideInAPackage(ROOT + ".db.embedded")
                .and()
                .areTopLevelClasses()
                .and()
                .doNotHaveSimpleName("LocalPostgres")
                .and()
                .doNotHaveSimpleName("LocalPostgresSettings")
                .and()
                .doNotHaveSimpleName("RunningPostgres")
                .and()
                .doNotHaveSimpleName("LocalPostgresException")
                .and()
                .doNotHaveSimpleName("RunningServer")
                .should()
                .notBePublic()
                .check(CLASSES);
    }

    private static final JavaClasses TESTS = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.ONLY_INCLUDE_TESTS)
            .importPackages(ROOT);

    // What opens a socket, starts a server or reaches the database, directly or through the test support.
    private static final Set<String> OPENS_SOCKETS_OR_DATABASES = Set.of(
            "java.net.Socket",
            "java.net.ServerSocket",
            "java.net.http.HttpClient",
            "java.sql.DriverManager",
            "org.springframework.boot.test.context.SpringBootTest",
            "org.springframework.test.web.reactive.server.WebTestClient",
            "org.springframework.web.reactive.function.client.WebClient",
            ROOT + ".db.embedded.LocalPostgres",
            ROOT + ".store.StoreDatabase",
            ROOT + ".support.TestDatabase",
            ROOT + ".support.FixtureWeb",
            ROOT + ".support.ServiceInstance",
            ROOT + ".support.ServiceApi",
            ROOT + ".support.LiveItems",
            ROOT + ".support.SseRecorder",
            ROOT + ".web.Chromium");

    @Test
    void testsThatOpenASocketOrADatabaseAreIntegrationTests() {
        classes()
                .that(DescribedPredicate.describe("have test methods", ArchitectureTest::hasTestMethods))
                // benchmarks run only in the bench profile (BENCHMARKS.md), under neither surefire nor failsafe
                .and()
                .haveSimpleNameNotEndingWith("Benchmark")
                // being replaced by a corpus test that drives the real extraction (issue 14); drop this line then
                .and()
                .doNotHaveFullyQualifiedName(ROOT + ".poll.HtmlCorpusTest")
                .and(DescribedPredicate.describe(
                        "open a socket, start a server or reach the database", ArchitectureTest::opensSockets))
                .should()
                .haveSimpleNameEndingWith("IT")
                .because("surefire runs *Test without sockets or a database; failsafe runs *IT (CONVENTIONS.md)")
                .check(TESTS);
    }

    private static boolean hasTestMethods(JavaClass c) {
        return c.getMethods().stream()
                .anyMatch(m -> m.isAnnotatedWith("org.junit.jupiter.api.Test")
                        || m.isAnnotatedWith("org.junit.jupiter.params.ParameterizedTest"));
    }

    private static boolean opensSockets(JavaClass c) {
        return c.isAnnotatedWith("org.springframework.boot.test.context.SpringBootTest")
                || c.getDirectDependenciesFromSelf().stream()
                        .anyMatch(d -> OPENS_SOCKETS_OR_DATABASES.contains(
                                d.getTargetClass().getName()));
    }
}
