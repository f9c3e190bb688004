package org.mozilla.balrog.logs.deploy;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.mozilla.balrog.logs.model.BalrogApp;

/**
 * The first line a host logged under one syslog tag (a Docker container id,
 * docs/formats.md#dockers-syslog-driver) on a day.
 *
 * @param host syslog host name (or the tag when the line has none)
 */
record ContainerSighting(BalrogApp app, String host, String tag, Instant firstSeen) {
  public ContainerSighting {
    Objects.requireNonNull(app, "app");
    Objects.requireNonNull(host, "host");
    Objects.requireNonNull(tag, "tag");
    Objects.requireNonNull(firstSeen, "firstSeen");
  }

  /**
   * A {@link RestartMarker.Kind#NEW_CONTAINER} marker for every tag a host started logging under
   * after its first tag of the day. A tag that logged a migration line is a one-shot migration
   * container, not a restart of the app, and is left out.
   */
  public static List<RestartMarker> newContainers(
      List<ContainerSighting> sightings, List<MigrationMarker> migrations) {
    Set<String> migrationContainers = new HashSet<>();
    for (MigrationMarker m : migrations) {
      if (m.tag() != null) {
        migrationContainers.add(m.host() + "\u0000" + m.tag());
      }
    }
    Map<String, List<ContainerSighting>> byHost = new LinkedHashMap<>();
    for (ContainerSighting s : sightings) {
      byHost.computeIfAbsent(s.app().code() + "\u0000" + s.host(), k -> new ArrayList<>()).add(s);
    }
    List<RestartMarker> out = new ArrayList<>();
    for (List<ContainerSighting> host : byHost.values()) {
      host.sort(
          Comparator.comparing(ContainerSighting::firstSeen).thenComparing(ContainerSighting::tag));
      for (int i = 1; i < host.size(); i++) {
        ContainerSighting s = host.get(i);
        if (!migrationContainers.contains(s.host() + "\u0000" + s.tag())) {
          out.add(
              new RestartMarker(
                  s.firstSeen(), s.app(), s.host(), s.tag(), RestartMarker.Kind.NEW_CONTAINER));
        }
      }
    }
    out.sort(Comparator.comparing(RestartMarker::time));
    return out;
  }
}
