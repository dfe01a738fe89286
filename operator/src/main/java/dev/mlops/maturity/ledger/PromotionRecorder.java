package dev.mlops.maturity.ledger;

import dev.mlops.maturity.api.v1alpha1.MaturityLedgerSpec;
import dev.mlops.maturity.api.v1alpha1.MaturityTarget;
import dev.mlops.maturity.api.v1alpha1.PromotionEntry;
import dev.mlops.maturity.metrics.MaturityMetrics;
import dev.mlops.maturity.probe.Answer;
import dev.mlops.maturity.probe.ClusterView;
import dev.mlops.maturity.probe.ExternalSources;
import dev.mlops.maturity.probe.ProbeContext;
import dev.mlops.maturity.probe.ProbeSettings;
import dev.mlops.maturity.probe.ProviderScan;
import dev.mlops.maturity.probe.WorkloadTarget;
import dev.mlops.maturity.probe.delivery.WorkloadDelivery;
import dev.mlops.maturity.probe.mlflow.ChampionLookup;
import java.time.Clock;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The record phase of a reconcile: compares the target's production alias with its MaturityLedger and appends an
 * entry when the alias moved. The comparison is first made with the informer cache (no API call while nothing
 * moved), then confirmed against the stored ledger inside the write, so a lagging cache or a restart cannot
 * record the same move twice. New and still-pending entries are handed to the sink, which delivers asynchronously.
 */
public class PromotionRecorder implements PromotionSink.Outcome {
  public static final PromotionRecorder NONE = new PromotionRecorder(null, null, null, null, null, 1, null) {
    @Override
    public void record(MaturityTarget target, ExternalSources external) {}
  };

  private final ClusterView cluster;
  private final LedgerWriter writer;
  private final MaturityMetrics metrics;
  private final ProbeSettings settings;
  private final Clock clock;
  private final int retention;
  private volatile PromotionSink sink;

  public PromotionRecorder(ClusterView cluster, LedgerWriter writer, MaturityMetrics metrics, ProbeSettings settings, Clock clock,
      int retention, PromotionSink sink) {
    this.cluster = cluster;
    this.writer = writer;
    this.metrics = metrics;
    this.settings = settings;
    this.clock = clock;
    this.retention = retention;
    this.sink = sink == null ? PromotionSink.NONE : sink;
  }

  /** The sink is built after the recorder, since the sink reports its outcomes to the recorder. */
  public PromotionRecorder sendingTo(PromotionSink value) {
    this.sink = value;
    return this;
  }

  public void record(MaturityTarget target, ExternalSources external) {
    WorkloadTarget workload = WorkloadTarget.of(target);
    if (workload.registeredModel() == null || workload.registeredModel().isBlank()) {
      return;
    }
    // a series only for targets that can have promotions, at 0 until the first
    metrics.promotionCounter(workload.namespace(), workload.name());
    ProbeContext ctx = new ProbeContext(workload, cluster, external, settings, clock);
    if (!(ChampionLookup.read(ctx) instanceof Answer.Ok<ChampionLookup.Champion> ok)) {
      return; // no alias, or MLflow unreadable: nothing observed, nothing recorded
    }
    ChampionLookup.Champion champion = ok.value();
    String ns = workload.namespace();
    String name = workload.name();
    MaturityLedgerSpec cached = ClusterLedgers.forTarget(cluster, ns, name).ledger().orElse(null);
    PromotionDetector.Change seen = PromotionDetector.compare(cached, champion.model(), champion.alias(), champion.version().version());
    if (seen.kind() == PromotionDetector.Kind.UNCHANGED) {
      resendPending(ns, name, cached);
      return;
    }
    AtomicReference<PromotionEntry> appended = new AtomicReference<>();
    writer.change(ns, name, target, stored -> {
      PromotionDetector.Change change = PromotionDetector.compare(stored, champion.model(), champion.alias(), champion.version().version());
      switch (change.kind()) {
        case UNCHANGED:
          return null;
        case FIRST_SIGHT:
          return LedgerUpdate.baseline(stored, champion.model(), champion.alias(), champion.version().version(), retention);
        default:
          PromotionEntry entry = PromotionEntries.of(change.fromVersion(), champion,
              DeploymentRecord.newest(WorkloadDelivery.resolve(ctx, new ProviderScan("audit-trail"))), clock.instant());
          entry.delivery = sink.configured() ? "Pending" : "NotConfigured";
          appended.set(entry);
          return LedgerUpdate.append(stored, entry, retention);
      }
    });
    PromotionEntry entry = appended.get();
    if (entry != null) {
      metrics.promoted(ns, name);
      sink.send(ns, name, champion.model(), entry);
    }
  }

  private void resendPending(String ns, String name, MaturityLedgerSpec ledger) {
    if (!sink.configured() || ledger.entries == null) {
      return;
    }
    ledger.entries.stream().filter(e -> "Pending".equals(e.delivery)).forEach(e -> sink.send(ns, name, ledger.model, e));
  }

  @Override
  public void delivered(String namespace, String target, long sequence, int attempts) {
    mark(namespace, target, sequence, "Delivered", attempts);
  }

  @Override
  public void failed(String namespace, String target, long sequence, int attempts) {
    mark(namespace, target, sequence, "Failed", attempts);
  }

  private void mark(String namespace, String target, long sequence, String state, int attempts) {
    writer.change(namespace, target, null, stored -> {
      if (stored == null || stored.entries == null) {
        return null;
      }
      PromotionEntry e = stored.entries.stream().filter(x -> Objects.equals(x.sequence, sequence)).findFirst().orElse(null);
      if (e == null || state.equals(e.delivery)) {
        return null; // dropped by the retention meanwhile, or already recorded
      }
      e.delivery = state;
      e.deliveryAttempts = attempts;
      return stored;
    });
  }
}
