package dev.mlops.maturity.cli;

import dev.mlops.maturity.model.BuiltInModels;
import dev.mlops.maturity.model.Level;
import dev.mlops.maturity.model.MaturityModelDefinition;
import dev.mlops.maturity.model.Requirement;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

@Command(name = "models", mixinStandardHelpOptions = true, description = "List the built-in maturity models and their levels.")
public class ModelsCommand implements Callable<Integer> {
  @Spec
  CommandSpec spec;

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    for (MaturityModelDefinition model : BuiltInModels.load().all()) {
      out.printf("%s%s: %s%n", model.id(), model.id().equals(BuiltInModels.DEFAULT) ? " (default)" : "", model.description());
      for (Level level : model.levels()) {
        String requires = level.requires().stream().map(Requirement::describe).collect(Collectors.joining(", "));
        out.printf("  %d %-34s %s%n", level.number(), level.name(), requires.isEmpty() ? "-" : requires);
      }
      out.printf("  declared evidence accepted for: %s%n%n", String.join(", ", model.acceptDeclared().stream().sorted().toList()));
    }
    out.flush();
    return 0;
  }
}
