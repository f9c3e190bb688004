package org.mozilla.balrog.logs.gen;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Locale;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.mozilla.balrog.logs.model.BalrogApp;
import org.mozilla.balrog.logs.model.DeployText;

/**
 * A deploy to simulate: at {@code time} the app's hosts restart one after another (rolling). The
 * app is the public web app unless the id starts with {@code admin} or {@code agent} (see {@link
 * #app()}).
 *
 * <p>Text form (see {@link #parse}): {@code ID@TIME[:CHANGE[=EFFECT]][:migration]}, CHANGE being
 * one of
 *
 * <ul>
 *   <li>(none): a clean deploy, nothing changes but the version;
 *   <li>{@code regression}: the new build fails an extra share of requests with a backend 500, is
 *       slower, and logs a new exception signature (default effect {@code 0.03x2.5}: 3 % more 500s,
 *       latency x2.5);
 *   <li>{@code minor}: a harmless small change, no new signature (default effect {@code
 *       0.00003x1.03}: 10 % more than the usual 0.03 % of update 500s, latency x1.03);
 *   <li>{@code rollback}: back to the version that ran before the previous deploy of the same app;
 *       the rolled-back-to build is healthy (no effect).
 * </ul>
 *
 * <p>EFFECT is {@code RATE[xFACTOR]} or {@code xFACTOR}: RATE is the extra share of requests
 * answered 500 (a fraction, {@code 0.01}, or a percentage, {@code 1%}), FACTOR multiplies backend
 * latency; an omitted part keeps the change's default. The effect lasts until the next deploy of
 * the same app (any deploy ends it). It applies to update and API requests for web (aus3/aus4/aus5
 * update requests, aus-api), to admin requests for admin; the agent has no requests of its own, so
 * only its new signature shows. A regression's new signature is logged in proportion to RATE (none
 * when RATE is 0): by the web app every ~20 s per host at 3 %, or once per failed aus5 update
 * request (see {@link GeneratorConfig.RegressionLogs}); by the admin app in its "Caught ISE 500"
 * lines; by the agent every few minutes.
 *
 * @param change what the new build does
 * @param effect its effect; {@link Effect#NONE} for clean deploys and rollbacks
 * @param migration a schema migration (alembic) runs on an admin host just before the rollout
 */
public record DeploySpec(String id, Instant time, Change change, Effect effect, boolean migration) {

  /** What a deploy changes. */
  public enum Change {
    CLEAN,
    MINOR,
    REGRESSION,
    ROLLBACK;

    /** The flag word of the text form; empty for {@link #CLEAN}. */
    public String flag() {
      return this == CLEAN ? "" : name().toLowerCase(Locale.ROOT);
    }

    /** The effect when the spec gives none. */
    public Effect defaultEffect() {
      return switch (this) {
        case REGRESSION -> Effect.REGRESSION_DEFAULT;
        case MINOR -> Effect.MINOR_DEFAULT;
        default -> Effect.NONE;
      };
    }
  }

  /**
   * How a new build changes the app's answers.
   *
   * @param errorRate extra share of requests answered with a backend 500, in [0, 1]
   * @param latencyFactor multiplies backend processing time, in (0, 1000]
   */
  public record Effect(double errorRate, double latencyFactor) {
    public static final Effect NONE = new Effect(0, 1);
    public static final Effect REGRESSION_DEFAULT = new Effect(0.03, 2.5);
    public static final Effect MINOR_DEFAULT = new Effect(0.00003, 1.03);

    public Effect {
      if (!(errorRate >= 0 && errorRate <= 1)) {
        throw new IllegalArgumentException(
            "error rate must be a fraction between 0 and 1 (1% = 0.01): " + errorRate);
      }
      if (!(latencyFactor > 0 && latencyFactor <= 1000)) {
        throw new IllegalArgumentException(
            "latency factor must be above 0 and at most 1000: " + latencyFactor);
      }
    }

    /** {@code RATExFACTOR}, accepted by {@link DeploySpec#parse}. */
    @Override
    public String toString() {
      return number(errorRate) + "x" + number(latencyFactor);
    }
  }

