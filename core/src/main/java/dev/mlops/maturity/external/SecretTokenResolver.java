package dev.mlops.maturity.external;

import dev.mlops.maturity.config.SecretKeyRef;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads endpoint tokens from Kubernetes Secrets: exactly the named Secret (a GET, never a LIST, so
 * RBAC can grant {@code get} on named Secrets only), cached for a minute so a rotated token is
 * picked up soon without a read per request. A failure gives no token and a reason; never the value.
 */
public final class SecretTokenResolver implements TokenResolver {
  public static final Duration TTL = Duration.ofMinutes(1);
  private static final Logger LOG = LoggerFactory.getLogger(SecretTokenResolver.class);

  private record Key(String namespace, String name, String key) {
    String secret() {
      return "Secret " + namespace + "/" + name;
    }
  }

  private record Resolved(Optional<String> token, String problem, Instant expires) {}

  private final KubernetesClient client;
  private final String operatorNamespace;
  private final Clock clock;
  private final Map<Key, Resolved> cache = new ConcurrentHashMap<>();

  /** {@code operatorNamespace} is where Secrets are read when a ref names no namespace. */
  public SecretTokenResolver(KubernetesClient client, String operatorNamespace, Clock clock) {
    this.client = client;
    this.operatorNamespace = operatorNamespace;
    this.clock = clock;
  }

  @Override
  public Optional<String> token(SecretKeyRef ref) {
    return resolve(ref).token();
  }

  @Override
  public Optional<String> problem(SecretKeyRef ref) {
    return Optional.ofNullable(resolve(ref).problem());
  }

  private Resolved resolve(SecretKeyRef ref) {
    if (ref == null || blank(ref.name()) || blank(ref.key())) {
      return new Resolved(Optional.empty(), "no Secret name and key", Instant.MAX);
    }
    String namespace = blank(ref.namespace()) ? operatorNamespace : ref.namespace();
    if (blank(namespace)) {
      return new Resolved(Optional.empty(), "no namespace for Secret " + ref.name(), Instant.MAX);
    }
    Key key = new Key(namespace, ref.name(), ref.key());
    Instant now = clock.instant();
    Resolved cached = cache.get(key);
    if (cached != null && now.isBefore(cached.expires())) {
      return cached;
    }
    Resolved fresh = read(key, now.plus(TTL));
    cache.put(key, fresh);
    if (fresh.problem() != null) {
      LOG.warn("no token from {}: {}", key.secret(), fresh.problem());
    }
    return fresh;
  }

  private Resolved read(Key key, Instant expires) {
    Secret secret;
    try {
      secret = client.secrets().inNamespace(key.namespace()).withName(key.name()).get();
    } catch (KubernetesClientException e) {
      String why = switch (e.getCode()) {
        case 403 -> "forbidden: cannot get " + key.secret();
        case 404 -> key.secret() + " not found";
        default -> "reading " + key.secret() + " failed" + (e.getCode() > 0 ? " (HTTP " + e.getCode() + ")" : "");
      };
      return new Resolved(Optional.empty(), why, expires);
    } catch (RuntimeException e) {
      return new Resolved(Optional.empty(), "reading " + key.secret() + " failed (" + e.getClass().getSimpleName() + ")", expires);
    }
    if (secret == null) {
      return new Resolved(Optional.empty(), key.secret() + " not found", expires);
    }
    String value = null;
    if (secret.getData() != null && secret.getData().get(key.key()) != null) {
      try {
        value = new String(Base64.getMimeDecoder().decode(secret.getData().get(key.key())), StandardCharsets.UTF_8);
      } catch (IllegalArgumentException e) {
        return new Resolved(Optional.empty(), "key '" + key.key() + "' of " + key.secret() + " is not base64", expires);
      }
    } else if (secret.getStringData() != null) {
      value = secret.getStringData().get(key.key());
    }
    if (value == null) {
      return new Resolved(Optional.empty(), key.secret() + " has no key '" + key.key() + "'", expires);
    }
    String token = value.strip();
    if (token.isEmpty()) {
      return new Resolved(Optional.empty(), "key '" + key.key() + "' of " + key.secret() + " is empty", expires);
    }
    return new Resolved(Optional.of(token), null, expires);
  }

  private static boolean blank(String s) {
    return s == null || s.isBlank();
  }
}
