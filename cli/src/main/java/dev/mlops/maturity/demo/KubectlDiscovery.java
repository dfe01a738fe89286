package dev.mlops.maturity.demo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.mockwebserver.dsl.HttpMethod;
import io.fabric8.mockwebserver.http.Buffer;
import io.fabric8.mockwebserver.http.Dispatcher;
import io.fabric8.mockwebserver.http.Headers;
import io.fabric8.mockwebserver.http.MockResponse;
import io.fabric8.mockwebserver.http.RecordedRequest;
import java.io.IOException;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Makes the demo's in-process API server (the Fabric8 mock in CRUD mode) answer the way `kubectl` expects:
 * discovery of the API groups and resources from the installed CRDs ({@code /api}, {@code /apis},
 * {@code /apis/GROUP/VERSION}, with kubectl's {@code ?timeout=} query), server-side printing (a Table from the
 * CRD's printer columns) and a Content-Type on every answer. Everything else goes to the store unchanged.
 */
public final class KubectlDiscovery extends Dispatcher {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String CRDS = "/apis/apiextensions.k8s.io/v1/customresourcedefinitions";
  /** Built-in group versions the demo serves (the store keeps any kind; these make kubectl's discovery complete). */
  private static final Map<String, List<BuiltIn>> BUILT_IN = Map.of(
      "v1", List.of(new BuiltIn("namespaces", "Namespace", false, "ns"), new BuiltIn("pods", "Pod", true, "po"),
          new BuiltIn("services", "Service", true, "svc"), new BuiltIn("configmaps", "ConfigMap", true, "cm"),
          new BuiltIn("events", "Event", true, "ev"), new BuiltIn("nodes", "Node", false, "no"),
          new BuiltIn("serviceaccounts", "ServiceAccount", true, "sa")),
      "apps/v1", List.of(new BuiltIn("deployments", "Deployment", true, "deploy")),
      "batch/v1", List.of(new BuiltIn("cronjobs", "CronJob", true, "cj"), new BuiltIn("jobs", "Job", true, "")),
      "apiextensions.k8s.io/v1", List.of(new BuiltIn("customresourcedefinitions", "CustomResourceDefinition", false, "crd")));

  private record BuiltIn(String plural, String kind, boolean namespaced, String shortName) {}

  private final Dispatcher store;
  private final Clock clock;

  public KubectlDiscovery(Dispatcher store, Clock clock) {
    this.store = store;
    this.clock = clock;
  }

  @Override
  public MockResponse dispatch(RecordedRequest request) {
    String path = request.getPath() == null ? "/" : request.getPath().split("\\?", 2)[0];
    try {
      if ("GET".equals(request.getMethod())) {
        MockResponse discovery = discovery(path);
        if (discovery != null) {
          return discovery;
        }
        String accept = request.getHeader("Accept");
        if (accept != null && accept.contains("as=Table")) {
          MockResponse table = table(request, path);
          if (table != null) {
            return table;
          }
        }
      }
    } catch (IOException | RuntimeException e) {
      return json(500, status(500, "InternalError", "demo API server: " + e.getMessage()));
    }
    MockResponse response = store.dispatch(request);
    if (response.header("Content-Type") == null) {
      response.setHeader("Content-Type", "application/json");
    }
    return response;
  }

  @Override
  public void shutdown() {
    store.shutdown();
  }

  private MockResponse discovery(String path) throws IOException {
    String[] parts = path.replaceAll("/+$", "").split("/");
    if (path.equals("/api") || path.equals("/api/")) {
      ObjectNode versions = JSON.createObjectNode().put("kind", "APIVersions");
      versions.putArray("versions").add("v1");
      versions.putArray("serverAddressByClientCIDRs").addObject().put("clientCIDR", "0.0.0.0/0").put("serverAddress", "127.0.0.1");
      return json(200, versions);
    }
    if (path.equals("/api/v1")) {
      return json(200, resourceList("v1", builtIn("v1")));
    }
    if (path.equals("/apis") || path.equals("/apis/")) {
      return json(200, groupList());
    }
    if (parts.length == 4 && "apis".equals(parts[1])) {
      String groupVersion = parts[2] + "/" + parts[3];
      ArrayNode resources = builtIn(groupVersion);
      for (JsonNode crd : crds()) {
        for (JsonNode v : crd.at("/spec/versions")) {
          if (groupVersion.equals(crd.at("/spec/group").asText() + "/" + v.path("name").asText())) {
            addCrdResources(resources, crd, v);
          }
        }
      }
      return resources.isEmpty() && !BUILT_IN.containsKey(groupVersion) ? null : json(200, resourceList(groupVersion, resources));
    }
    return null;
  }

  private MockResponse table(RecordedRequest request, String path) throws IOException {
    String[] parts = path.split("/");
    // /apis/G/V/R or /apis/G/V/namespaces/NS/R (collections only)
    String plural = parts.length == 5 ? parts[4] : parts.length == 7 && "namespaces".equals(parts[4]) ? parts[6] : null;
    if (!"apis".equals(parts.length > 1 ? parts[1] : "") || plural == null) {
      return null;
    }
    for (JsonNode crd : crds()) {
      if (!crd.at("/spec/group").asText().equals(parts[2]) || !crd.at("/spec/names/plural").asText().equals(plural)) {
        continue;
      }
      for (JsonNode v : crd.at("/spec/versions")) {
        if (v.path("name").asText().equals(parts[3])) {
          MockResponse list = store.dispatch(request);
          if (list.code() != 200) {
            return list.setHeader("Content-Type", "application/json");
          }
          return json(200, PrinterColumns.table(v, JSON.readTree(list.getBody().getBytes()), clock));
        }
      }
    }
    return null;
  }

  private ObjectNode groupList() throws IOException {
    Map<String, List<String>> groups = new LinkedHashMap<>();
    BUILT_IN.keySet().stream().filter(gv -> gv.contains("/")).sorted()
        .forEach(gv -> groups.computeIfAbsent(gv.split("/")[0], g -> new java.util.ArrayList<>()).add(gv.split("/")[1]));
    for (JsonNode crd : crds()) {
      List<String> versions = groups.computeIfAbsent(crd.at("/spec/group").asText(), g -> new java.util.ArrayList<>());
      crd.at("/spec/versions").forEach(v -> {
        if (!versions.contains(v.path("name").asText())) {
          versions.add(v.path("name").asText());
        }
      });
    }
    ObjectNode list = JSON.createObjectNode().put("kind", "APIGroupList").put("apiVersion", "v1");
    ArrayNode out = list.putArray("groups");
    groups.forEach((group, versions) -> {
      ObjectNode g = out.addObject().put("name", group);
      ArrayNode vs = g.putArray("versions");
      versions.forEach(v -> vs.addObject().put("groupVersion", group + "/" + v).put("version", v));
      g.putObject("preferredVersion").put("groupVersion", group + "/" + versions.get(0)).put("version", versions.get(0));
    });
    return list;
  }

  private static ArrayNode builtIn(String groupVersion) {
    ArrayNode resources = JSON.createArrayNode();
    for (BuiltIn r : BUILT_IN.getOrDefault(groupVersion, List.of())) {
      ObjectNode node = resource(r.plural(), r.kind(), r.namespaced());
      if (!r.shortName().isEmpty()) {
        node.putArray("shortNames").add(r.shortName());
      }
      resources.add(node);
    }
    return resources;
  }

  private static void addCrdResources(ArrayNode resources, JsonNode crd, JsonNode version) {
    JsonNode names = crd.at("/spec/names");
    ObjectNode r = resource(names.path("plural").asText(), names.path("kind").asText(), "Namespaced".equals(crd.at("/spec/scope").asText()));
    r.put("singularName", names.path("singular").asText());
    if (names.has("shortNames")) {
      r.set("shortNames", names.path("shortNames"));
    }
    if (names.has("categories")) {
      r.set("categories", names.path("categories"));
    }
    resources.add(r);
    if (version.at("/subresources/status").isObject()) {
      resources.add(resource(names.path("plural").asText() + "/status", names.path("kind").asText(),
          "Namespaced".equals(crd.at("/spec/scope").asText())));
    }
  }

  private static ObjectNode resource(String name, String kind, boolean namespaced) {
    ObjectNode r = JSON.createObjectNode().put("name", name).put("singularName", "").put("namespaced", namespaced).put("kind", kind);
    ArrayNode verbs = r.putArray("verbs");
    List.of("create", "delete", "get", "list", "patch", "update", "watch").forEach(verbs::add);
    return r;
  }

  private static ObjectNode resourceList(String groupVersion, ArrayNode resources) {
    ObjectNode list = JSON.createObjectNode().put("kind", "APIResourceList").put("apiVersion", "v1").put("groupVersion", groupVersion);
    list.set("resources", resources);
    return list;
  }

  private List<JsonNode> crds() throws IOException {
    MockResponse response = store.dispatch(new RecordedRequest("HTTP/1.1", HttpMethod.GET, CRDS, Headers.builder().build(), new Buffer()));
    if (response.code() != 200 || response.getBody() == null) {
      return List.of();
    }
    List<JsonNode> crds = new java.util.ArrayList<>();
    JSON.readTree(response.getBody().getBytes()).path("items").forEach(crds::add);
    return crds;
  }

  private static ObjectNode status(int code, String reason, String message) {
    return JSON.createObjectNode().put("kind", "Status").put("apiVersion", "v1").put("status", "Failure").put("code", code)
        .put("reason", reason).put("message", message);
  }

  private static MockResponse json(int code, JsonNode body) {
    return new MockResponse().setResponseCode(code).setHeader("Content-Type", "application/json").setBody(body.toString());
  }
}
