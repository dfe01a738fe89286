package dev.mlops.maturity.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import dev.mlops.maturity.evidence.CapabilityState;
import dev.mlops.maturity.evidence.Source;
import dev.mlops.maturity.evidence.UnknownReason;
import java.util.ArrayList;
import java.util.List;

/** One capability as the status reports it. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class CapabilityStatus {
  @JsonPropertyDescription("The capability id, e.g. scheduled-retraining.")
  public String id;
  /** The level where the model requires (or, if recommended is true, recommends) it. */
  @JsonPropertyDescription("The level of the model that requires it (or recommends it, when recommended is true).")
  public Integer level;
  @JsonPropertyDescription("True when the model only recommends the capability; recommended capabilities never block a level.")
  public Boolean recommended;
  @JsonPropertyDescription("Satisfied, Missing (absence proven), Unknown (could not be evaluated; see message), Waived or NotApplicable.")
  public CapabilityState state;
  @JsonPropertyDescription("observed (seen in the cluster or an integration) or declared (spec.declared).")
  public Source source;
  @JsonPropertyDescription("References to what was seen, e.g. argoproj.io/CronWorkflow fraud/nightly.")
  public List<String> evidence = new ArrayList<>();
  @JsonPropertyDescription("Why the capability has this state, in one sentence.")
  public String message;
  /** Why an Unknown capability is Unknown (NotConfigured is not a failure); absent for every other state. */
  @JsonPropertyDescription("Why an Unknown capability is Unknown: NotConfigured (an integration is not configured; not a failure), NotInstalled, Forbidden, Unreachable or Failed. Absent for every other state.")
  public UnknownReason reason;
  @JsonPropertyDescription("When the capability last ran successfully (RFC 3339), as its probe saw it: the newest successful training run, "
      + "canary analysis, registered model version or drift alert evaluation. Absent when no run was seen or the probe reads no runs. "
      + "A model requirement's exercisedWithin compares it with the window.")
  public String lastExercised;
}
