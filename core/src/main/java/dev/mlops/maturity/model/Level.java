package dev.mlops.maturity.model;

import java.util.List;

public record Level(int number, String name, String description, List<Requirement> requires, List<Requirement> recommends) {
  public Level {
    requires = List.copyOf(requires);
    recommends = List.copyOf(recommends);
    description = description == null ? "" : description;
  }
}