  private static final String FORM =
      "ID@TIME[:regression[=RATE[xFACTOR]]|:minor[=RATE[xFACTOR]]|:rollback][:migration]";
  private static final Pattern ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]*");
  private static final Pattern FLAG = Pattern.compile("([A-Za-z]+)(?:=(.*))?");
  private static final Pattern EFFECT =
      Pattern.compile("(?:(\\d+(?:\\.\\d*)?|\\.\\d+)(%)?)?(?:[xX](\\d+(?:\\.\\d*)?|\\.\\d+))?");

  public DeploySpec {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(time, "time");
    Objects.requireNonNull(change, "change");
    if (!ID.matcher(id).matches()) {
      throw new IllegalArgumentException(
          "deploy id must be letters, digits, '.', '_' or '-' (starting with a letter or digit): '"
              + id
              + "'");
    }
    if (effect == null) {
      effect = change.defaultEffect();
    }
    if ((change == Change.CLEAN || change == Change.ROLLBACK) && !effect.equals(Effect.NONE)) {
      throw new IllegalArgumentException(
          "a "
              + change.name().toLowerCase(Locale.ROOT)
              + " deploy has no effect; only regression and minor take RATExFACTOR: "
              + id);
    }
  }

  /** A clean deploy or a regression with the default effect. */
  public DeploySpec(String id, Instant time, boolean regression, boolean migration) {
    this(id, time, regression ? Change.REGRESSION : Change.CLEAN, null, migration);
  }

  /**
   * Parses {@code
   * ID@TIME[:regression[=RATE[xFACTOR]]|:minor[=RATE[xFACTOR]]|:rollback][:migration]}, TIME being
   * ISO-8601 with a zone or offset, seconds optional ({@code 2026-11-02T14:00:00Z}, {@code
   * 2026-11-02T14:00Z}); flags in any order and case. Examples: {@code
   * v3.122@2026-11-02T14:00Z:regression}, {@code v3.123@2026-11-02T16:00Z:regression=0.01x1.8},
   * {@code v3.124@2026-11-02T18:00Z:minor}, {@code v3.125@2026-11-02T20:00Z:rollback}, {@code
   * admin-9@2026-11-02T10:00Z:migration}.
   *
   * @throws IllegalArgumentException with a message naming what is wrong
   */
  public static DeploySpec parse(String text) {
    DeployText t = DeployText.parse(text, FLAG, "deploy spec", FORM);
    Change change = Change.CLEAN;
    Effect effect = null;
    boolean migration = false;
    for (String token : t.flags()) {
      Matcher m = FLAG.matcher(token);
      m.matches();
      String word = m.group(1).toLowerCase(Locale.ROOT);
      String value = m.group(2);
      switch (word) {
        case "migration" -> {
          noValue(word, value, text);
          if (migration) {
            throw new IllegalArgumentException(
                "deploy flag 'migration' given twice in '" + text + "'");
          }
          migration = true;
        }
        case "regression", "minor", "rollback" -> {
          Change c = Change.valueOf(word.toUpperCase(Locale.ROOT));
          if (change != Change.CLEAN) {
            throw new IllegalArgumentException(
                change == c
                    ? "deploy flag '" + word + "' given twice in '" + text + "'"
                    : "deploy flags '"
                        + change.flag()
                        + "' and '"
                        + word
                        + "' exclude each other in '"
                        + text
                        + "'; a deploy is a regression, a minor change, a rollback or (no flag)"
                        + " clean");
          }
          change = c;
          if (c == Change.ROLLBACK) {
            noValue(word, value, text);
          } else if (value != null) {
            effect = effect(c, value, text);
          }
        }
        default ->
            throw new IllegalArgumentException(
                "unknown deploy flag '"
                    + token
                    + "' in '"
                    + text
                    + "'; expected regression, minor, rollback or migration");
      }
    }
    return new DeploySpec(t.id(), t.time(), change, effect, migration);
  }

  private static void noValue(String word, String value, String text) {
    if (value != null) {
      throw new IllegalArgumentException(
          "deploy flag '"
              + word
              + "' takes no value ('"
              + word
              + "="
              + value
              + "' in '"
              + text
              + "')");
    }
  }

  private static Effect effect(Change change, String value, String text) {
    Matcher m = EFFECT.matcher(value);
    if (value.isEmpty() || !m.matches() || (m.group(1) == null && m.group(3) == null)) {
      throw new IllegalArgumentException(
          "bad effect '"
              + value
              + "' in '"
              + text
              + "'; expected "
              + change.flag()
              + "=RATE[xFACTOR] or "
              + change.flag()
              + "=xFACTOR, e.g. "
              + change.flag()
              + "=0.01x1.8 (1% more 500s, latency x1.8) or "
              + change.flag()
              + "=1%");
    }
    Effect d = change.defaultEffect();
    double rate = d.errorRate();
    if (m.group(1) != null) {
      rate = Double.parseDouble(m.group(1)) / (m.group(2) != null ? 100 : 1);
      if (rate > 1) {
        throw new IllegalArgumentException(
            "error rate '"
                + m.group(1)
                + (m.group(2) != null ? "%" : "")
                + "' in '"
                + text
                + "' is above 100%; RATE is a fraction (0.01) or a percentage (1%)");
      }
    }
    double factor = d.latencyFactor();
    if (m.group(3) != null) {
      factor = Double.parseDouble(m.group(3));
      if (!(factor > 0 && factor <= 1000)) {
        throw new IllegalArgumentException(
            "latency factor 'x"
                + m.group(3)
                + "' in '"
                + text
                + "' must be above 0 and at most 1000");
      }
    }
    return new Effect(rate, factor);
  }

  /** True for a regression deploy (expected verdict {@code regression}). */
  public boolean regression() {
    return change == Change.REGRESSION;
  }

  public boolean minor() {
    return change == Change.MINOR;
  }

  public boolean rollback() {
    return change == Change.ROLLBACK;
  }

  /** A regression that fails requests logs a new exception signature. */
  public boolean newSignature() {
    return regression() && effect.errorRate() > 0;
  }

  /**
   * {@code web}, or {@code admin}/{@code agent} when the id starts with that word ({@link
   * BalrogApp#forDeployId}).
   */
  public String app() {
    return BalrogApp.forDeployId(id).code();
  }

  /**
   * The canonical text form, accepted by {@link #parse}; the effect is spelled out only when not
   * the default.
   */
  @Override
  public String toString() {
    StringBuilder sb = new StringBuilder().append(id).append('@').append(time);
    if (change != Change.CLEAN) {
      sb.append(':').append(change.flag());
      if (!effect.equals(change.defaultEffect())) {
        sb.append('=').append(effect);
      }
    }
    return sb.append(migration ? ":migration" : "").toString();
  }

  /** Shortest plain decimal text of {@code d} that parses back to it. */
  static String number(double d) {
    return BigDecimal.valueOf(d).stripTrailingZeros().toPlainString();
  }
}
