package dev.mlops.maturity.reconciler;

import dev.mlops.maturity.external.AnswerCache;
import dev.mlops.maturity.external.CachedExternalSources;
import dev.mlops.maturity.api.v1alpha1.MaturityTarget;
import dev.mlops.maturity.assessment.ClusterModels;
import dev.mlops.maturity.assessment.TargetAssessor;
import dev.mlops.maturity.metrics.MaturityMetrics;
import dev.mlops.maturity.model.BuiltInModels;
import dev.mlops.maturity.probe.ClusterView;
import dev.mlops.maturity.probe.EvidenceCollector;
import dev.mlops.maturity.probe.ExternalSources;
import dev.mlops.maturity.probe.InMemoryClusterView;
import dev.mlops.maturity.probe.Listing;
import dev.mlops.maturity.probe.ProbeSet;
import dev.mlops.maturity.probe.ProbeSettings;
import dev.mlops.maturity.status.StatusFactory;
import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The real reconciler, wired as OperatorApp wires it, over an in-memory cluster, a fake JOSDK Context,
 * a {@link StatusUpdateCounter} for the API server and a list for Events. {@link #reconcile()} does what
 * JOSDK does for one event: reconcile the cached target and, if that throws, call updateErrorStatus.
 */
final class ReconcilerHarness {
  final MutableClock clock = new MutableClock();
  final InMemoryClusterView objects = new InMemoryClusterView();
  /** Names of objects hidden from the probes (as if deleted), and a failure every list throws when set. */
  final Set<String> hidden = new HashSet<>();
  RuntimeException broken;
  final TestProbes probes = new TestProbes();
  final SimpleMeterRegistry registry = new SimpleMeterRegistry();
  final List<Event> events = new ArrayList<>();
  final StatusUpdateCounter server;
  final MaturityTargetReconciler reconciler;
  /** The exception of the last reconcile, null when it succeeded. */
  Exception lastFailure;

  ReconcilerHarness(MaturityTarget target) {
    this(target, null, ExternalSources.NONE);
  }

  /** With these probes (default: {@link TestProbes}) and external sources. */
  ReconcilerHarness(MaturityTarget target, ProbeSet probeSet, ExternalSources external) {
    objects.addYaml(MockCluster.TEST_MODEL);
    ClusterView cluster = (kind, namespace) -> {
      if (broken != null) {
        throw broken;
      }
      Listing l = objects.list(kind, namespace);
      return l.filter(o -> !hidden.contains(o.getMetadata().getName()));
    };
    probeSet = probeSet == null ? probes.probeSet() : probeSet;
    EvidenceCollector collector = new EvidenceCollector(probeSet, ProbeSettings.DEFAULTS, clock);
    CachedExternalSources answers = new CachedExternalSources(external, new AnswerCache(clock, Duration.ofSeconds(30)));
    PlatformEvidence platform = new PlatformEvidence(collector, answers.readingFor(PlatformEvidence.READER), ProbeSettings.DEFAULTS,
        Duration.ofSeconds(30), clock);
    TargetObserver evaluator = new TargetObserver(new ClusterModels(BuiltInModels.load(), cluster), new TargetAssessor(collector, clock),
        platform, cluster, answers);
    MaturityMetrics metrics = new MaturityMetrics(registry, probeSet);
    server = new StatusUpdateCounter(target);
    reconciler = new MaturityTargetReconciler(evaluator, new StatusFactory(clock), new StatusWriter(server),
        new TransitionPublisher(metrics, new TargetEvents(events::add, clock, "test"), clock), new TargetEventSource(), metrics);
  }

  /** The workload of {@link MockCluster#createTwoTeams()}'s first team: a Deployment and a CronWorkflow. */
  ReconcilerHarness withFraudWorkload() {
    objects.add(new DeploymentBuilder().withNewMetadata().withNamespace("team-a").withName("fraud-server").withLabels(MockCluster.FRAUD)
        .endMetadata().build());
    objects.add(MockCluster.cronWorkflow("team-a", "fraud-retrain", MockCluster.FRAUD, false));
    return this;
  }

  void reconcile() {
    MaturityTarget cached = server.current();
    lastFailure = null;
    try {
      reconciler.reconcile(cached, FakeContext.live());
    } catch (Exception e) {
      lastFailure = e;
      reconciler.updateErrorStatus(server.current(), FakeContext.live(), e);
    }
  }

  MaturityTarget stored() {
    return server.current();
  }

  List<String> eventReasons() {
    return events.stream().map(Event::getReason).toList();
  }

  double gauge(String name, String... tags) {
    var g = registry.find(name).tags(tags).gauge();
    return g == null ? Double.NaN : g.value();
  }


  /** A clock that moves only when told. */
  static final class MutableClock extends Clock {
    Instant now = Instant.parse("2026-11-22T10:00:00Z");

    void advance(Duration d) {
      now = now.plus(d);
    }

    @Override
    public ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
      return this;
    }

    @Override
    public Instant instant() {
      return now;
    }
  }
}
