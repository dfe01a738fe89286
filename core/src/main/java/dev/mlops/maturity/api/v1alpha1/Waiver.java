package dev.mlops.maturity.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.Size;

@JsonInclude(JsonInclude.Include.NON_NULL)
public class Waiver {
  @JsonPropertyDescription("The capability whose gap is accepted.")
  @Required
  @Pattern(ApiPatterns.CAPABILITY_ID)
  @Size(max = 63)
  public String capability;

  @JsonPropertyDescription("Why the gap is accepted.")

  @Required
  @Size(min = 1, max = 1024)
  public String reason;

  /** Last day (inclusive, UTC) on which the waiver counts, YYYY-MM-DD. */
  @JsonPropertyDescription("Last day (inclusive, UTC) on which the waiver counts, YYYY-MM-DD.")
  @Pattern(ApiPatterns.DATE)
  public String expires;
}
