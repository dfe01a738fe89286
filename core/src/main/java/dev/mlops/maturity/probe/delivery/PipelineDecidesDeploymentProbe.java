package dev.mlops.maturity.probe.delivery;

import dev.mlops.maturity.evidence.Evidence;
import dev.mlops.maturity.probe.AbstractProbe;
import dev.mlops.maturity.probe.Fields;
import dev.mlops.maturity.probe.ProbeContext;
import dev.mlops.maturity.probe.ProviderScan;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * {@code pipeline-decides-deployment} (PROBES.md b.13): the last change to the serving objects was made by
 * automation, not by a human. Signals, strongest first:
 * <ol>
 *   <li>a human client ({@code kubectl*}) is the newest spec writer in {@code metadata.managedFields} and wrote
 *       after the last Argo CD deploy (or no GitOps tool delivers the object): Missing, naming the manager;</li>
 *   <li>Argo CD history: the newest {@code status.history[]} entry of a delivering Application has
 *       {@code initiatedBy.automated: true} (Satisfied) or a {@code username} (Missing, naming the user). Argo CD
 *       writes the objects itself even for a manual sync, so its history beats its managedFields entry;</li>
 *   <li>Flux ownership: a Kustomization or HelmRelease that is not suspended reconciles the object (Satisfied);</li>
 *   <li>managedFields: the newest writer is in the automation list (Satisfied); an unclassified manager is Unknown.</li>
 * </ol>
 * Informer caches drop managedFields, so their absence means "not known": with no other signal the verdict is
 * Unknown, never Missing.
 */
public final class PipelineDecidesDeploymentProbe extends AbstractProbe {
  public static final String CAPABILITY = "pipeline-decides-deployment";

  private final Set<String> automationManagers;

  public PipelineDecidesDeploymentProbe() {
    this(LastWriter.DEFAULT_AUTOMATION);
  }

  /** @param automationManagers field managers that count as automation (besides names containing "pipeline"/"argo-workflow") */
  public PipelineDecidesDeploymentProbe(Set<String> automationManagers) {
    super(CAPABILITY, WorkloadDelivery.READS);
    this.automationManagers = Set.copyOf(automationManagers);
  }

  @Override
  public Evidence evaluate(ProbeContext ctx) {
    ProviderScan scan = new ProviderScan(CAPABILITY);
    WorkloadDelivery delivery = WorkloadDelivery.resolve(ctx, scan);
    if (delivery.servingObjects().isEmpty()) {
      scan.seen("no serving object matches the workload selector in " + ctx.target().namespace());
      return scan.verdict("", "no serving object to judge");
    }

    List<String> argoAutomated = new ArrayList<>();
    List<String> argoHuman = new ArrayList<>();
    Instant lastGitOpsDeploy = null;
    for (WorkloadDelivery.ArgoCdDelivery d : delivery.argoCd()) {
      Optional<Object> last = ArgoCdApplications.lastDeploy(d.application());
      if (last.isEmpty()) {
        continue;
      }
      Instant at = Fields.timestamp(last.get(), "deployedAt").orElse(null);
      if (at != null && (lastGitOpsDeploy == null || at.isAfter(lastGitOpsDeploy))) {
        lastGitOpsDeploy = at;
      }
      String when = at == null ? "" : " at " + at;
      if (Fields.isTrue(last.get(), "initiatedBy", "automated")) {
        argoAutomated.add(d.reference() + " last deployed by automated sync" + when);
      } else {
        String user = Fields.string(last.get(), "initiatedBy", "username").orElse("an unnamed user");
        argoHuman.add(d.reference() + " last synced by " + user + when);
      }
    }
    List<String> fluxOwners = delivery.flux().stream()
        .filter(f -> f.owner() != null && !f.suspended()).map(f -> f.reference() + " reconciles " + f.object()).toList();

    List<String> humanWrites = new ArrayList<>();
    List<String> automationWrites = new ArrayList<>();
    List<String> otherWrites = new ArrayList<>();
    boolean gitOps = !argoAutomated.isEmpty() || !argoHuman.isEmpty() || !fluxOwners.isEmpty();
    for (GenericKubernetesResource object : delivery.servingObjects()) {
      Optional<LastWriter> writer = LastWriter.of(object, automationManagers);
      if (writer.isEmpty()) {
        continue;
      }
      LastWriter w = writer.get();
      String note = ProbeContext.ref(object) + " last written by " + w.manager() + (w.time() == null ? "" : " at " + w.time());
      switch (w.kind()) {
        case HUMAN -> {
          boolean afterGitOps = !gitOps || (lastGitOpsDeploy != null && w.time() != null && w.time().isAfter(lastGitOpsDeploy));
          if (afterGitOps) {
            humanWrites.add(note);
          }
        }
        case AUTOMATION -> automationWrites.add(note);
        case UNCLASSIFIED -> otherWrites.add(note);
      }
    }

    // the signals in order of strength (class comment): the first that speaks decides
    if (!humanWrites.isEmpty()) {
      scan.refute("a human changed the serving objects last: " + String.join("; ", humanWrites), humanWrites);
    } else if (!argoAutomated.isEmpty()) {
      scan.found(argoAutomated);
      return scan.verdict("the last deploy was started by automation: " + argoAutomated.get(0), "");
    } else if (!argoHuman.isEmpty()) {
      scan.refute("the last deploy was started by a person: " + String.join("; ", argoHuman), argoHuman);
    } else if (!fluxOwners.isEmpty()) {
      scan.found(fluxOwners);
      return scan.verdict("Flux reconciles the serving objects: " + fluxOwners.get(0), "");
    } else if (!automationWrites.isEmpty()) {
      scan.found(automationWrites);
      return scan.verdict("automation wrote the serving objects last: " + automationWrites.get(0), "");
    } else if (!otherWrites.isEmpty()) {
      otherWrites.forEach(scan::seen);
      scan.failed("last writer is neither known automation nor kubectl: " + String.join("; ", otherWrites));
    } else {
      // Informer caches may drop managedFields: with no signal at all, who decided is not known (never Missing)
      scan.failed("who last changed the serving objects is not known"
          + (scan.failedAny() ? "" : ": no Argo CD history, no Flux owner, no managedFields"));
    }
    return scan.verdict("", "");
  }
}
