package dev.mlops.maturity.bench;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.client.Config;
import org.junit.jupiter.api.Test;

/** The scheduled audit's plumbing: its kubeconfig names it at the API server, its CPU comes from the kernel's children times. */
class AuditProcessTest {

  @Test
  void theKubeconfigPointsAtTheBenchServerWithTheAuditsToken() {
    Config config = Config.fromKubeconfig(null, AuditProcess.kubeconfig("http://127.0.0.1:4321"), null);
    assertThat(config.getMasterUrl()).startsWith("http://127.0.0.1:4321");
    // Fabric8 keeps a kubeconfig user's token as the "auto" token, sent as the bearer token
    assertThat(config.getOauthToken() != null ? config.getOauthToken() : config.getAutoOAuthToken()).isEqualTo(AuditProcess.IDENTITY);
  }

  @Test
  void childrenCpuIsCutimePlusCstimeEvenWhenTheCommandNameHoldsSpacesAndParentheses() {
    // stat(5): pid (comm) state ppid ... utime(14) stime(15) cutime(16) cstime(17) ...
    String stat = "4242 (java (x) y) S 1 4242 4242 0 -1 4194560 100 0 0 0 700 80 250 120 20 0 40 0 12345 0 0";
    assertThat(ChildrenCpu.parse(stat)).isEqualTo(3.7);
  }

  @Test
  void theRequestsOfEachClientAreCountedUnderItsBearerToken() {
    try (ApiServer api = ApiServer.start(); var audit = api.newClient(AuditProcess.IDENTITY); var other = api.newClient("other")) {
      audit.namespaces().list();
      audit.namespaces().list();
      other.namespaces().withName("x").get();
      assertThat(api.traffic(AuditProcess.IDENTITY).requests()).containsEntry("LIST", 2L).doesNotContainKey("GET");
      assertThat(api.traffic(AuditProcess.IDENTITY).bytes().get("LIST")).isPositive();
      assertThat(api.traffic("other").requests()).containsEntry("GET", 1L).doesNotContainKey("LIST");
      assertThat(ApiServer.identity(null)).isEqualTo("anonymous");
    }
  }
}
