package dev.mlops.maturity.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.Size;
import io.fabric8.generator.annotation.ValidationRule;
import java.util.ArrayList;
import java.util.List;

@JsonInclude(JsonInclude.Include.NON_NULL)
public class MaturityModelSpec {
  @JsonPropertyDescription("What the model is and where it comes from.")
  @Size(max = 256)
  public String description;

  @JsonPropertyDescription("The ordered levels, from 0 (nothing required) upwards.")

  @Required
  @Size(min = 1, max = 11)
  @ValidationRule(value = "self.all(l, self.exists_one(m, m.level == l.level))", message = "each level number may appear only once")
  @ValidationRule(value = "self.all(l, l.level < size(self))", message = "levels must be numbered 0, 1, 2, ... without gaps")
  public List<LevelSpec> levels = new ArrayList<>();

  /** Capabilities for which a target's declared evidence counts. */
  @JsonPropertyDescription("Capabilities for which a target's declared evidence (spec.declared) counts.")
  @Size(max = 64)
  public List<@Pattern(ApiPatterns.CAPABILITY_ID) @Size(max = 63) String> acceptDeclared = new ArrayList<>();
}
