package org.termsguard.bench;

import com.cedarpolicy.BasicAuthorizationEngine;
import com.cedarpolicy.model.AuthorizationRequest;
import com.cedarpolicy.model.entity.Entity;
import com.cedarpolicy.model.policy.PolicySet;
import com.cedarpolicy.value.EntityUID;
import com.cedarpolicy.value.PrimLong;
import com.cedarpolicy.value.PrimString;
import com.cedarpolicy.value.Value;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.eclipse.edc.policy.engine.PolicyEngineImpl;
import org.eclipse.edc.policy.engine.RuleBindingRegistryImpl;
import org.eclipse.edc.policy.engine.ScopeFilter;
import org.eclipse.edc.policy.engine.spi.PolicyContextImpl;
import org.eclipse.edc.policy.engine.spi.PolicyEngine;
import org.eclipse.edc.policy.engine.validation.RuleValidator;
import org.eclipse.edc.policy.model.Action;
import org.eclipse.edc.policy.model.AndConstraint;
import org.eclipse.edc.policy.model.AtomicConstraint;
import org.eclipse.edc.policy.model.LiteralExpression;
import org.eclipse.edc.policy.model.Operator;
import org.eclipse.edc.policy.model.OrConstraint;
import org.eclipse.edc.policy.model.Permission;
import org.eclipse.edc.policy.model.Policy;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.termsguard.contracts.crawlers.CrawlerRegistry;
import org.termsguard.contracts.events.AccessEvent;
import org.termsguard.contracts.events.Channel;
import org.termsguard.contracts.events.Identity;
import org.termsguard.contracts.events.Purpose;
import org.termsguard.policy.evaluation.Evaluator;
import org.termsguard.policy.evaluation.Meter;
import org.termsguard.policy.evaluation.UsageKey;
import org.termsguard.policy.evaluation.Verdict;
import org.termsguard.policy.terms.LicenseStatus;
import org.termsguard.policy.terms.QuotaPeriod;
import org.termsguard.policy.terms.TermsDocument;
import org.termsguard.policy.terms.TermsSnapshot;

