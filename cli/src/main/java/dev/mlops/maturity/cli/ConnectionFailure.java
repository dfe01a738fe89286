package dev.mlops.maturity.cli;

import io.fabric8.kubernetes.client.KubernetesClientException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.net.http.HttpTimeoutException;
import java.security.cert.CertificateException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeoutException;
import javax.net.ssl.SSLException;

/**
 * Why a call to the API server failed, in one line a user can act on: the host (unreachable, refused,
 * unknown, timed out), TLS (certificate not trusted, handshake failed) or the credentials (401, 403).
 */
final class ConnectionFailure {
  private ConnectionFailure() {}

  /** One line naming the cause; {@code url} is the API server the client was configured with. */
  static String describe(String url, Throwable failure) {
    List<Throwable> chain = chain(failure);
    for (Throwable t : chain) {
      if (t instanceof KubernetesClientException k && k.getCode() == 401) {
        return "the API server at " + url + " refused the credentials (401 Unauthorized)";
      }
      if (t instanceof KubernetesClientException k && k.getCode() == 403) {
        return "the API server at " + url + " denied the request (403 Forbidden): " + firstLine(k.getStatus() != null
            && k.getStatus().getMessage() != null ? k.getStatus().getMessage() : k.getMessage());
      }
    }
    for (Throwable t : chain) {
      if (t instanceof CertificateException || isCertificatePath(t)) {
        return "TLS handshake with the Kubernetes API at " + url + " failed: the server's certificate is not trusted ("
            + firstLine(rootMessage(t)) + ")";
      }
    }
    for (Throwable t : chain) {
      if (t instanceof SSLException) {
        return "TLS handshake with the Kubernetes API at " + url + " failed: " + tlsReason(t);
      }
      if (t instanceof UnknownHostException) {
        return "cannot reach the Kubernetes API at " + url + ": unknown host " + firstLine(t.getMessage());
      }
      if (t instanceof ConnectException || t instanceof NoRouteToHostException) {
        return "cannot reach the Kubernetes API at " + url + ": " + connectReason(t);
      }
      if (t instanceof SocketTimeoutException || t instanceof TimeoutException || t instanceof HttpTimeoutException) {
        return "cannot reach the Kubernetes API at " + url + ": timed out";
      }
    }
    if (failure instanceof KubernetesClientException k && k.getCode() > 0) {
      return "the Kubernetes API at " + url + " answered HTTP " + k.getCode() + ": " + firstLine(k.getMessage());
    }
    return "cannot reach the Kubernetes API at " + url + ": " + firstLine(rootMessage(failure));
  }

  private static boolean isCertificatePath(Throwable t) {
    String name = t.getClass().getName();
    return name.endsWith("CertPathBuilderException") || name.endsWith("CertPathValidatorException")
        || name.equals("sun.security.validator.ValidatorException");
  }

  private static String tlsReason(Throwable t) {
    String message = firstLine(rootMessage(t));
    // the JDK's words for a server that answered in plain text (an http:// server behind an https:// URL)
    if (message.toLowerCase(Locale.ROOT).contains("unrecognized ssl message") || message.contains("plaintext connection")) {
      return "the server did not answer TLS (is it plain HTTP?)";
    }
    return message;
  }

  private static String connectReason(Throwable t) {
    String message = t.getMessage() == null ? "" : t.getMessage().toLowerCase(Locale.ROOT);
    // the JDK HTTP client reports a refused connection as a ConnectException without a message
    if (message.isEmpty() || message.contains("refused")) {
      return "connection refused";
    }
    if (t instanceof NoRouteToHostException || message.contains("no route")) {
      return "no route to host";
    }
    return firstLine(t.getMessage());
  }

  private static List<Throwable> chain(Throwable failure) {
    List<Throwable> out = new ArrayList<>();
    for (Throwable t = failure; t != null && !out.contains(t); t = t.getCause()) {
      out.add(t);
      for (Throwable s : t.getSuppressed()) {
        out.add(s);
      }
    }
    return out;
  }

  private static String rootMessage(Throwable t) {
    Throwable root = t;
    while (root.getCause() != null && root.getCause() != root) {
      root = root.getCause();
    }
    return root.getMessage() != null ? root.getMessage() : t.getMessage() != null ? t.getMessage() : root.getClass().getSimpleName();
  }

  private static String firstLine(String s) {
    return s == null ? "" : s.lines().findFirst().orElse("").trim();
  }
}
