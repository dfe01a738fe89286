package dev.mlops.maturity.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.mlops.maturity.evidence.CapabilityState;
import dev.mlops.maturity.evidence.Source;
import dev.mlops.maturity.evidence.UnknownReason;
import java.util.ArrayList;
import java.util.List;

/** One capability as the status reports it. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class CapabilityStatus {
  public String id;
  /** The level where the model requires (or, if recommended is true, recommends) it. */
  public Integer level;
  public Boolean recommended;
  public CapabilityState state;
  public Source source;
  public List<String> evidence = new ArrayList<>();
  public String message;
  /** Why an Unknown capability is Unknown (NotConfigured is not a failure); absent for every other state. */
  public UnknownReason reason;
}
