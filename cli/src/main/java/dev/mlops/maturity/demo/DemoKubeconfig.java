package dev.mlops.maturity.demo;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

/** A kubeconfig for the demo's in-process API server, so `kubectl get mt -A` works against the demo. */
public final class DemoKubeconfig {
  private DemoKubeconfig() {}

  /** Writes the kubeconfig (readable by its owner only) and returns its path. */
  public static Path write(Path file, String serverUrl) throws IOException {
    String text = """
        apiVersion: v1
        kind: Config
        clusters:
        - name: mlops-maturity-demo
          cluster:
            server: %s
        users:
        - name: demo
          user: {}
        contexts:
        - name: mlops-maturity-demo
          context: {cluster: mlops-maturity-demo, user: demo, namespace: default}
        current-context: mlops-maturity-demo
        """.formatted(serverUrl.replaceAll("/+$", ""));
    Files.writeString(file, text);
    try {
      Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
    } catch (UnsupportedOperationException e) {
      // not a POSIX file system: the default permissions stay
    }
    return file;
  }
}
