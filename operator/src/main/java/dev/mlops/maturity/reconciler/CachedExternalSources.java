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
import java.util.concurrent.ExecutorService;
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
  private final java.util.Set<String> refreshing = ConcurrentHashMap.newKeySet();
  private volatile ExecutorService executor;
  private volatile Runnable onChange = () -> { };

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
   * Switches to refresh-in-background: a reconcile waits only for the very first answer of a query;
   * afterwards it gets the cached answer at once, and an answer older than {@code maxAge} is
   * re-fetched on {@code executor} (its pool size bounds the concurrent HTTP requests). When the
   * re-fetched answer differs (Prometheus went down, a model appeared), {@code onChange} runs so the
   * targets are evaluated again with it.
   */
  public void refreshInBackground(ExecutorService executor, Runnable onChange) {
    this.executor = executor;
    this.onChange = onChange;
  }

  private void refreshLater(String key, Entry stale) {
    if (!refreshing.add(key)) {
      return;
    }
    try {
      executor.execute(() -> {
        try {
          Answer<?> fresh = fetch(stale.fetch());
          answers.put(key, new Entry(fresh, clock.instant(), clock.instant(), stale.fetch()));
          if (!fresh.equals(stale.answer())) {
            onChange.run();
          }
        } finally {
          refreshing.remove(key);
        }
      });
    } catch (RuntimeException rejected) {
      refreshing.remove(key);
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
    if (e != null) {
      boolean stale = e.at().plus(maxAge).isBefore(now);
      if (!stale || executor != null) {
        answers.put(key, e.read(now));
        if (stale) {
          refreshLater(key, e);
        }
        return (Answer<T>) e.answer();
      }
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
