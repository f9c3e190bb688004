package org.mozilla.balrog.logs.window;

/** One question of the deploy procedure, answered from the inputs. */
public interface WindowRule {
  /** The rule's id, as reasons carry it: {@code calendar}, {@code health.5xx}... */
  String id();

  Reason judge(WindowInputs in, WindowSettings s);
}
