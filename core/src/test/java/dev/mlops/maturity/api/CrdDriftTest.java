package dev.mlops.maturity.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The CRDs are generated from the Java types at build time (process-classes); the copies in
 * {@code crds/} (and in the Helm chart) must be exactly what the generator produced, with one
 * normalisation: the generator sorts printer columns by jsonPath, which puts AGE first, so the
 * canonical copy moves AGE last (kubectl shows MODEL, TARGET, OBSERVED, LEVEL, TARGET-MET, AGE).
 * {@code -Dcrds.update=true} rewrites the copies.
 */
class CrdDriftTest {
  static final Path ROOT = Path.of(System.getProperty("project.root", "..")).toAbsolutePath().normalize();
  static final Path GENERATED = ROOT.resolve("core/target/classes/META-INF/fabric8");
  static final Path CHECKED_IN = ROOT.resolve("crds");
  static final Path CHART_CRDS = ROOT.resolve("helm/mlops-maturity-operator/crds");
  static final String REGENERATE = "mvn -B -q test -pl core -Dtest=CrdDriftTest -Dcrds.update=true";

  private static String regenerate() {
    return REGENERATE;
  }

  /**
   * The generated CRD with the AGE printer column moved after the others, and every `conditions` list declared a
   * map keyed by `type` (the Kubernetes convention; the fabric8 generator has no annotation for list types).
   */
  static String canonical(String generated) {
    List<String> lines = new java.util.ArrayList<>(conditionsAsMapLists(generated).lines().toList());
    int start = -1;
    for (int i = 0; i < lines.size(); i++) {
      if (lines.get(i).trim().startsWith("- jsonPath:")) {
        start = i;
        break;
      }
    }
    if (start < 0) {
      return generated;
    }
    int indent = lines.get(start).indexOf('-');
    List<List<String>> entries = new java.util.ArrayList<>();
    int i = start;
    while (i < lines.size() && lines.get(i).indexOf('-') == indent && lines.get(i).trim().startsWith("- jsonPath:")) {
      List<String> entry = new java.util.ArrayList<>(List.of(lines.get(i)));
      i++;
      while (i < lines.size() && leading(lines.get(i)) > indent) {
        entry.add(lines.get(i));
        i++;
      }
      entries.add(entry);
    }
    List<List<String>> ordered = new java.util.ArrayList<>(entries);
    ordered.sort(java.util.Comparator.comparing(e -> e.get(0).contains(".metadata.creationTimestamp")));
    List<String> out = new java.util.ArrayList<>(lines.subList(0, start));
    ordered.forEach(out::addAll);
    out.addAll(lines.subList(i, lines.size()));
    return String.join("\n", out) + (generated.endsWith("\n") ? "\n" : "");
  }

  static String conditionsAsMapLists(String generated) {
    List<String> out = new java.util.ArrayList<>();
    for (String line : generated.lines().toList()) {
      out.add(line);
      if (line.strip().equals("conditions:")) {
        String indent = " ".repeat(leading(line) + 2);
        out.add(indent + "x-kubernetes-list-map-keys:");
        out.add(indent + "- \"type\"");
        out.add(indent + "x-kubernetes-list-type: \"map\"");
      }
    }
    return String.join("\n", out) + (generated.endsWith("\n") ? "\n" : "");
  }

  private static int leading(String line) {
    int n = 0;
    while (n < line.length() && line.charAt(n) == ' ') {
      n++;
    }
    return n;
  }

