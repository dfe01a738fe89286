package dev.mlops.maturity.demo;

import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.FileSystemNotFoundException;
import java.nio.file.FileSystems;
import java.nio.file.Path;
import java.util.Map;

/** The demo's files (cluster, integrations, CRDs), copied into the jar at build time from examples/ and crds/. */
final class DemoFiles {
  private DemoFiles() {}

  static Path root() throws IOException {
    URL url = DemoFiles.class.getResource("/demo/cluster");
    if (url == null) {
      throw new IOException("the demo files are not in the jar (build with mvn package)");
    }
    try {
      URI uri = url.toURI();
      if ("jar".equals(uri.getScheme())) {
        try {
          return FileSystems.getFileSystem(uri).getPath("/demo");
        } catch (FileSystemNotFoundException e) {
          return FileSystems.newFileSystem(uri, Map.of()).getPath("/demo");
        }
      }
      return Path.of(uri).getParent();
    } catch (URISyntaxException e) {
      throw new IOException(e);
    }
  }
}
