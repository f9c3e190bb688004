package org.mozilla.balrog.logs.model;

/** What a request path is, for counting (docs/design.md#update-requests: Dockerflow apart). */
public enum RequestKind {
  /** {@code /update/N/...update.xml} */
  UPDATE,
  /** {@code /json/N/...update.json} */
  JSON,
  /** {@code /__heartbeat__}, {@code /__lbheartbeat__}, {@code /__version__} */
  DOCKERFLOW,
  /** {@code /api/...} (public read-only API on aus-api, admin API) */
  API,
  /** anything else: static files, junk, scanners, TCP requests */
  OTHER;

  public String code() {
    return name().toLowerCase(java.util.Locale.ROOT);
  }
}
