package dev.mlops.maturity.reconciler;

import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Whether the OpenReports Report CRD ({@value #CRD}, version {@value #VERSION}) is served. Looked up once, then
 * again at most every {@code recheck} while it is absent: an absent CRD costs one log line and one request per
 * recheck period, never one per reconcile. {@code changed} runs whenever the answer flips (remembered Reports
 * no longer describe the cluster).
 */
final class OpenReportsApi {
  private static final Logger log = LoggerFactory.getLogger(OpenReportsApi.class);
  static final String CRD = "reports.openreports.io";
  static final String VERSION = "v1alpha1";
  static final Duration RECHECK = Duration.ofMinutes(5);

  private final KubernetesClient client;
  private final Clock clock;
  private final Duration recheck;
  private final Runnable changed;
  private Boolean served;
  private Instant checkedAt = Instant.MIN;

  OpenReportsApi(KubernetesClient client, Clock clock, Duration recheck, Runnable changed) {
    this.client = client;
    this.clock = clock;
    this.recheck = recheck;
    this.changed = changed;
  }

  /** True when Reports can be written; while absent, asks the API server again only once the recheck period passed. */
  synchronized boolean available() {
    if (Boolean.TRUE.equals(served)) {
      return true;
    }
    Instant now = clock.instant();
    if (served != null && now.isBefore(checkedAt.plus(recheck))) {
      return false;
    }
    checkedAt = now;
    String absent = lookUp();
    if (absent == null) {
      log.info("OpenReports: {} {} is served; writing one Report per MaturityTarget", CRD, VERSION);
      flip(true);
      return true;
    }
    if (served == null) {
      log.warn("OpenReports: reports.enabled is true but {}; no Report is written (install the OpenReports CRDs, "
          + "github.com/openreports/reports-api); looking again every {}", absent, every(recheck));
    }
    flip(false);
    return false;
  }

  /** A write found the API gone or forbidden: stop writing until the next recheck, with one log line. */
  synchronized void lost(String reason) {
    if (!Boolean.FALSE.equals(served)) {
      log.warn("OpenReports: {}; no Report is written until it is back (looking again every {})", reason,
          every(recheck));
    }
    checkedAt = clock.instant();
    flip(false);
  }

  private void flip(boolean now) {
    boolean flipped = served != null && served != now;
    served = now;
    if (flipped) {
      changed.run();
    }
  }

  private static String every(Duration d) {
    return d.toSecondsPart() == 0 && d.toMillisPart() == 0 && d.toMinutes() > 0 ? d.toMinutes() + "m" : d.toMillis() + "ms";
  }

  /** Null when the CRD serves {@value #VERSION}, else why not. */
  private String lookUp() {
    try {
      CustomResourceDefinition crd = client.apiextensions().v1().customResourceDefinitions().withName(CRD).get();
      if (crd == null) {
        return "the CRD " + CRD + " is not installed";
      }
      boolean servedVersion = crd.getSpec() != null && crd.getSpec().getVersions() != null && crd.getSpec().getVersions().stream()
          .anyMatch(v -> VERSION.equals(v.getName()) && Boolean.TRUE.equals(v.getServed()));
      return servedVersion ? null : "the CRD " + CRD + " does not serve " + VERSION;
    } catch (KubernetesClientException e) {
      return "the CRD " + CRD + " cannot be read (HTTP " + e.getCode() + ")";
    }
  }
}
