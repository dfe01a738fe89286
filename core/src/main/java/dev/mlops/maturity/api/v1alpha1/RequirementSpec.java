package dev.mlops.maturity.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Size;
import io.fabric8.generator.annotation.ValidationRule;
import java.util.List;

/** Either one capability or anyOf a list of capabilities. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@ValidationRule(value = "has(self.capability) != has(self.anyOf)", message = "set exactly one of capability or anyOf")
public class RequirementSpec {
  @JsonPropertyDescription("One capability id that must hold.")
  @Pattern(ApiPatterns.CAPABILITY_ID)
  @Size(max = 63)
  public String capability;

  @JsonPropertyDescription("Two or more capability ids, one of which must hold.")

  @Size(min = 2, max = 8)
  public List<@Pattern(ApiPatterns.CAPABILITY_ID) @Size(max = 63) String> anyOf;

  @JsonPropertyDescription("Optional: the capability holds only if it also ran successfully within this window (a duration such as "
      + "14d, 36h or 1h30m): a training run that succeeded, a successful canary analysis, a newly registered model version, a drift "
      + "alert rule evaluated without error. Configured but not run since is Missing. Only for capabilities whose probes record runs.")
  @Pattern("^([0-9]+(d|h|m|s))+$")
  @Size(max = 16)
  public String exercisedWithin;

  public RequirementSpec() {}

  public static RequirementSpec of(String capability) {
    RequirementSpec r = new RequirementSpec();
    r.capability = capability;
    return r;
  }

  public static RequirementSpec anyOf(List<String> ids) {
    RequirementSpec r = new RequirementSpec();
    r.anyOf = List.copyOf(ids);
    return r;
  }
}