/**
 * One decision: may this consumer use this resource for this purpose at this time, under an owner with N
 * licenses (one per licensee: purposes, resource kinds, a URI prefix, validity)? Termsguard's engine also resolves
 * consumer and purpose, meters the use against the license's quota and explains every rule; Cedar answers allow
 * or deny for the same policy, written as one {@code permit} per license plus the default terms.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class EngineBenchmark {

    @Param({"10", "100", "1000"})
    public int licenses;

    private static final Instant VALID_FROM = Instant.parse("2023-04-01T00:00:00Z");
    private static final Instant VALID_UNTIL = Instant.parse("2024-03-31T23:59:59Z");
    private static final int REQUESTS = 1024;

    private Evaluator evaluator;
    private TermsSnapshot terms;
    private AccessEvent[] events;
    private Meter meter;

    private BasicAuthorizationEngine cedar;
    private PolicySet policies;
    private AuthorizationRequest[] requests;
    private final Set<Entity> entities = Set.of();

    private PolicyEngine edc;
    private Policy edcPolicy;
    private EdcRequest[] edcRequests;

    private int next;

    /** What EDC's constraint functions read: the request being decided. */
    static final class EdcRequest extends PolicyContextImpl {
        final String consumer;
        final String purpose;
        final String kind;
        final String uri;
        final Instant at;

        EdcRequest(String consumer, String purpose, String kind, String uri, Instant at) {
            this.consumer = consumer;
            this.purpose = purpose;
            this.kind = kind;
            this.uri = uri;
            this.at = at;
        }

        @Override
        public String scope() {
            return EDC_SCOPE;
        }
    }

    private static final String EDC_SCOPE = "termsguard.bench";

    @Setup(Level.Trial)
    public void setUp() throws Exception {
        List<TermsDocument.License> grants = new ArrayList<>();
        StringBuilder cedarPolicies = new StringBuilder("permit(principal, action == Action::\"use\", resource)"
                + " when { [\"display\", \"search\"].contains(context.purpose) };\n");
        for (int i = 0; i < licenses; i++) {
            grants.add(new TermsDocument.License(
                    "license-" + i,
                    "c" + i,
                    "enterprise",
                    List.of(Purpose.DISPLAY, Purpose.ANALYTICS),
                    new TermsDocument.Scope(List.of("posts", "tweets"), List.of("https://api.x.example/2/")),
                    new TermsDocument.Quota(Long.MAX_VALUE / 4, QuotaPeriod.MONTH),
                    null,
                    new TermsDocument.Money(new BigDecimal("0.84"), "USD"),
                    VALID_FROM,
                    VALID_UNTIL,
                    LicenseStatus.ACTIVE));
            cedarPolicies
                    .append("permit(principal == Consumer::\"c")
                    .append(i)
                    .append(
                            "\", action == Action::\"use\", resource) when { [\"display\", \"analytics\"].contains(context.purpose)"
                                    + " && [\"posts\", \"tweets\"].contains(context.kind) && context.uri like \"https://api.x.example/2/*\""
                                    + " && context.time >= ")
                    .append(VALID_FROM.getEpochSecond())
                    .append(" && context.time <= ")
                    .append(VALID_UNTIL.getEpochSecond())
                    .append(" };\n");
        }
        var defaults = new TermsDocument.DefaultTerms(
                List.of(Purpose.DISPLAY, Purpose.SEARCH),
                List.of(Purpose.AI_ALL, Purpose.ANALYTICS),
                new TermsDocument.ListPrice(new BigDecimal("0.84"), "USD"));
        terms = new TermsSnapshot(
                1, VALID_FROM, new TermsDocument("x-corp", "X", null, defaults, null, grants, List.of()));
        evaluator = new Evaluator(CrawlerRegistry.bundled(), Clock.systemUTC());
        Map<UsageKey, Long> counters = new HashMap<>();
        meter = (key, records) -> {
            Long before = counters.put(key, counters.getOrDefault(key, 0L) + records);
            return before == null ? 0 : before;
        };

        edcPolicy = edcPolicy(licenses);
        edc = edcEngine();

        policies = PolicySet.parsePolicies(cedarPolicies.toString());
        policies.cache();
        cedar = new BasicAuthorizationEngine();

        Random random = new Random(42);
        events = new AccessEvent[REQUESTS];
        requests = new AuthorizationRequest[REQUESTS];
        edcRequests = new EdcRequest[REQUESTS];
        EntityUID action = EntityUID.parse("Action::\"use\"").orElseThrow();
        EntityUID resource = EntityUID.parse("Resource::\"tweets\"").orElseThrow();
        for (int i = 0; i < REQUESTS; i++) {
            String consumer = "c" + random.nextInt(licenses);
            Instant at = VALID_FROM.plusSeconds(random.nextInt(300 * 24 * 3600));
            String uri = "https://api.x.example/2/tweets/search/all";
            events[i] = new AccessEvent(
                    "e-" + i,
                    at,
                    "x-corp",
                    consumer,
                    Channel.API,
                    new AccessEvent.Resource("tweets", uri),
                    Purpose.ANALYTICS,
                    new AccessEvent.Volume(100L, null),
                    new AccessEvent.Evidence("client-" + consumer, null, "203.0.113.7", null, Identity.VERIFIED),
                    "gw",
                    at);
            Map<String, Value> context = new HashMap<>();
            context.put("purpose", new PrimString("analytics"));
            context.put("kind", new PrimString("tweets"));
            context.put("uri", new PrimString(uri));
            context.put("time", new PrimLong(at.getEpochSecond()));
            edcRequests[i] = new EdcRequest(consumer, "analytics", "tweets", uri, at);
            requests[i] = new AuthorizationRequest(
                    EntityUID.parse("Consumer::\"" + consumer + "\"").orElseThrow(), action, resource, context);
        }
        checkEquivalence();
    }

    /** The peers must decide the same policy: each allows a licensee's use and refuses AI training by it. */
    private void checkEquivalence() throws Exception {
        EdcRequest allowed = edcRequests[0];
        EdcRequest training = new EdcRequest(allowed.consumer, "ai-train", allowed.kind, allowed.uri, allowed.at);
        boolean termsguardAllows =
                evaluator.evaluate(events[0], terms, (k, r) -> 0).violations().isEmpty();
        boolean edcAllows = edc.evaluate(edcPolicy, allowed).succeeded();
        boolean edcRefusesTraining = edc.evaluate(edcPolicy, training).failed();
        boolean cedarAllows = cedar.isAuthorized(requests[0], policies, entities)
                .success
                .orElseThrow()
                .isAllowed();
        if (!termsguardAllows || !edcAllows || !edcRefusesTraining || !cedarAllows) {
            throw new IllegalStateException("The engines disagree: termsguard " + termsguardAllows + ", EDC "
                    + edcAllows + "/" + edcRefusesTraining + ", Cedar " + cedarAllows);
        }
    }

    @Benchmark
    public Verdict termsguard() {
        return evaluator.evaluate(events[next++ & (REQUESTS - 1)], terms, meter);
    }

    /**
     * The same policy in the Eclipse Dataspace Connector's ODRL engine: one {@code use} permission whose constraint
     * is an {@code or} of the default terms and one {@code and} per license (consumer, purpose, kind, URI prefix,
     * validity), each left operand decided by a registered function, as EDC deployments do.
     */
    private static Policy edcPolicy(int licenses) {
        var anyOf = OrConstraint.Builder.newInstance()
                .constraint(atomic("purpose", Operator.IS_ANY_OF, List.of("display", "search")));
        for (int i = 0; i < licenses; i++) {
            anyOf.constraint(AndConstraint.Builder.newInstance()
                    .constraint(atomic("consumer", Operator.EQ, "c" + i))
                    .constraint(atomic("purpose", Operator.IS_ANY_OF, List.of("display", "analytics")))
                    .constraint(atomic("kind", Operator.IS_ANY_OF, List.of("posts", "tweets")))
                    .constraint(atomic("uriPrefix", Operator.EQ, "https://api.x.example/2/"))
                    .constraint(atomic("dateTime", Operator.GEQ, VALID_FROM.toString()))
                    .constraint(atomic("dateTime", Operator.LEQ, VALID_UNTIL.toString()))
                    .build());
        }
        Permission use = Permission.Builder.newInstance()
                .action(Action.Builder.newInstance().type("use").build())
                .constraint(anyOf.build())
                .build();
        return Policy.Builder.newInstance().permission(use).build();
    }

    private static AtomicConstraint atomic(String left, Operator operator, Object right) {
        return AtomicConstraint.Builder.newInstance()
                .leftExpression(new LiteralExpression(left))
                .operator(operator)
                .rightExpression(new LiteralExpression(right))
                .build();
    }

    private static PolicyEngine edcEngine() {
        RuleBindingRegistryImpl bindings = new RuleBindingRegistryImpl();
        for (String key : List.of("use", "purpose", "consumer", "kind", "uriPrefix", "dateTime")) {
            bindings.bind(key, EDC_SCOPE);
        }
        PolicyEngineImpl engine = new PolicyEngineImpl(new ScopeFilter(bindings), new RuleValidator(bindings));
        engine.registerScope(EDC_SCOPE, EdcRequest.class);
        engine.<Permission, EdcRequest>registerFunction(
                EdcRequest.class, Permission.class, "consumer", (op, right, rule, r) -> r.consumer.equals(right));
        engine.<Permission, EdcRequest>registerFunction(
                EdcRequest.class, Permission.class, "purpose", (op, right, rule, r) -> ((List<?>) right)
                        .contains(r.purpose));
        engine.<Permission, EdcRequest>registerFunction(
                EdcRequest.class, Permission.class, "kind", (op, right, rule, r) -> ((List<?>) right).contains(r.kind));
        engine.<Permission, EdcRequest>registerFunction(
                EdcRequest.class,
                Permission.class,
                "uriPrefix",
                (op, right, rule, r) -> r.uri.startsWith((String) right));
        engine.<Permission, EdcRequest>registerFunction(
                EdcRequest.class, Permission.class, "dateTime", (op, right, rule, r) -> {
                    int c = r.at.compareTo(Instant.parse((String) right));
                    return op == Operator.GEQ ? c >= 0 : c <= 0;
                });
        return engine;
    }

    @Benchmark
    public boolean edc() {
        return edc.evaluate(edcPolicy, edcRequests[next++ & (REQUESTS - 1)]).succeeded();
    }

    @Benchmark
    public boolean cedar() throws Exception {
        return cedar.isAuthorized(requests[next++ & (REQUESTS - 1)], policies, entities)
                .success
                .orElseThrow()
                .isAllowed();
    }
}
