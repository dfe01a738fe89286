package dev.mlops.maturity.image;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The runtime part of an OCI image config ("config" object): what a container runtime starts. */
record ImageConfig(List<String> entrypoint, List<String> cmd, Map<String, String> env, String workingDir, String user,
    Map<String, String> labels) {

  static ImageConfig of(JsonNode imageConfig) {
    JsonNode c = imageConfig.path("config");
    Map<String, String> env = new LinkedHashMap<>();
    for (JsonNode e : c.path("Env")) {
      String s = e.asText();
      int eq = s.indexOf('=');
      env.put(s.substring(0, eq), s.substring(eq + 1));
    }
    Map<String, String> labels = new LinkedHashMap<>();
    c.path("Labels").properties().forEach(f -> labels.put(f.getKey(), f.getValue().asText()));
    return new ImageConfig(strings(c.path("Entrypoint")), strings(c.path("Cmd")), env,
        c.path("WorkingDir").asText(""), c.path("User").asText(""), labels);
  }

  /** The numeric uid of User ("65532" or "65532:65532"); -1 when it is a name or absent (then it may be root). */
  int uid() {
    String u = user.contains(":") ? user.substring(0, user.indexOf(':')) : user;
    return u.matches("\\d+") ? Integer.parseInt(u) : -1;
  }

  private static List<String> strings(JsonNode array) {
    List<String> out = new ArrayList<>();
    array.forEach(n -> out.add(n.asText()));
    return out;
  }
}
