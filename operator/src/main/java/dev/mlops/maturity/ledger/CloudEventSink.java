package dev.mlops.maturity.ledger;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.mlops.maturity.api.v1alpha1.PromotionEntry;
import io.cloudevents.CloudEvent;
import io.cloudevents.core.builder.CloudEventBuilder;
import io.cloudevents.jackson.JsonFormat;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends each promotion as a CloudEvent 1.0 in structured JSON mode (type {@value #TYPE}) to the admin-configured
 * URL, off the reconcile thread. A failed attempt is retried after a doubling delay up to {@code maxAttempts}; the
 * outcome is reported so the ledger entry says Delivered or Failed. The event id is stable (namespace/target/sequence),
 * so a receiver can drop the duplicate a resend after a restart may produce.
 */
public final class CloudEventSink implements PromotionSink {
  public static final String TYPE = "dev.mlops.maturity.promotion";
  private static final Logger log = LoggerFactory.getLogger(CloudEventSink.class);
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Duration TIMEOUT = Duration.ofSeconds(5);

  private final URI url;
  private final int maxAttempts;
  private final Duration retryDelay;
  private final ScheduledExecutorService executor;
  private final Outcome outcome;
  private final HttpClient http = HttpClient.newBuilder().connectTimeout(TIMEOUT).followRedirects(HttpClient.Redirect.NEVER).build();
  private final Set<String> inFlight = ConcurrentHashMap.newKeySet();
  /** Ids whose outcome is known, so a ledger read from a lagging cache does not send them again (promotions are rare). */
  private final Set<String> finished = ConcurrentHashMap.newKeySet();

  public CloudEventSink(URI url, int maxAttempts, Duration retryDelay, ScheduledExecutorService executor, Outcome outcome) {
    this.url = url;
    this.maxAttempts = maxAttempts;
    this.retryDelay = retryDelay;
    this.executor = executor;
    this.outcome = outcome;
  }

  @Override
  public boolean configured() {
    return true;
  }

  @Override
  public void send(String namespace, String target, String model, PromotionEntry entry) {
    String id = id(namespace, target, entry.sequence);
    if (finished.contains(id) || !inFlight.add(id)) {
      return;
    }
    byte[] body;
    try {
      body = new JsonFormat().serialize(event(namespace, target, model, entry));
    } catch (RuntimeException e) {
      inFlight.remove(id);
      log.warn("{}/{}: promotion #{} cannot be encoded as a CloudEvent: {}", namespace, target, entry.sequence, e.toString());
      return;
    }
    executor.execute(() -> attempt(namespace, target, entry.sequence, body, 1));
  }

  static String id(String namespace, String target, Long sequence) {
    return namespace + "/" + target + "/" + sequence;
  }

  static CloudEvent event(String namespace, String target, String model, PromotionEntry entry) {
    Map<String, Object> data = new LinkedHashMap<>();
    data.put("namespace", namespace);
    data.put("target", target);
    data.put("model", model);
    data.put("entry", JSON.convertValue(entry, Map.class));
    byte[] json;
    try {
      json = JSON.writeValueAsBytes(data);
    } catch (IOException e) {
      throw new IllegalStateException("promotion entry is not serialisable", e);
    }
    CloudEventBuilder b = CloudEventBuilder.v1()
        .withId(id(namespace, target, entry.sequence))
        .withSource(URI.create("/apis/maturity.mlops.dev/v1alpha1/namespaces/" + namespace + "/maturityledgers/" + target))
        .withType(TYPE)
        .withSubject(model + "@" + entry.alias + " v" + entry.toVersion)
        .withDataContentType("application/json")
        .withData(json);
    if (entry.observedAt != null) {
      b.withTime(OffsetDateTime.parse(entry.observedAt.endsWith("Z") ? entry.observedAt : entry.observedAt + "Z"));
    }
    return b.build();
  }

  private void attempt(String namespace, String target, long sequence, byte[] body, int attempt) {
    String problem;
    try {
      HttpResponse<Void> response = http.send(HttpRequest.newBuilder(url).timeout(TIMEOUT)
          .header("Content-Type", JsonFormat.CONTENT_TYPE).POST(HttpRequest.BodyPublishers.ofByteArray(body)).build(),
          HttpResponse.BodyHandlers.discarding());
      if (response.statusCode() / 100 == 2) {
        finish(id(namespace, target, sequence));
        report(() -> outcome.delivered(namespace, target, sequence, attempt));
        return;
      }
      problem = "HTTP " + response.statusCode();
    } catch (IOException e) {
      problem = e.getClass().getSimpleName();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return;
    }
    if (attempt >= maxAttempts) {
      log.warn("{}/{}: promotion #{} not delivered to the CloudEvents sink after {} attempts ({}); it stays in the ledger as Failed",
          namespace, target, sequence, attempt, problem);
      finish(id(namespace, target, sequence));
      report(() -> outcome.failed(namespace, target, sequence, attempt));
      return;
    }
    long delay = retryDelay.toMillis() << Math.min(attempt - 1, 6);
    executor.schedule(() -> attempt(namespace, target, sequence, body, attempt + 1), delay, TimeUnit.MILLISECONDS);
  }

  private void finish(String id) {
    finished.add(id);
    inFlight.remove(id);
  }

  private static void report(Runnable r) {
    try {
      r.run();
    } catch (RuntimeException e) {
      // the ledger could not be updated now; the entry stays Pending and is sent again on a later reconcile
      log.warn("cannot record a delivery outcome in the ledger: {}", e.toString());
    }
  }
}
