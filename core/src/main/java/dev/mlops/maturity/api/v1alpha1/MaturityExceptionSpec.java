package dev.mlops.maturity.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.Size;

@JsonInclude(JsonInclude.Include.NON_NULL)
public class MaturityExceptionSpec {
  /** The MaturityTarget whose entry this approves. */
  @JsonPropertyDescription("The MaturityTarget whose entry this approves.")
  @Required
  public ExceptionTarget target;

  @JsonPropertyDescription("The capability the entry names, e.g. gpu-utilisation.")
  @Required
  @Pattern(ApiPatterns.CAPABILITY_ID)
  @Size(max = 63)
  public String capability;

  /** Which entry of the target it approves: waiver or notApplicable. */
  @JsonPropertyDescription("Which entry of the target it approves: waiver or notApplicable.")
  @Required
  @Pattern("^(waiver|notApplicable)$")
  public String kind;

  @JsonPropertyDescription("Why the exception is granted.")
  @Required
  @Size(min = 1, max = 1024)
  public String reason;

  /** Last day (inclusive, UTC) on which it holds, YYYY-MM-DD. Required: an approval without end is not an exception. */
  @JsonPropertyDescription("Last day (inclusive, UTC) on which it holds, YYYY-MM-DD. Required: an approval without end is not an exception.")
  @Required
  @Pattern(ApiPatterns.DATE)
  public String expires;

  /** Who approved it, for the record (free text). */
  @JsonPropertyDescription("Who approved it, for the record (free text).")
  @Required
  @Size(min = 1, max = 256)
  public String approvedBy;
}
