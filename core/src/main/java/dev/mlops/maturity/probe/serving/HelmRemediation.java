package dev.mlops.maturity.probe.serving;

import dev.mlops.maturity.probe.Fields;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import java.util.Optional;

/**
 * The upgrade remediation of a Flux {@code HelmRelease} (helm.toolkit.fluxcd.io/v2,
 * {@code spec.upgrade.remediation{retries, strategy, remediateLastFailure}}, PROBES.md b.28, e).
 * helm-controller rolls back only a release whose upgrade failed (install/upgrade or its wait); it
 * does not watch runtime health or analysis, so this is rollback on failed release only.
 */
record HelmRemediation(GenericKubernetesResource release) {

  boolean suspended() {
    return Fields.isTrue(release, "spec", "suspend");
  }

  /** {@code rollback} (the default) or {@code uninstall}. */
  String strategy() {
    return Fields.string(release, "spec", "upgrade", "remediation", "strategy").orElse("rollback");
  }

  /** 0 by default; negative means unlimited. */
  long retries() {
    return Fields.number(release, "spec", "upgrade", "remediation", "retries").map(Double::longValue).orElse(0L);
  }

  /**
   * Whether the last failed upgrade is remediated: {@code remediateLastFailure} when set, else true only
   * when retries is greater than 0 (helm-controller's default). With unlimited retries every failure is
   * remediated before the next attempt.
   */
  boolean remediatesLastFailure() {
    Optional<String> explicit = Fields.string(release, "spec", "upgrade", "remediation", "remediateLastFailure");
    return retries() < 0 || explicit.map("true"::equalsIgnoreCase).orElse(retries() > 0);
  }

  /** A failed upgrade ends rolled back to the previous release. */
  boolean rollsBack() {
    return "rollback".equalsIgnoreCase(strategy()) && remediatesLastFailure();
  }

  /** Why a failed upgrade is not rolled back, for a Missing note. */
  String whyNot() {
    if (!"rollback".equalsIgnoreCase(strategy())) {
      return "remediation strategy is " + strategy() + ", not rollback";
    }
    return Fields.map(release, "spec", "upgrade", "remediation").isEmpty()
        ? "no upgrade.remediation (a failed upgrade stays failed)"
        : "upgrade.remediation retries " + retries() + " without remediateLastFailure (a failed upgrade stays failed)";
  }

  /** "retries 3" or "retries unlimited", for the Satisfied message. */
  String retriesText() {
    return retries() < 0 ? "retries unlimited" : "retries " + retries();
  }
}
