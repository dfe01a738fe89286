package dev.mlops.maturity.bench;

import dev.mlops.maturity.demo.IndexedCrudDispatcher;
import io.fabric8.kubernetes.api.model.authorization.v1.SelfSubjectRulesReviewBuilder;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.mockwebserver.Context;
import io.fabric8.mockwebserver.MockWebServer;
import io.fabric8.mockwebserver.ServerRequest;
import io.fabric8.mockwebserver.ServerResponse;
import io.fabric8.mockwebserver.http.Dispatcher;
import io.fabric8.mockwebserver.http.MockResponse;
import io.fabric8.mockwebserver.http.RecordedRequest;
import java.io.IOException;
import java.net.InetAddress;
import java.util.HashMap;
import java.util.Map;
import java.util.Queue;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * A Fabric8 mock API server in CRUD mode on 127.0.0.1 (named objects found through an index, see
 * {@link IndexedCrudDispatcher}) that counts every request it serves by verb
 * (LIST, GET, WATCH, CREATE, UPDATE, PATCH, DELETE, DISCOVERY), the way the API server's audit log would,
 * and, per client (its bearer token, see {@link #newClient(String)}), the requests and the bytes it was
 * sent: response bodies and every watch event.
 */
public final class ApiServer implements AutoCloseable {
  public static final java.util.Set<String> WRITES = java.util.Set.of("CREATE", "UPDATE", "PATCH", "DELETE");

  /** MockWebServer logs every request at INFO through java.util.logging: far too costly at 20,000 objects. */
  private static final java.util.logging.Logger MOCK_LOG = java.util.logging.Logger.getLogger("io.fabric8.mockwebserver");

  static {
    MOCK_LOG.setLevel(java.util.logging.Level.WARNING);
  }

  private final KubernetesMockServer server;
  private final Map<String, LongAdder> counts = new ConcurrentHashMap<>();
  private final Map<String, Traffic> traffic = new ConcurrentHashMap<>();

  private ApiServer() {
    Map<ServerRequest, Queue<ServerResponse>> responses = new HashMap<>();
    Dispatcher crud = IndexedCrudDispatcher.mixed(responses);
    Dispatcher counting = new Dispatcher() {
      @Override
      public MockResponse dispatch(RecordedRequest request) {
        String verb = verb(request.getMethod(), request.getPath());
        counts.computeIfAbsent(verb, v -> new LongAdder()).increment();
        Traffic client = trafficOf(identity(request.getHeader("Authorization")));
        client.request(verb);
        if (WRITES.contains(verb) && request.getPath().split("\\?")[0].endsWith("/status")) {
          client.statusWrite();
        }
        MockResponse response = crud.dispatch(request);
        if (response.getWebSocketListener() != null) {
          response.withWebSocketUpgrade(new CountingWatch(response.getWebSocketListener(), client));
        } else if (response.getBody() != null) {
          client.bytes(verb, response.getBody().size());
        }
        return response;
      }
    };
    server = new KubernetesMockServer(new Context(), new MockWebServer(), responses, counting, false);
  }

  public static ApiServer start() {
    ApiServer s = new ApiServer();
    try {
      s.server.init(InetAddress.getByName("127.0.0.1"), 0);
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
    // JOSDK asks for its own rules when leader election is on; harmless otherwise
    s.server.expect().post().withPath("/apis/authorization.k8s.io/v1/selfsubjectrulesreviews")
        .andReturn(201, new SelfSubjectRulesReviewBuilder().withNewStatus().withIncomplete(false).endStatus().build()).always();
    return s;
  }

  /** A new client with enough connections and no request rate limiting. */
  public KubernetesClient newClient() {
    Config base = server.createClient().getConfiguration();
    Config config = new ConfigBuilder(base).withMaxConcurrentRequests(256).withMaxConcurrentRequestsPerHost(256)
        .withRequestTimeout(120_000).build();
    return new KubernetesClientBuilder().withConfig(config).build();
  }

  /** A new client like {@link #newClient()} whose requests are counted under {@code identity} (sent as its bearer token). */
  public KubernetesClient newClient(String identity) {
    Config base = server.createClient().getConfiguration();
    Config config = new ConfigBuilder(base).withMaxConcurrentRequests(256).withMaxConcurrentRequestsPerHost(256)
        .withRequestTimeout(120_000).withOauthToken(identity).build();
    return new KubernetesClientBuilder().withConfig(config).build();
  }

  /** The server's URL, for a kubeconfig. */
  public String url() {
    return server.url("/").replaceAll("/$", "");
  }

  /** The traffic of one client identity so far (empty if it sent nothing). */
  public Traffic.Snapshot traffic(String identity) {
    Traffic t = traffic.get(identity);
    return t == null ? Traffic.Snapshot.EMPTY : t.snapshot();
  }

  /** The largest single response body sent so far, to any client. */
  public long largestResponseBytes() {
    return traffic.values().stream().mapToLong(t -> t.snapshot().largestResponse()).max().orElse(0);
  }

  private Traffic trafficOf(String identity) {
    return traffic.computeIfAbsent(identity, k -> new Traffic());
  }

  static String identity(String authorization) {
    return authorization != null && authorization.startsWith("Bearer ") ? authorization.substring(7).trim() : "anonymous";
  }

  /** Requests served so far, by verb. */
  public Map<String, Long> counts() {
    Map<String, Long> out = new TreeMap<>();
    counts.forEach((k, v) -> out.put(k, v.sum()));
    return out;
  }

  public static Map<String, Long> diff(Map<String, Long> after, Map<String, Long> before) {
    Map<String, Long> out = new TreeMap<>();
    after.forEach((k, v) -> {
      long d = v - before.getOrDefault(k, 0L);
      if (d != 0) {
        out.put(k, d);
      }
    });
    return out;
  }

  static String verb(String method, String rawPath) {
    String path = rawPath;
    int q = path.indexOf('?');
    String query = q < 0 ? "" : path.substring(q + 1);
    if (q >= 0) {
      path = path.substring(0, q);
    }
    switch (method) {
      case "POST":
        return "CREATE";
      case "PUT":
        return "UPDATE";
      case "PATCH":
        return "PATCH";
      case "DELETE":
        return "DELETE";
      default:
        break;
    }
    if (query.contains("watch=true") || query.contains("watch=1")) {
      return "WATCH";
    }
    String[] segs = path.replaceAll("^/+|/+$", "").split("/");
    int prefix;
    if (segs.length >= 2 && "api".equals(segs[0])) {
      prefix = 2;
    } else if (segs.length >= 3 && "apis".equals(segs[0])) {
      prefix = 3;
    } else {
      return "DISCOVERY";
    }
    int rest = segs.length - prefix;
    if (rest <= 0) {
      return "DISCOVERY";
    }
    if ("namespaces".equals(segs[prefix]) && rest >= 3) {
      return rest == 3 ? "LIST" : "GET";
    }
    return rest == 1 ? "LIST" : "GET";
  }

  @Override
  public void close() {
    server.destroy();
  }
}
