package dev.mlops.maturity.bench;

import dev.mlops.maturity.api.v1alpha1.MaturityTarget;
import dev.mlops.maturity.assessment.ModelSource;
import dev.mlops.maturity.assessment.TargetAssessment;
import dev.mlops.maturity.assessment.TargetAssessor;
import dev.mlops.maturity.cluster.DirectClusterView;
import dev.mlops.maturity.evaluation.PreviousEvaluation;
import dev.mlops.maturity.evidence.Evidence;
import dev.mlops.maturity.probe.ExternalSources;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The naive baseline: every reconcile LISTs the kinds its probes read (and asks discovery) through a
 * fresh DirectClusterView, with the operator's reconcile thread count. Runs for the budget, then
 * extrapolates to all targets.
 */
final class NaiveBaseline {
  private NaiveBaseline() {}

  static Map<String, Object> run(ApiServer api, KubernetesClient client, TargetAssessor assessor, ModelSource catalog,
      List<MaturityTarget> targets, Map<String, Integer> intended, Duration budget, int threads) throws Exception {
    Map<String, Long> before = api.counts();
    AtomicInteger next = new AtomicInteger();
    AtomicInteger correct = new AtomicInteger();
    AtomicReference<String> mismatch = new AtomicReference<>();
    List<Long> perTarget = Collections.synchronizedList(new ArrayList<>());
    long start = System.nanoTime();
    long deadline = start + budget.toNanos();
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    List<Future<?>> workers = new ArrayList<>();
    for (int w = 0; w < threads; w++) {
      workers.add(pool.submit(() -> {
        int i;
        while (System.nanoTime() < deadline && (i = next.getAndIncrement()) < targets.size()) {
          MaturityTarget target = targets.get(i);
          long s = System.nanoTime();
          DirectClusterView view = new DirectClusterView(client);
          Map<String, Evidence> platform = assessor.platformEvidence(view, ExternalSources.NONE);
          TargetAssessment a = assessor.assess(target, catalog, view, ExternalSources.NONE, platform, PreviousEvaluation.NONE);
          perTarget.add(System.nanoTime() - s);
          Integer want = intended.get(BenchRunner.key(target.getMetadata().getNamespace(), target.getMetadata().getName()));
          if (a.assessment().isPresent() && Objects.equals(want, a.assessment().get().observedLevel())) {
            correct.incrementAndGet();
          } else if (mismatch.get() == null) {
            mismatch.set(target.getMetadata().getName() + " want " + want + ": " + (a.assessment().isEmpty() ? a.problems()
                : a.assessment().get().capabilities().stream().map(c -> c.id() + "=" + c.evidence().state() + " (" + c.evidence().message() + ")")
                    .toList()));
          }
        }
      }));
    }
    for (Future<?> f : workers) {
      f.get();
    }
    pool.shutdown();
    double elapsed = BenchRunner.secondsSince(start);
    int done = perTarget.size();
    Map<String, Long> requests = ApiServer.diff(api.counts(), before);
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("targetsAssessed", done);
    out.put("correctTargets", correct.get());
    out.put("measuredSeconds", elapsed);
    out.put("extrapolated", done < targets.size());
    out.put("extrapolatedSeconds", done == 0 ? Double.NaN : elapsed * targets.size() / done);
    out.put("perTargetMs", Stats.ofNanos(perTarget));
    out.put("firstMismatch", mismatch.get());
    out.put("requestsPerTarget", done == 0 ? 0 : requests.values().stream().mapToLong(Long::longValue).sum() / (double) done);
    out.put("requests", requests);
    return out;
  }
}
