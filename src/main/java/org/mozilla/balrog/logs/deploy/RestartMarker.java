package org.mozilla.balrog.logs.deploy;

import java.time.Instant;
import java.util.Objects;
import org.mozilla.balrog.logs.model.BalrogApp;

/**
 * One sign that a host of an app restarted (docs/formats.md#deploy-and-migration-markers).
 *
 * @param host the syslog host name; when a line has none (srslog's unix format) the Docker tag
 *     stands in for it
 * @param tag the syslog tag (the Docker container id), may be null
 */
record RestartMarker(Instant time, BalrogApp app, String host, String tag, Kind kind) {

  public enum Kind {
    /** {@code goodbye to uWSGI.} from the old container. */
    STOP("goodbye"),
    /** {@code *** Starting uWSGI ...} from the new container. */
    START("uWSGI start"),
    /**
     * The app is serving again: {@code WSGI app 0 ... ready in}, or the agent's JSON start line.
     */
    READY("ready"),
    /** A container id (syslog tag) the host had not logged under before that day. */
    NEW_CONTAINER("new container");

    private final String label;

    Kind(String label) {
      this.label = label;
    }

    /** How evidence texts name the kind. */
    public String label() {
      return label;
    }
  }

  public RestartMarker {
    Objects.requireNonNull(time, "time");
    Objects.requireNonNull(app, "app");
    Objects.requireNonNull(host, "host");
    Objects.requireNonNull(kind, "kind");
  }
}
