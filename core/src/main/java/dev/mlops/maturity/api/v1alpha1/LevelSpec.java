package dev.mlops.maturity.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Max;
import io.fabric8.generator.annotation.Min;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.Size;
import java.util.ArrayList;
import java.util.List;

@JsonInclude(JsonInclude.Include.NON_NULL)
public class LevelSpec {
  @JsonPropertyDescription("The level number; levels are numbered 0, 1, 2, ... without gaps.")
  @Required
  @Min(0)
  @Max(10)
  public Integer level;

  @JsonPropertyDescription("The level's name, e.g. Automated.")

  @Required
  @Size(min = 1, max = 63)
  public String name;

  @JsonPropertyDescription("What the level means.")

  @Size(max = 1024)
  public String description;

  @JsonPropertyDescription("Requirements that must all hold for the level (and every level above).")

  @Size(max = 32)
  public List<RequirementSpec> requires = new ArrayList<>();

  @JsonPropertyDescription("Advice shown for the level; never blocks it.")

  @Size(max = 32)
  public List<RequirementSpec> recommends = new ArrayList<>();
}
