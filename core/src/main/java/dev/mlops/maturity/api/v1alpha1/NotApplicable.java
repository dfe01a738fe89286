package dev.mlops.maturity.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.Size;

@JsonInclude(JsonInclude.Include.NON_NULL)
public class NotApplicable {
  @JsonPropertyDescription("The capability that does not apply to this workload.")
  @Required
  @Pattern(ApiPatterns.CAPABILITY_ID)
  @Size(max = 63)
  public String capability;

  @JsonPropertyDescription("Why it does not apply, e.g. CPU-only model.")

  @Required
  @Size(min = 1, max = 1024)
  public String reason;

  /** Last day (inclusive, UTC) on which the entry counts, YYYY-MM-DD; bounded by the policy's notApplicable.maxDuration. */
  @JsonPropertyDescription("Last day (inclusive, UTC) on which the entry counts, YYYY-MM-DD; bounded by the policy's notApplicable.maxDuration.")
  @Pattern(ApiPatterns.DATE)
  public String expires;
}
