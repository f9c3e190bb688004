package org.mozilla.balrog.logs.impact;

import java.time.Instant;
import org.mozilla.balrog.logs.model.BalrogApp;

/**
 * What a deploy's impact is judged on: which app changed, when its rollout started and when it
 * ended. {@code deploy.Deploy} is one; the impact rules need nothing else of it.
 */
public interface ImpactSubject {
  /** The deploy's id ({@code deploy_impact.deploy_id}). */
  String id();

  /** The app that was deployed. */
  BalrogApp app();

  /** The first restart (the declared time when no restart was seen). */
  Instant startedAt();

  /** The last host back up; null when the rollout was not seen. */
  Instant finishedAt();

  /** When the after window starts: the last host back up, or an assumed rollout length. */
  Instant rolloutEnd();
}
