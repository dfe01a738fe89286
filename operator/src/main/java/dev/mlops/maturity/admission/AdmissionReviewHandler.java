package dev.mlops.maturity.admission;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.mlops.maturity.whatif.ChangeVerdict;
import dev.mlops.maturity.whatif.PlannedObject;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One AdmissionReview v1 in, one out: the change in the request is overlaid on the cluster and evaluated
 * against the targets it affects. The answer carries a warning per target that would drop and is a denial
 * only when the evaluator says so (an opted-in target losing a capability). Anything it cannot read or
 * evaluate is allowed with a logged error: a maturity check must never block a deploy by failing.
 */
public final class AdmissionReviewHandler {
  private static final Logger log = LoggerFactory.getLogger(AdmissionReviewHandler.class);
  /** The API server shows warnings of up to 256 characters (longer ones may be truncated). */
  static final int MAX_WARNING = 256;
  private static final ObjectMapper JSON = Serialization.jsonMapper();

  private final Function<PlannedObject, ChangeVerdict> evaluator;

  public AdmissionReviewHandler(Function<PlannedObject, ChangeVerdict> evaluator) {
    this.evaluator = evaluator;
  }

  /** The AdmissionReview response for {@code body}. */
  public String handle(String body) {
    JsonNode review;
    try {
      review = JSON.readTree(body);
    } catch (Exception e) {
      log.error("admission: the request body is not JSON ({}); allowing", e.getClass().getSimpleName());
      return respond("", ChangeVerdict.ALLOW);
    }
    JsonNode request = review == null ? null : review.get("request");
    String uid = request == null ? "" : request.path("uid").asText("");
    if (request == null || !request.isObject() || uid.isEmpty()
        || !"admission.k8s.io/v1".equals(review.path("apiVersion").asText()) || !"AdmissionReview".equals(review.path("kind").asText())) {
      log.error("admission: not an admission.k8s.io/v1 AdmissionReview with a request uid; allowing");
      return respond(uid, ChangeVerdict.ALLOW);
    }
    try {
      PlannedObject change = change(request);
      return respond(uid, change == null ? ChangeVerdict.ALLOW : evaluator.apply(change));
    } catch (RuntimeException e) {
      log.error("admission: cannot evaluate request {} ({} {}); allowing", uid, request.path("operation").asText(),
          request.path("kind").path("kind").asText(), e);
      return respond(uid, ChangeVerdict.ALLOW);
    }
  }

  /** The object the request creates, replaces or deletes; null for an operation that changes no object (CONNECT). */
  private static PlannedObject change(JsonNode request) {
    String operation = request.path("operation").asText();
    String where = "admission request " + request.path("uid").asText();
    boolean delete = "DELETE".equals(operation);
    if (!delete && !"CREATE".equals(operation) && !"UPDATE".equals(operation)) {
      return null;
    }
    JsonNode source = request.get(delete ? "oldObject" : "object");
    GenericKubernetesResource object = source == null || source.isNull()
        ? identity(request) : JSON.convertValue(source, GenericKubernetesResource.class);
    if (object.getMetadata() == null) {
      object.setMetadata(new ObjectMeta());
    }
    if (object.getMetadata().getName() == null) {
      object.getMetadata().setName(request.path("name").asText());
    }
    if (object.getMetadata().getNamespace() == null && request.hasNonNull("namespace")) {
      object.getMetadata().setNamespace(request.get("namespace").asText());
    }
    if (object.getApiVersion() == null || object.getKind() == null) {
      GenericKubernetesResource id = identity(request);
      object.setApiVersion(id.getApiVersion());
      object.setKind(id.getKind());
    }
    return new PlannedObject(object, delete, where);
  }

  /** The object named by the request's kind, namespace and name (a DELETE without oldObject). */
  private static GenericKubernetesResource identity(JsonNode request) {
    JsonNode kind = request.path("kind");
    String group = kind.path("group").asText("");
    GenericKubernetesResource object = new GenericKubernetesResource();
    object.setApiVersion(group.isEmpty() ? kind.path("version").asText() : group + "/" + kind.path("version").asText());
    object.setKind(kind.path("kind").asText());
    ObjectMeta meta = new ObjectMeta();
    meta.setName(request.path("name").asText());
    meta.setNamespace(request.hasNonNull("namespace") ? request.get("namespace").asText() : null);
    object.setMetadata(meta);
    return object;
  }

  private static String respond(String uid, ChangeVerdict verdict) {
    ObjectNode review = JSON.createObjectNode();
    review.put("apiVersion", "admission.k8s.io/v1").put("kind", "AdmissionReview");
    ObjectNode response = review.putObject("response");
    response.put("uid", uid).put("allowed", verdict.denial().isEmpty());
    if (!verdict.warnings().isEmpty()) {
      var warnings = response.putArray("warnings");
      verdict.warnings().forEach(w -> warnings.add(w.length() > MAX_WARNING ? w.substring(0, MAX_WARNING - 1) + "…" : w));
    }
    verdict.denial().ifPresent(message -> response.putObject("status").put("code", 403).put("reason", "Forbidden").put("message", message));
    return review.toString();
  }
}
