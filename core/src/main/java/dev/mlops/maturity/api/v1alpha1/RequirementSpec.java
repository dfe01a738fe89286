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
