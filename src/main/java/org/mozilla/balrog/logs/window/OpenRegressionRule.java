package org.mozilla.balrog.logs.window;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * Open regressions: a deploy of the last {@code window.regression.days} days (started before the
 * push) whose overall {@code deploy_impact} verdict is {@code regression}, and that no later deploy
 * of the same app (from {@code deploys} or {@code deploy_impact}) followed before the push — no
 * rollback or fix yet. No-go while one is open.
 */
public final class OpenRegressionRule implements WindowRule {
  public static final String ID = "open-regression";

  @Override
  public String id() {
    return ID;
  }

  @Override
  public Reason judge(WindowInputs in, WindowSettings s) {
    Instant to = in.at();
    Instant from = to.minus(Duration.ofDays(s.regressionDays()));
    List<JudgedDeploy> judged =
        in.judged().stream()
            .filter(j -> !j.startedAt().isBefore(from) && j.startedAt().isBefore(to))
            .sorted(Comparator.comparing(JudgedDeploy::startedAt))
            .toList();
    long deployRows =
        in.deploys().stream()
            .filter(d -> !d.startedAt().isBefore(from) && d.startedAt().isBefore(to))
            .count();
    Evidence impact = new Evidence("deploy_impact", from, to, judged.size());
    Evidence deploys = new Evidence("deploys", from, to, deployRows);
    List<String> open = new ArrayList<>();
    List<String> closed = new ArrayList<>();
    for (JudgedDeploy j : judged) {
      if (!j.verdict().equals("regression")) {
        continue;
      }
      Optional<DeployStart> later = laterDeploy(in, j);
      if (later.isPresent()) {
        closed.add(
            j.deployId()
                + " ("
                + j.app()
                + ", "
                + Times.utc(j.startedAt())
                + ") followed by "
                + later.get().deployId()
                + " at "
                + Times.utc(later.get().startedAt()));
      } else {
        open.add(
            j.deployId()
                + " ("
                + j.app()
                + ", started "
                + Times.utc(j.startedAt())
                + "): "
                + j.reason());
      }
    }
    String scope = " in the last " + s.regressionDays() + "d";
    if (!open.isEmpty()) {
      return Reason.of(
          ID,
          Call.NO_GO,
          "open regression"
              + (open.size() == 1 ? " " : "s ")
              + String.join("; ", open)
              + "; no later deploy of the app (rollback or fix) before the push",
          impact,
          deploys);
    }
    if (!closed.isEmpty()) {
      return Reason.of(
          ID,
          Call.GO,
          "every regression" + scope + " was followed by a deploy: " + String.join("; ", closed),
          impact,
          deploys);
    }
    return Reason.of(
        ID,
        Call.GO,
        "no regression verdict"
            + scope
            + " ("
            + judged.size()
            + " judged deploy"
            + (judged.size() == 1 ? ")" : "s)"),
        impact,
        deploys);
  }

  private static Optional<DeployStart> laterDeploy(WindowInputs in, JudgedDeploy j) {
    List<DeployStart> all = new ArrayList<>(in.deploys());
    for (JudgedDeploy o : in.judged()) {
      all.add(new DeployStart(o.deployId(), o.app(), o.startedAt()));
    }
    return all.stream()
        .filter(
            d ->
                d.app().equals(j.app())
                    && !d.deployId().equals(j.deployId())
                    && d.startedAt().isAfter(j.startedAt())
                    && d.startedAt().isBefore(in.at()))
        .min(Comparator.comparing(DeployStart::startedAt));
  }
}