  private static TreeSet<String> yamlFiles(Path dir) throws IOException {
    try (Stream<Path> files = Files.list(dir)) {
      return files.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".yml") || n.endsWith(".yaml"))
          .collect(java.util.stream.Collectors.toCollection(TreeSet::new));
    }
  }

  @Test
  void generatorProducedTheFourCrds() throws IOException {
    assertThat(GENERATED).as("CRDs are generated in process-classes; run: " + REGENERATE).isDirectory();
    assertThat(yamlFiles(GENERATED))
        .containsExactly("maturityexceptions.maturity.mlops.dev-v1.yml", "maturityledgers.maturity.mlops.dev-v1.yml",
            "maturitymodels.maturity.mlops.dev-v1.yml", "maturitytargets.maturity.mlops.dev-v1.yml");
  }

  @Test
  void checkedInCrdsEqualTheGeneratedOnes() throws IOException {
    assertSameAsGenerated(CHECKED_IN);
  }

  @Test
  void helmChartCrdsEqualTheGeneratedOnesWhenTheChartExists() throws IOException {
    if (Files.isDirectory(CHART_CRDS)) {
      assertSameAsGenerated(CHART_CRDS);
    }
  }

  private static void assertSameAsGenerated(Path copies) throws IOException {
    assertThat(GENERATED).as("CRDs are generated in process-classes; run: " + REGENERATE).isDirectory();
    String relative = ROOT.relativize(copies).toString();
    TreeSet<String> generated = yamlFiles(GENERATED);
    if (Boolean.getBoolean("crds.update")) {
      Files.createDirectories(copies);
    }
    TreeSet<String> checkedIn = Files.isDirectory(copies) && !Boolean.getBoolean("crds.update") ? yamlFiles(copies) : generated;
    if (!generated.equals(checkedIn)) {
      fail(relative + "/ holds " + checkedIn + " but the generator produced " + generated
          + ". The CRDs are generated from the Java types in dev.mlops.maturity.api.v1alpha1; regenerate with:\n  "
          + regenerate() + "\n(and remove stale files from " + relative + "/)");
    }
    for (String name : generated) {
      String expected = canonical(Files.readString(GENERATED.resolve(name)));
      if (Boolean.getBoolean("crds.update")) {
        Files.writeString(copies.resolve(name), expected);
      }
      String actual = Files.readString(copies.resolve(name));
      if (!expected.equals(actual)) {
        fail(relative + "/" + name + " differs from the CRD generated from the Java types ("
            + firstDifference(expected, actual) + "). Do not edit the CRD by hand; regenerate it with:\n  "
            + regenerate());
      }
    }
  }

  static String firstDifference(String expected, String actual) {
    List<String> e = expected.lines().toList();
    List<String> a = actual.lines().toList();
    for (int i = 0; i < Math.max(e.size(), a.size()); i++) {
      String el = i < e.size() ? e.get(i) : "<end of file>";
      String al = i < a.size() ? a.get(i) : "<end of file>";
      if (!el.equals(al)) {
        return "first difference at line " + (i + 1) + ": generated '" + el.strip() + "', checked in '" + al.strip() + "'";
      }
    }
    return "line endings or trailing whitespace differ";
  }

  @Test
  void canonicalFormPutsAgeLastAndKeepsEverythingElse() {
    String generated = String.join("\n", "  - additionalPrinterColumns:", "    - jsonPath: \".metadata.creationTimestamp\"",
        "      name: \"AGE\"", "    - jsonPath: \".spec.model\"", "      name: \"MODEL\"", "    name: \"v1alpha1\"") + "\n";
    assertThat(canonical(generated)).isEqualTo(String.join("\n", "  - additionalPrinterColumns:", "    - jsonPath: \".spec.model\"",
        "      name: \"MODEL\"", "    - jsonPath: \".metadata.creationTimestamp\"", "      name: \"AGE\"", "    name: \"v1alpha1\"") + "\n");
  }

  @Test
  void differenceMessagePointsAtTheLine() {
    assertThat(firstDifference("a\nb\nc\n", "a\nB\nc\n")).isEqualTo("first difference at line 2: generated 'b', checked in 'B'");
    assertThat(firstDifference("a\nb\n", "a\n")).isEqualTo("first difference at line 2: generated 'b', checked in '<end of file>'");
  }
}
