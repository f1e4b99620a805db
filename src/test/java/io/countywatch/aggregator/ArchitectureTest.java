package io.countywatch.aggregator;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.codeUnits;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.methods;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.Architectures.layeredArchitecture;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.domain.JavaCodeUnit;
import com.tngtech.archunit.core.domain.JavaConstructor;
import com.tngtech.archunit.core.domain.JavaFieldAccess;
import com.tngtech.archunit.core.domain.JavaMethod;
import com.tngtech.archunit.core.domain.JavaMethodCall;
import com.tngtech.archunit.core.domain.JavaModifier;
import com.tngtech.archunit.core.domain.JavaStaticInitializer;
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
 * room, and forbids cycles, blocking calls, code that only tests call and public classes no other package uses.
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

    // What frameworks call without a call site in our bytecode, so a code unit with one of these has a caller:
    // Spring builds beans (their constructors, @Bean methods) and binds @ConfigurationProperties through their
    // constructors; Spring WebFlux calls handler methods (@GetMapping and the rest are meta-annotated with
    // @RequestMapping); Jackson reads what @JsonProperty, @JsonValue or @JsonCreator mark.
    private static final Set<String> CALLED_BY_FRAMEWORKS = Set.of(
            "org.springframework.stereotype.Component", // and what it marks: @Repository, @RestController, ...
            "org.springframework.context.annotation.Bean",
            // a primary source handed to SpringApplication (the application classes, @SpringBootApplication too)
            "org.springframework.boot.autoconfigure.EnableAutoConfiguration",
            "org.springframework.boot.context.properties.ConfigurationProperties",
            "org.springframework.web.bind.annotation.RequestMapping",
            "org.springframework.beans.factory.annotation.Autowired",
            "com.fasterxml.jackson.annotation.JsonProperty",
            "com.fasterxml.jackson.annotation.JsonValue",
            "com.fasterxml.jackson.annotation.JsonCreator");

    // Where Jackson writes every accessor of every record: the JSON the HTTP API answers and the CLI prints.
    private static final String JSON_RECORDS = ROOT + ".web.api";

    /**
     * A method or constructor that only tests call is dead: the product never runs it. This sees every non-private
     * method and constructor of main code, and calls, method references and constructor calls made from main code.
     * It cannot see reflection beyond the allow-lists below (a bean Spring creates from a name, a value bound by a
     * string key), code reached only through a dead caller (a dead method calling another keeps it alive until the
     * first is removed), an override of a supertype method (called through the supertype, so always alive here), or
     * unused private members, fields, record components outside web.api and parameters.
     */
    @Test
    void everyMethodAndConstructorHasACallerInMainCode() {
        codeUnits()
                .that(DescribedPredicate.describe(
                        "are declared in our code, not private and not generated by the compiler",
                        ArchitectureTest::mayBeCalledFromOutside))
                .should(new ArchCondition<JavaCodeUnit>("be called from main code (or by a framework: see the lists)") {
                    @Override
                    public void check(JavaCodeUnit unit, ConditionEvents events) {
                        if (!hasCallerInMain(unit) && !calledByAFramework(unit)) {
                            events.add(SimpleConditionEvent.violated(
                                    unit, unit.getFullName() + " has no caller in src/main"));
                        }
                    }
                })
                .check(CLASSES);
    }

    private static boolean mayBeCalledFromOutside(JavaCodeUnit unit) {
        Set<JavaModifier> modifiers = unit.getModifiers();
        return !(unit instanceof JavaStaticInitializer)
                && !modifiers.contains(JavaModifier.PRIVATE)
                && !modifiers.contains(JavaModifier.SYNTHETIC)
                && !modifiers.contains(JavaModifier.BRIDGE);
    }

    private static boolean hasCallerInMain(JavaCodeUnit unit) {
        // a call from the method itself (recursion) does not count; every class imported here is main code
        return unit.getAccessesToSelf().stream()
                .anyMatch(access -> !access.getOrigin().equals(unit));
    }

    private static boolean calledByAFramework(JavaCodeUnit unit) {
        JavaClass owner = unit.getOwner();
        boolean annotated = CALLED_BY_FRAMEWORKS.stream().anyMatch(unit::isMetaAnnotatedWith);
        // a record nested in @ConfigurationProperties is bound too (DatabaseProperties.Embedded)
        JavaClass bound = owner.getEnclosingClass().orElse(owner);
        boolean springConstructs = unit instanceof JavaConstructor
                && (CALLED_BY_FRAMEWORKS.stream().anyMatch(owner::isMetaAnnotatedWith)
                        || bound.isMetaAnnotatedWith(
                                "org.springframework.boot.context.properties.ConfigurationProperties"))
                && isTheConstructorSpringUses((JavaConstructor) unit);
        return annotated
                || springConstructs
                || (unit instanceof JavaConstructor && SPRING_FACTORIES.contains(owner.getName()))
                || isJavaContract(unit)
                || overridesASupertype(unit)
                || isJsonAccessor(unit)
                || isReadRecordComponent(unit)
                || KEPT_WITHOUT_A_MAIN_CALLER.contains(unit.getFullName());
    }

    // Kept though main code calls none of them, each for its reason. The rule above counts callers in src/main only,
    // so a method that only tests call belongs here with why, or out of the code.
    private static final Set<String> KEPT_WITHOUT_A_MAIN_CALLER = Set.of(
            // a file's stamp is compared whole with equals(), which reads the components without a call site
            ROOT + ".config.FileStamp.modified()",
            ROOT + ".config.FileStamp.size()",
            ROOT + ".config.FileStamp.sha256()",
            // the embedded launcher's public API (one of its five public types, see below), used by the test
            // support and the packaging tests to run and find servers; the launcher is to become a module of its own
            ROOT + ".db.embedded.LocalPostgresSettings.<init>(java.nio.file.Path)",
            ROOT + ".db.embedded.RunningPostgres.database()",
            ROOT + ".db.embedded.RunningPostgres.discard()",
            ROOT + ".db.embedded.RunningServer.dataDirOf(java.nio.file.Path)",
            // Record components main code never reads; each is a question for its room, listed here so that it stays
            // visible rather than hidden by a broad exemption:
            // - the row the store wrote and the revision it bumped: the store ITs find the item by them; the poller
            //   only counts outcomes by kind
            ROOT + ".store.items.StoreOutcome.seq()",
            ROOT + ".store.items.StoreOutcome$Updated.revision()",
            // - a fetch's URL and content type: the poller reads the body and status; tests and toString read these
            ROOT + ".fetch.FetchResult$Fetched.contentType()",
            ROOT + ".fetch.FetchResult$NotModified.url()",
            ROOT + ".fetch.FetchResult$Failed.url()",
            // - the page's own title: enrichment completes cut titles from titleCandidates; the golden detail-page
            //   fixtures still pin this one
            ROOT + ".extract.html.DetailPage.title()",
            // - the name of a date-table row: shown in toString when a date test fails
            ROOT + ".extract.date.DatePattern.name()");

    // classes Spring Boot constructs by name from META-INF/spring.factories (our failure analyzers)
    private static final Set<String> SPRING_FACTORIES = springFactories();

    private static Set<String> springFactories() {
        Set<String> names = new java.util.HashSet<>();
        try {
            var files = ArchitectureTest.class.getClassLoader().getResources("META-INF/spring.factories");
            while (files.hasMoreElements()) {
                var properties = new java.util.Properties();
                try (var in = files.nextElement().openStream()) {
                    properties.load(in);
                }
                properties
                        .values()
                        .forEach(value -> java.util.Arrays.stream(((String) value).split(","))
                                .map(String::strip)
                                .forEach(names::add));
            }
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        return names;
    }

    // A record's accessor comes with its component: the question is whether the component is read at all, by the
    // accessor or by the record's own code through the field (toString, a derived value, the compact constructor).
    private static boolean isReadRecordComponent(JavaCodeUnit unit) {
        JavaClass owner = unit.getOwner();
        if (!owner.isRecord() || !unit.getRawParameterTypes().isEmpty()) {
            return false;
        }
        return owner.tryGetField(unit.getName())
                .map(field -> field.getAccessesToSelf().stream()
                        .anyMatch(access -> access.getAccessType() == JavaFieldAccess.AccessType.GET
                                && !access.getOrigin().equals(unit)))
                .orElse(false);
    }

    // Spring uses the @Autowired constructor (accepted above), else the only one; it binds a record's canonical one
    private static boolean isTheConstructorSpringUses(JavaConstructor constructor) {
        JavaClass owner = constructor.getOwner();
        if (owner.isRecord()) {
            long components = owner.getFields().stream()
                    .filter(field -> !field.getModifiers().contains(JavaModifier.STATIC))
                    .count();
            return constructor.getRawParameterTypes().size() == components;
        }
        return owner.getConstructors().size() == 1;
    }

    // what Java itself calls: main(String[]), an enum's values()/valueOf(String), the Object methods
    private static boolean isJavaContract(JavaCodeUnit unit) {
        String name = unit.getName();
        int params = unit.getRawParameterTypes().size();
        return (name.equals("main") && unit.getModifiers().contains(JavaModifier.STATIC))
                || (unit.getOwner().isEnum() && (name.equals("values") || name.equals("valueOf")))
                || (name.equals("equals") && params == 1)
                || (name.equals("hashCode") && params == 0)
                || (name.equals("toString") && params == 0);
    }

    // called through the interface or superclass it implements (ours or a library's), e.g. WebFilter.filter
    private static boolean overridesASupertype(JavaCodeUnit unit) {
        if (!(unit instanceof JavaMethod) || unit.getModifiers().contains(JavaModifier.STATIC)) {
            return false;
        }
        String[] params =
                unit.getRawParameterTypes().stream().map(JavaClass::getName).toArray(String[]::new);
        JavaClass owner = unit.getOwner();
        return java.util.stream.Stream.concat(
                        owner.getAllRawSuperclasses().stream(), owner.getAllRawInterfaces().stream())
                .anyMatch(type -> type.tryGetMethod(unit.getName(), params).isPresent());
    }

    private static boolean isJsonAccessor(JavaCodeUnit unit) {
        JavaClass owner = unit.getOwner();
        return owner.isRecord()
                && owner.getPackageName().equals(JSON_RECORDS)
                && unit.getRawParameterTypes().isEmpty()
                && owner.tryGetField(unit.getName()).isPresent();
    }

    // Public though no main class outside their package uses them, each for its reason.
    private static final Set<String> PUBLIC_FOR_OTHERS = Set.of(
            // the jar's Start-Class: Spring Boot's launcher and `java -cp ... AggregatorApplication` call its main
            ROOT + ".AggregatorApplication",
            // the schema's one Flyway setup; the store's test databases (store.StoreDatabase, the migration ITs in
            // store.items) migrate with it, as the service does at start-up
            ROOT + ".db.Migrations");

    /**
     * A class is public only when another package of main code uses it (CONVENTIONS.md: package-private unless
     * another package needs it). Uses are any dependency from main code in another package on the class or one of
     * its nested classes: a call, a field, a type in a signature, an annotation. Tests in the same package see
     * package-private classes; what tests in other packages need is in PUBLIC_FOR_OTHERS with the reason.
     */
    @Test
    void classesArePublicOnlyWhenAnotherPackageUsesThem() {
        classes()
                .that()
                .areTopLevelClasses()
                .and()
                .arePublic()
                .and(DescribedPredicate.describe(
                        "are not in PUBLIC_FOR_OTHERS", (JavaClass c) -> !PUBLIC_FOR_OTHERS.contains(c.getName())))
                .should(new ArchCondition<JavaClass>("be used by main code in another package") {
                    @Override
                    public void check(JavaClass type, ConditionEvents events) {
                        if (!usedFromAnotherPackage(type)) {
                            events.add(SimpleConditionEvent.violated(
                                    type, type.getName() + " is public but only its own package uses it"));
                        }
                    }
                })
                .check(CLASSES);
    }

    private static boolean usedFromAnotherPackage(JavaClass type) {
        return java.util.stream.Stream.concat(java.util.stream.Stream.of(type), allNested(type))
                .flatMap(c -> c.getDirectDependenciesToSelf().stream())
                .anyMatch(d -> !d.getOriginClass().getPackageName().equals(type.getPackageName()));
    }

    private static java.util.stream.Stream<JavaClass> allNested(JavaClass type) {
        return CLASSES.stream().filter(c -> c.getName().startsWith(type.getName() + "$"));
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
