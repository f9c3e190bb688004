package org.mozilla.balrog.logs.deploy;

import java.time.Duration;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.mozilla.balrog.logs.impact.ImpactRule;
import org.mozilla.balrog.logs.impact.ImpactWindows;
import org.mozilla.balrog.logs.model.Durations;

/**
 * The deploy settings of {@code --config}/{@code --set} (used by {@code deploy-impact} and {@code
 * daily}):
 *
 * <ul>
 *   <li>{@code deploy.restart-gap} (default 15m): the largest gap between restarts of one rollout;
 *   <li>{@code deploy.before}, {@code deploy.after} (default 1h each): window lengths ({@code
 *       deploy-impact}'s {@code --before}/{@code --after} win);
 *   <li>{@code impact.<kind>.<threshold>}, kind {@code rate}, {@code event-rate} or {@code
 *       latency}, threshold {@code alpha}, {@code min-ratio}, {@code min-absolute} or {@code
 *       min-exposure}: the {@link ImpactRule} thresholds (a regression needs {@code p < alpha}, a
 *       ratio of at least {@code min-ratio} and an absolute increase of at least {@code
 *       min-absolute}: a fraction of requests, events per minute, or ms).
 * </ul>
 */
public record ImpactSettings(
    Duration restartGap, Duration before, Duration after, Map<ImpactRule.Kind, ImpactRule> rules) {
  public static final String RESTART_GAP = "deploy.restart-gap";
  public static final String BEFORE = "deploy.before";
  public static final String AFTER = "deploy.after";
  private static final List<String> THRESHOLDS =
      List.of("alpha", "min-ratio", "min-absolute", "min-exposure");

  /** Every key this class reads. */
  public static final Set<String> KEYS = keys();

  public ImpactSettings {
    rules = Map.copyOf(rules);
  }

  private static Set<String> keys() {
    Set<String> k = new TreeSet<>(List.of(RESTART_GAP, BEFORE, AFTER));
    for (ImpactRule.Kind kind : ImpactRule.Kind.values()) {
      for (String t : THRESHOLDS) {
        k.add(key(kind, t));
      }
    }
    return Set.copyOf(k);
  }

  static String key(ImpactRule.Kind kind, String threshold) {
    return "impact." + kind.name().toLowerCase(Locale.ROOT).replace('_', '-') + "." + threshold;
  }

  /**
   * Reads the settings; absent keys keep the defaults.
   *
   * @throws IllegalArgumentException naming the key when a value is not valid
   */
  public static ImpactSettings from(Map<String, String> settings) {
    Duration gap = duration(settings, RESTART_GAP, DeployDetector.DEFAULT_GAP);
    Duration before = duration(settings, BEFORE, ImpactWindows.DEFAULT_BEFORE);
    Duration after = duration(settings, AFTER, ImpactWindows.DEFAULT_AFTER);
    Map<ImpactRule.Kind, ImpactRule> rules = new EnumMap<>(ImpactRule.Kind.class);
    for (ImpactRule.Kind kind : ImpactRule.Kind.values()) {
      ImpactRule r = ImpactRule.defaults(kind);
      for (String t : THRESHOLDS) {
        String v = settings.get(key(kind, t));
        if (v == null) {
          continue;
        }
        double d = number(key(kind, t), v);
        try {
          r =
              switch (t) {
                // the warn level is never below alpha: raise it with alpha
                case "alpha" ->
                    new ImpactRule(
                        kind,
                        d,
                        Math.max(d, r.warnAlpha()),
                        r.minRatio(),
                        r.minAbsolute(),
                        r.minExposure(),
                        r.minEvents());
                case "min-ratio" -> r.withMinRatio(d);
                case "min-absolute" -> r.withMinAbsolute(d);
                default -> r.withMinExposure(d);
              };
        } catch (IllegalArgumentException e) {
          throw new IllegalArgumentException(key(kind, t) + "=" + v + ": " + e.getMessage());
        }
      }
      rules.put(kind, r);
    }
    return new ImpactSettings(gap, before, after, rules);
  }

  private static Duration duration(Map<String, String> settings, String key, Duration dflt) {
    String v = settings.get(key);
    return v == null ? dflt : Durations.parse(key, v);
  }

  private static double number(String key, String v) {
    try {
      return Double.parseDouble(v.strip());
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(key + " must be a number: '" + v + "'");
    }
  }
}
