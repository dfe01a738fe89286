package dev.mlops.maturity.reconciler;

import dev.mlops.maturity.probe.Answer;
import dev.mlops.maturity.probe.ExternalSources;
import dev.mlops.maturity.probe.mlflow.MlflowApi;
import dev.mlops.maturity.probe.prometheus.PrometheusApi;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * Remembers each HTTP answer (per endpoint and query) for {@code maxAge}, so a burst of
 * watch-triggered reconciles does not re-query Prometheus or MLflow; the periodic re-evaluation at
 * each target's evaluationInterval (never shorter than maxAge) still sees fresh answers.
 */
public final class CachedExternalSources implements ExternalSources {
  private final ExternalSources delegate;
  private final Duration maxAge;
  private final Clock clock;
  private final Map<String, Entry> answers = new ConcurrentHashMap<>();
  private volatile boolean refreshingInBackground;

  /** {@code lastRead} decides whether the background refresher keeps an answer fresh or drops it. */
  private record Entry(Answer<?> answer, Instant at, Instant lastRead, Supplier<? extends Answer<?>> fetch) {
    Entry read(Instant now) {
      return new Entry(answer, at, now, fetch);
    }
  }

  public CachedExternalSources(ExternalSources delegate, Duration maxAge, Clock clock) {
    this.delegate = delegate;
    this.maxAge = maxAge;
    this.clock = clock;
  }

  @Override
  public Answer<PrometheusApi> prometheus(String endpointName) {
    return delegate.prometheus(endpointName).map(api -> new CachedPrometheus("prometheus/" + endpointName + "/", api));
  }

  @Override
  public Answer<MlflowApi> mlflow(String endpointName) {
    return delegate.mlflow(endpointName).map(api -> new CachedMlflow("mlflow/" + endpointName + "/", api));
  }

  /**
   * Refreshes every answer read in the last {@link #IDLE_AFTER_PERIODS} periods once per
   * {@code maxAge} on {@code executor} (its pool size bounds the concurrent HTTP requests), so a
   * reconcile only waits for the very first answer of a query; later ones are served at once.
   * {@code onChange} runs when a refreshed answer differs from the previous one (e.g. Prometheus went down).
   */
  public void refreshInBackground(ScheduledExecutorService executor, Runnable onChange) {
    refreshingInBackground = true;
    long period = Math.max(1, maxAge.toMillis());
    executor.scheduleWithFixedDelay(() -> refreshAll(onChange), period, period, TimeUnit.MILLISECONDS);
  }

  static final int IDLE_AFTER_PERIODS = 20;

  void refreshAll(Runnable onChange) {
    Instant now = clock.instant();
    boolean changed = false;
    for (Map.Entry<String, Entry> e : answers.entrySet()) {
      Entry old = e.getValue();
      if (old.lastRead().plus(maxAge.multipliedBy(IDLE_AFTER_PERIODS)).isBefore(now)) {
        answers.remove(e.getKey(), old);
        continue;
      }
      Answer<?> fresh = fetch(old.fetch());
      answers.computeIfPresent(e.getKey(), (k, current) -> new Entry(fresh, clock.instant(), current.lastRead(), current.fetch()));
      changed |= !fresh.equals(old.answer());
    }
    if (changed) {
      onChange.run();
    }
  }

  private static Answer<?> fetch(Supplier<? extends Answer<?>> fetch) {
    try {
      Answer<?> a = fetch.get();
      return a == null ? Answer.failed("no answer") : a;
    } catch (RuntimeException e) {
      return Answer.failed("request failed (" + e.getClass().getSimpleName() + ")");
    }
  }

  @SuppressWarnings("unchecked")
  private <T> Answer<T> cached(String key, Supplier<Answer<T>> fetch) {
    Instant now = clock.instant();
    Entry e = answers.get(key);
    if (e != null && (refreshingInBackground || !e.at().plus(maxAge).isBefore(now))) {
      answers.put(key, e.read(now));
      return (Answer<T>) e.answer();
    }
    Answer<T> fresh = (Answer<T>) fetch(fetch);
    answers.put(key, new Entry(fresh, now, now, fetch));
    if (answers.size() > 10_000) {
      answers.values().removeIf(old -> old.lastRead().plus(maxAge).isBefore(now));
    }
    return fresh;
  }

  private final class CachedPrometheus implements PrometheusApi {
    private final String prefix;
    private final PrometheusApi api;

    CachedPrometheus(String prefix, PrometheusApi api) {
      this.prefix = prefix;
      this.api = api;
    }

    @Override
    public Answer<List<Sample>> query(String promql) {
      return cached(prefix + "query/" + promql, () -> api.query(promql));
    }

    @Override
    public Answer<List<ScrapeTarget>> activeTargets() {
      return cached(prefix + "targets", api::activeTargets);
    }

    @Override
    public Answer<List<AlertRule>> alertRules() {
      return cached(prefix + "rules", api::alertRules);
    }
  }

  private final class CachedMlflow implements MlflowApi {
    private final String prefix;
    private final MlflowApi api;

    CachedMlflow(String prefix, MlflowApi api) {
      this.prefix = prefix;
      this.api = api;
    }

    @Override
    public Answer<RegisteredModel> registeredModel(String name) {
      return cached(prefix + "model/" + name, () -> api.registeredModel(name));
    }

    @Override
    public Answer<List<ModelVersion>> modelVersions(String name) {
      return cached(prefix + "versions/" + name, () -> api.modelVersions(name));
    }

    @Override
    public Answer<ModelVersion> alias(String name, String alias) {
      return cached(prefix + "alias/" + name + "@" + alias, () -> api.alias(name, alias));
    }

    @Override
    public Answer<Run> run(String runId) {
      return cached(prefix + "run/" + runId, () -> api.run(runId));
    }
  }
}
