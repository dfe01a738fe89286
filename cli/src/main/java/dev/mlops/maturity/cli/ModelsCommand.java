package dev.mlops.maturity.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.mlops.maturity.api.v1alpha1.MaturityModel;
import dev.mlops.maturity.model.BuiltInModels;
import dev.mlops.maturity.model.ExerciseWindow;
import dev.mlops.maturity.model.InvalidModelException;
import dev.mlops.maturity.model.Level;
import dev.mlops.maturity.model.MaturityModelDefinition;
import dev.mlops.maturity.model.ModelReader;
import dev.mlops.maturity.model.Requirement;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

@Command(name = "models", mixinStandardHelpOptions = true,
    description = "List the built-in maturity models and their levels, or check and list a MaturityModel file.")
public class ModelsCommand implements Callable<Integer> {
  @Spec
  CommandSpec spec;

  @Option(names = {"-f", "--file"}, paramLabel = "FILE", description = "Validate this MaturityModel YAML and list it instead of the built-in models (exit 2 when invalid).")
  Path file;

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    List<MaturityModelDefinition> models;
    if (file == null) {
      models = BuiltInModels.load().all();
    } else {
      try {
        models = List.of(ModelReader.read(new ObjectMapper(new YAMLFactory()).readValue(file.toFile(), MaturityModel.class)));
      } catch (IOException | RuntimeException e) {
        spec.commandLine().getErr().println(file + " is not a readable MaturityModel: " + e.getMessage().lines().findFirst().orElse(""));
        return 2;
      } catch (InvalidModelException e) {
        spec.commandLine().getErr().println(e.getMessage());
        return 2;
      }
    }
    for (MaturityModelDefinition model : models) {
      out.printf("%s%s: %s%n", model.id(), model.id().equals(BuiltInModels.DEFAULT) ? " (default)" : "", model.description());
      for (Level level : model.levels()) {
        String requires = level.requires().stream().map(ModelsCommand::describe).collect(Collectors.joining(", "));
        out.printf("  %d %-34s %s%n", level.number(), level.name(), requires.isEmpty() ? "-" : requires);
      }
      out.printf("  declared evidence accepted for: %s%n%n", String.join(", ", model.acceptDeclared().stream().sorted().toList()));
    }
    out.flush();
    return 0;
  }

  /** scheduled-retraining, or "training-pipeline (exercised within 14d)" when the requirement has a window. */
  static String describe(Requirement r) {
    return r.describe() + (r.exercisedWithin() == null ? "" : " (exercised within " + ExerciseWindow.format(r.exercisedWithin()) + ")");
  }
}
