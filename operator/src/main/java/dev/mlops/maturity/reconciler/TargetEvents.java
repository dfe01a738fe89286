package dev.mlops.maturity.reconciler;

import dev.mlops.maturity.api.v1alpha1.MaturityTarget;
import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.EventBuilder;
import io.fabric8.kubernetes.api.model.ObjectReferenceBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Records core/v1 Events on a MaturityTarget (what `kubectl describe mt` shows). Best effort: a failure is logged. */
public final class TargetEvents {
  public static final String LEVEL_RAISED = "LevelRaised";
  public static final String LEVEL_REGRESSED = "LevelRegressed";
  public static final String TARGET_MET = "TargetMet";
  public static final String PROBE_FAILING = "ProbeFailing";
  public static final String INTEGRATION_REMOVED = "IntegrationRemoved";
  static final String COMPONENT = "mlops-maturity-operator";
  private static final Logger log = LoggerFactory.getLogger(TargetEvents.class);

  private final Consumer<Event> sink;
  private final Clock clock;
  private final String instance;

  public TargetEvents(KubernetesClient client, Clock clock, String instance) {
    this(event -> client.v1().events().inNamespace(event.getMetadata().getNamespace()).resource(event).create(), clock, instance);
  }

  /** With {@code sink} receiving each Event instead of the API server (synchronous reconciler tests). */
  TargetEvents(Consumer<Event> sink, Clock clock, String instance) {
    this.sink = sink;
    this.clock = clock;
    this.instance = instance;
  }

  public void normal(MaturityTarget target, String reason, String message) {
    record(target, "Normal", reason, message);
  }

  public void warning(MaturityTarget target, String reason, String message) {
    record(target, "Warning", reason, message);
  }

  private void record(MaturityTarget target, String type, String reason, String message) {
    String ns = target.getMetadata().getNamespace();
    String now = Instant.now(clock).truncatedTo(ChronoUnit.SECONDS).toString();
    String name = target.getMetadata().getName() + "." + Long.toHexString(System.currentTimeMillis())
        + Integer.toHexString(ThreadLocalRandom.current().nextInt(0x1000, 0xffff));
    Event event = new EventBuilder()
        .withNewMetadata().withName(name).withNamespace(ns).endMetadata()
        .withInvolvedObject(new ObjectReferenceBuilder()
            .withApiVersion(target.getApiVersion()).withKind(target.getKind())
            .withNamespace(ns).withName(target.getMetadata().getName()).withUid(target.getMetadata().getUid())
            .build())
        .withType(type).withReason(reason).withMessage(message)
        .withFirstTimestamp(now).withLastTimestamp(now).withCount(1)
        .withNewSource().withComponent(COMPONENT).endSource()
        .withReportingComponent(COMPONENT).withReportingInstance(instance)
        .build();
    try {
      sink.accept(event);
    } catch (KubernetesClientException e) {
      log.warn("cannot record {} event on {}/{}: HTTP {}", reason, ns, target.getMetadata().getName(), e.getCode());
    }
  }
}
