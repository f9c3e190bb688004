package org.mozilla.balrog.logs.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.mozilla.balrog.logs.model.BalrogApp;

class ContainerSightingTest {
  static final Instant T = Instant.parse("2026-11-02T10:00:00Z");

  @Test
  void everyTagAfterAHostsFirstIsANewContainer() {
    List<ContainerSighting> s =
        List.of(
            new ContainerSighting(BalrogApp.WEB, "h1", "docker/bbb", T.plusSeconds(60)),
            new ContainerSighting(BalrogApp.WEB, "h1", "docker/aaa", T),
            new ContainerSighting(BalrogApp.WEB, "h2", "docker/ccc", T.plusSeconds(5)),
            new ContainerSighting(BalrogApp.WEB, "h1", "docker/ddd", T.plusSeconds(900)));
    List<RestartMarker> m = ContainerSighting.newContainers(s, List.of());
    assertThat(m)
        .containsExactly(
            new RestartMarker(
                T.plusSeconds(60),
                BalrogApp.WEB,
                "h1",
                "docker/bbb",
                RestartMarker.Kind.NEW_CONTAINER),
            new RestartMarker(
                T.plusSeconds(900),
                BalrogApp.WEB,
                "h1",
                "docker/ddd",
                RestartMarker.Kind.NEW_CONTAINER));
  }

  @Test
  void aOneShotMigrationContainerIsNoRestart() {
    List<ContainerSighting> s =
        List.of(
            new ContainerSighting(BalrogApp.ADMIN, "h1", "docker/app", T),
            new ContainerSighting(BalrogApp.ADMIN, "h1", "docker/migrate", T.plusSeconds(60)));
    MigrationMarker mig =
        new MigrationMarker(T.plusSeconds(61), "h1", "docker/migrate", "Running upgrade 1 -> 2");
    assertThat(ContainerSighting.newContainers(s, List.of(mig))).isEmpty();
    // the same tag on another host is another container
    MigrationMarker other =
        new MigrationMarker(T.plusSeconds(61), "h2", "docker/migrate", "Running upgrade 1 -> 2");
    assertThat(ContainerSighting.newContainers(s, List.of(other))).hasSize(1);
  }

  @Test
  void appsAreKeptApart() {
    List<ContainerSighting> s =
        List.of(
            new ContainerSighting(BalrogApp.ADMIN, "h1", "docker/a", T),
            new ContainerSighting(BalrogApp.AGENT, "h1", "docker/b", T.plusSeconds(1)));
    assertThat(ContainerSighting.newContainers(s, List.of())).isEmpty();
  }
}
