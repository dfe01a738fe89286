package dev.mlops.maturity.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mlops.maturity.api.v1alpha1.DeclaredEvidence;
import dev.mlops.maturity.api.v1alpha1.Integrations;
import dev.mlops.maturity.api.v1alpha1.MaturityTarget;
import dev.mlops.maturity.api.v1alpha1.MaturityTargetStatus;
import dev.mlops.maturity.api.v1alpha1.NotApplicable;
import dev.mlops.maturity.api.v1alpha1.Waiver;
import dev.mlops.maturity.assessment.ClusterModels;
import dev.mlops.maturity.model.BuiltInModels;
import dev.mlops.maturity.assessment.TargetAssessment;
import dev.mlops.maturity.assessment.TargetAssessor;
import dev.mlops.maturity.config.Endpoint;
import dev.mlops.maturity.config.OperatorConfig;
import dev.mlops.maturity.demo.DemoCluster;
import dev.mlops.maturity.demo.DemoIntegrations;
import dev.mlops.maturity.evaluation.LevelOutcome;
import dev.mlops.maturity.evaluation.PreviousEvaluation;
import dev.mlops.maturity.evidence.CapabilityState;
import dev.mlops.maturity.evidence.Evidence;
import dev.mlops.maturity.external.HttpExternalSources;
import dev.mlops.maturity.model.CapabilityCatalogue;
import dev.mlops.maturity.model.Level;
import dev.mlops.maturity.model.MaturityModelDefinition;
import dev.mlops.maturity.model.Requirement;
import dev.mlops.maturity.probe.EvidenceCollector;
import dev.mlops.maturity.probe.ExternalSources;
import dev.mlops.maturity.probe.InMemoryClusterView;
import dev.mlops.maturity.probe.ProbeSet;
import dev.mlops.maturity.probe.ProbeSettings;
import dev.mlops.maturity.probe.WorkloadTarget;
import dev.mlops.maturity.status.StatusFactory;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.LabelSelectorRequirementBuilder;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Seeded random mutation of the demo cluster's targets and third-party objects (wrong types, missing
 * and huge fields, odd selectors, bad spec entries), run through the whole evaluation pipeline with
 * the real probes and HTTP clients (TargetAssessor + StatusFactory). Nothing may throw, and the level
 * may never exceed the bound the evidence allows: every requirement of every level up to it must be
 * held by a capability that was observed Satisfied, or waived, not applicable or declared in the spec.
 */
class MutationPropertiesTest {
  static final int CASES = 300;
  private static final Path ROOT = Path.of(System.getProperty("project.root", ".."));
  private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-22T10:00:00Z"), ZoneOffset.UTC);
  private static final List<String> MODELS = List.of("mlops-5-level", "google-3-level", "azure-5-level", "no-such-model");

  private static List<String> baseObjects;
  private static List<String> baseTargets;
  private static DemoIntegrations integrations;
  private static ExternalSources external;
  private static TargetAssessor assessor;

  @BeforeAll
  static void load() throws Exception {
    List<GenericKubernetesResource> all = DemoCluster.read(ROOT.resolve("examples/demo/cluster"));
    baseObjects = all.stream().filter(o -> !DemoCluster.isTarget(o)).map(Serialization::asJson).toList();
    baseTargets = all.stream().filter(DemoCluster::isTarget).map(Serialization::asJson).toList();
    integrations = new DemoIntegrations(ROOT.resolve("examples/demo/integrations"),
        kind -> all.stream().filter(o -> kind.equals(o.getKind())).toList());
    OperatorConfig config = new OperatorConfig(Map.of("default", new Endpoint(integrations.prometheusUrl(), null)),
        Map.of("default", new Endpoint(integrations.mlflowUrl(), null)), ProbeSettings.DEFAULTS, List.of());
    external = HttpExternalSources.create(config, ref -> Optional.empty(), CLOCK);
    assessor = new TargetAssessor(new EvidenceCollector(ProbeSet.standard(), ProbeSettings.DEFAULTS, CLOCK), CLOCK);
  }

  private static final java.util.concurrent.atomic.AtomicInteger evaluated = new java.util.concurrent.atomic.AtomicInteger();
  private static final java.util.concurrent.atomic.AtomicInteger aboveZero = new java.util.concurrent.atomic.AtomicInteger();

  @AfterAll
  static void stop() {
    integrations.close();
    // the property must not hold vacuously: most cases are evaluated, and many reach a level above 0
    org.slf4j.LoggerFactory.getLogger(MutationPropertiesTest.class)
        .info("{} cases: {} evaluated, {} above level 0", CASES, evaluated.get(), aboveZero.get());
    assertThat(evaluated.get()).isGreaterThan(CASES / 3);
    assertThat(aboveZero.get()).isGreaterThan(CASES / 10);
  }

  static Stream<Long> seeds() {
    return IntStream.range(0, CASES).mapToObj(i -> 0x5EED0000L + i);
  }

  @ParameterizedTest(name = "seed {0}")
  @MethodSource("seeds")
  void aMutatedClusterAndTargetNeverThrowAndNeverReportALevelAboveTheEvidence(long seed) {
    Random random = new Random(seed);
    InMemoryClusterView view = new InMemoryClusterView();
    List<GenericKubernetesResource> objects = new ArrayList<>();
    for (String json : baseObjects) {
      objects.add(Serialization.unmarshal(json, GenericKubernetesResource.class));
    }
    for (int i = 1 + random.nextInt(6); i > 0; i--) {
      mutate(objects.get(random.nextInt(objects.size())), random);
    }
    objects.forEach(view::add);
    MaturityTarget target = Serialization.unmarshal(baseTargets.get(random.nextInt(baseTargets.size())), MaturityTarget.class);
    for (int i = random.nextInt(4); i > 0; i--) {
      mutate(target, random);
    }

    Map<String, Evidence> platform = assessor.platformEvidence(view, external);
    TargetAssessment result = assessor.assess(target, new ClusterModels(BuiltInModels.load(), view), view, external, platform, PreviousEvaluation.NONE);
    StatusFactory statuses = new StatusFactory(CLOCK);
    MaturityTargetStatus status = result.assessment().isPresent()
        ? statuses.evaluated(target, result.assessment().get(), result.problems())
        : statuses.invalid(target, result.problems());

    assertThat(status).isNotNull();
    if (result.assessment().isEmpty()) {
      assertThat(status.observedLevel).as("no assessment, no level").isNull();
      assertThat(result.problems()).as("a reason why not").isNotEmpty();
      return;
    }
    LevelOutcome a = result.assessment().get();
    evaluated.incrementAndGet();
    if (a.observedLevel() > 0) {
      aboveZero.incrementAndGet();
    }
    Map<String, Evidence> observed = new EvidenceCollector(ProbeSet.standard(), ProbeSettings.DEFAULTS, CLOCK)
        .workload(WorkloadTarget.of(target), view, external, platform, a.model().capabilities());
    int bound = bound(a.model(), observed, target);
    assertThat(a.observedLevel()).as("seed %d: level %d above the evidence bound %d", seed, a.observedLevel(), bound)
        .isLessThanOrEqualTo(bound);
    assertThat(status.observedLevel).isEqualTo(a.observedLevel());
    assertThat(a.observedLevel()).isBetween(0, a.model().topLevel());
    String json = Serialization.asJson(status);
    assertThat(json).as("no response body or stack trace in status").doesNotContain("Exception").doesNotContain("<html");
  }

  /** The highest level whose requirements (and those below) could all be held by what was seen or declared. */
  private static int bound(MaturityModelDefinition model, Map<String, Evidence> observed, MaturityTarget target) {
    Set<String> excused = new HashSet<>();
    if (target.getSpec() != null) {
      Optional.ofNullable(target.getSpec().waivers).orElse(List.of()).forEach(w -> excused.add(w == null ? null : w.capability));
      Optional.ofNullable(target.getSpec().notApplicable).orElse(List.of()).forEach(n -> excused.add(n == null ? null : n.capability));
      Optional.ofNullable(target.getSpec().declared).orElse(List.of()).forEach(d -> excused.add(d == null ? null : d.capability));
    }
    int level = 0;
    for (Level l : model.levels()) {
      if (l.number() == 0) {
        continue;
      }
      boolean holds = true;
      for (Requirement r : l.requires()) {
        holds &= r.heldBy(c -> excused.contains(c)
            || (observed.get(c) != null && observed.get(c).state() == CapabilityState.Satisfied));
      }
      if (!holds) {
        break;
      }
      level = l.number();
    }
    return level;
  }

  // ---- mutations ------------------------------------------------------------------------------

  private static final List<Object> ODD_VALUES = List.of("", "x".repeat(5000), -1, 3.5e300, true, List.of(), Map.of(),
      List.of(Map.of("a", List.of())), "${jndi:ldap://127.0.0.1/x}", "0 0 31 2 *", "not-a-date", "1e999");

  @SuppressWarnings("unchecked")
  private static void mutate(GenericKubernetesResource o, Random random) {
    switch (random.nextInt(6)) {
      case 0 -> o.getMetadata().setLabels(random.nextBoolean() ? null : Map.of("app.kubernetes.io/part-of", "x" + random.nextInt(3)));
      case 1 -> o.getAdditionalProperties().remove(random.nextBoolean() ? "spec" : "status");
      case 2 -> o.getAdditionalProperties().put(random.nextBoolean() ? "spec" : "status", odd(random));
      default -> {
        Object spec = o.getAdditionalProperties().get(random.nextBoolean() ? "spec" : "status");
        if (spec instanceof Map<?, ?> m && !m.isEmpty()) {
          mutateTree((Map<String, Object>) m, random, 0);
        }
      }
    }
  }

  @SuppressWarnings("unchecked")
  private static void mutateTree(Map<String, Object> map, Random random, int depth) {
    List<String> keys = new ArrayList<>(map.keySet());
    if (keys.isEmpty()) {
      return;
    }
    String key = keys.get(random.nextInt(keys.size()));
    Object value = map.get(key);
    if (depth < 6 && random.nextInt(3) > 0) {
      if (value instanceof Map<?, ?> child && !child.isEmpty()) {
        mutateTree((Map<String, Object>) child, random, depth + 1);
        return;
      }
      if (value instanceof List<?> list && !list.isEmpty() && list.get(0) instanceof Map<?, ?>) {
        Object item = list.get(random.nextInt(list.size()));
        if (item instanceof Map<?, ?> m && !m.isEmpty()) {
          mutateTree((Map<String, Object>) m, random, depth + 1);
          return;
        }
      }
    }
    switch (random.nextInt(3)) {
      case 0 -> map.remove(key);
      case 1 -> map.put(key, null);
      default -> map.put(key, odd(random));
    }
  }

  private static Object odd(Random random) {
    return ODD_VALUES.get(random.nextInt(ODD_VALUES.size()));
  }

  private static String capability(Random random) {
    List<String> ids = CapabilityCatalogue.all().stream().map(c -> c.id()).toList();
    return random.nextInt(5) == 0 ? "no-such-capability" : ids.get(random.nextInt(ids.size()));
  }

  private static void mutate(MaturityTarget t, Random random) {
    var spec = t.getSpec();
    LocalDate today = LocalDate.now(CLOCK);
    switch (random.nextInt(9)) {
      case 0 -> spec.model = MODELS.get(random.nextInt(MODELS.size()));
      case 1 -> spec.targetLevel = random.nextInt(15) - 2;
      case 2 -> {
        Waiver w = new Waiver();
        w.capability = capability(random);
        w.reason = random.nextBoolean() ? "accepted" : null;
        w.expires = switch (random.nextInt(4)) {
          case 0 -> null;
          case 1 -> today.minusDays(1).toString();
          case 2 -> today.plusDays(10).toString();
          default -> "someday";
        };
        spec.waivers = new ArrayList<>(Optional.ofNullable(spec.waivers).orElse(List.of()));
        spec.waivers.add(w);
      }
      case 3 -> {
        NotApplicable n = new NotApplicable();
        n.capability = capability(random);
        n.reason = "n/a";
        spec.notApplicable = new ArrayList<>(Optional.ofNullable(spec.notApplicable).orElse(List.of()));
        spec.notApplicable.add(n);
      }
      case 4 -> {
        DeclaredEvidence d = new DeclaredEvidence();
        d.capability = capability(random);
        d.reference = "git repo";
        spec.declared = new ArrayList<>(Optional.ofNullable(spec.declared).orElse(List.of()));
        spec.declared.add(d);
      }
      case 5 -> {
        if (spec.workload != null && spec.workload.selector != null) {
          switch (random.nextInt(3)) {
            case 0 -> spec.workload.selector.setMatchLabels(null);
            case 1 -> spec.workload.selector.setMatchExpressions(List.of(new LabelSelectorRequirementBuilder()
                .withKey("app.kubernetes.io/part-of").withOperator(random.nextBoolean() ? "In" : "Bogus").withValues("x0", "fraud").build()));
            default -> spec.workload.selector = null;
          }
        }
      }
      case 6 -> {
        spec.integrations = new Integrations();
        spec.integrations.prometheus = random.nextBoolean() ? "http://127.0.0.1:1/evil" : "other";
        spec.integrations.mlflow = random.nextBoolean() ? "default" : "file:///etc/passwd";
      }
      case 7 -> spec.evaluationInterval = random.nextBoolean() ? "0s" : "forever";
      default -> {
        if (spec.workload != null) {
          spec.workload.registeredModel = random.nextBoolean() ? "../../etc" : "x".repeat(300);
        }
      }
    }
  }
}
