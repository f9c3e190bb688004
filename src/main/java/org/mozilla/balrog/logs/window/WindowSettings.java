package org.mozilla.balrog.logs.window;

import java.time.DateTimeException;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The {@code window.*} settings of {@code deploy-window} ({@code --set KEY=VALUE}), with their
 * defaults; {@link #from} checks them all before anything is read.
 *
 * @param releaseHours how far back release activity counts ({@code window.release.hours}, 6h)
 * @param releaseCautionWrites successful admin writes (rules, releases, scheduled changes,
 *     emergency shutoffs, enacted changes) from which their count can say caution ({@code
 *     window.release.caution-writes}, 5)
 * @param releaseCautionRatio and at least this multiple of a typical day's ({@code
 *     window.release.caution-ratio}, 2)
 * @param healthHours the health window before the push ({@code window.health.hours}, 1h)
 * @param baselineDays the previous days whose same hours are the baseline ({@code
 *     window.health.baseline-days}, 7)
 * @param minRequests fewer update requests in the health window cannot be judged ({@code
 *     window.health.min-requests}, 100)
 * @param rateCaution caution when the update 5xx rate is at least this multiple of the baseline
 *     ({@code window.health.5xx-caution}, 1.5)
 * @param rateNoGo no-go from this multiple ({@code window.health.5xx-no-go}, 3)
 * @param rateMinIncrease an increase smaller than this (as a fraction) never counts ({@code
 *     window.health.5xx-min-increase}, 0.002)
 * @param rateMax no-go from this update 5xx rate whatever the baseline ({@code
 *     window.health.5xx-max}, 0.05)
 * @param latencyCaution caution from this multiple of the baseline latency p95 ({@code
 *     window.health.latency-caution}, 1.5)
 * @param latencyNoGo no-go from this multiple ({@code window.health.latency-no-go}, 3)
 * @param latencyMinIncreaseMs an increase smaller than this never counts ({@code
 *     window.health.latency-min-increase-ms}, 50)
 * @param regressionDays how far back a regression verdict stays open without a later deploy ({@code
 *     window.regression.days}, 3)
 * @param errorHours new error signatures count in this window before the push ({@code
 *     window.errors.hours}, 6h); the baseline is the {@code baselineDays} before it
 * @param zone the team's time zone ({@code window.time-zone}, Europe/Berlin)
 * @param workStart start of the working window ({@code window.hours}, 09:00-17:00)
 * @param workEnd end of the working window
 * @param holidays days of no deploys in the team's zone ({@code window.holidays}, none)
 * @param friday the answer on a Friday ({@code window.friday}, caution)
 * @param maxStaleness no-go when the newest data is older than this ({@code window.max-staleness},
 *     26h)
 * @param rampHours a version ramps when its share grew over this many hours ({@code
 *     window.ramp.hours}, 6h)
 * @param rampSpan the hours whose shares are compared: the last ones, and as many that long before
 *     ({@code window.ramp.span}, 2h)
 * @param rampGrowth caution from this growth of a version's share, as a fraction ({@code
 *     window.ramp.growth}, 0.05)
 * @param rampNewShare a version absent from the baseline days with at least this share is new
 *     ({@code window.ramp.new-share}, 0.02)
 * @param rampMinRequests fewer update requests of a product and channel in the last hours cannot be
 *     judged ({@code window.ramp.min-requests}, 200)
 * @param rampChannels the channels watched for ramps ({@code window.ramp.channels}, release,esr):
 *     nightly and beta get new versions all the time
 * @param rateMinErrors fewer extra 5xx responses than this (over what the baseline rate gives)
 *     never count ({@code window.health.5xx-min-errors}, 10): a few errors on a quiet hour are
 *     noise
 * @param rampNewHours a version first seen within this long is new ({@code window.ramp.new-hours},
 *     24h): its release is under way
 * @param rampProducts the products watched for ramps ({@code window.ramp.products},
 *     Firefox,Thunderbird): GMP and system add-on requests carry the Firefox version again
 */
public record WindowSettings(
    Duration releaseHours,
    long releaseCautionWrites,
    double releaseCautionRatio,
    Duration healthHours,
    int baselineDays,
    long minRequests,
    double rateCaution,
    double rateNoGo,
    double rateMinIncrease,
    double rateMax,
    double latencyCaution,
    double latencyNoGo,
    double latencyMinIncreaseMs,
    int regressionDays,
    Duration errorHours,
    ZoneId zone,
    LocalTime workStart,
    LocalTime workEnd,
    Set<LocalDate> holidays,
    Call friday,
    Duration maxStaleness,
    Duration rampHours,
    Duration rampSpan,
    double rampGrowth,
    double rampNewShare,
    long rampMinRequests,
    Set<String> rampChannels,
    long rateMinErrors,
    Duration rampNewHours,
    Set<String> rampProducts) {

  public static final String PREFIX = "window.";
  static final String RELEASE_HOURS = "window.release.hours";
  static final String RELEASE_CAUTION = "window.release.caution-writes";
  static final String RELEASE_RATIO = "window.release.caution-ratio";
  static final String HEALTH_HOURS = "window.health.hours";
  static final String BASELINE_DAYS = "window.health.baseline-days";
  static final String MIN_REQUESTS = "window.health.min-requests";
  static final String RATE_CAUTION = "window.health.5xx-caution";
  static final String RATE_NO_GO = "window.health.5xx-no-go";
  static final String RATE_MIN = "window.health.5xx-min-increase";
  static final String RATE_MAX = "window.health.5xx-max";
  static final String LAT_CAUTION = "window.health.latency-caution";
  static final String LAT_NO_GO = "window.health.latency-no-go";
  static final String LAT_MIN = "window.health.latency-min-increase-ms";
  static final String REGRESSION_DAYS = "window.regression.days";
  static final String ERROR_HOURS = "window.errors.hours";
  static final String ZONE = "window.time-zone";
  static final String HOURS = "window.hours";
  static final String HOLIDAYS = "window.holidays";
  static final String FRIDAY = "window.friday";
  static final String MAX_STALENESS = "window.max-staleness";
  static final String RAMP_HOURS = "window.ramp.hours";
  static final String RAMP_SPAN = "window.ramp.span";
  static final String RAMP_GROWTH = "window.ramp.growth";
  static final String RAMP_NEW_SHARE = "window.ramp.new-share";
  static final String RAMP_MIN_REQUESTS = "window.ramp.min-requests";
  static final String RAMP_CHANNELS = "window.ramp.channels";
  static final String RAMP_PRODUCTS = "window.ramp.products";
  static final String RATE_MIN_ERRORS = "window.health.5xx-min-errors";
  static final String RAMP_NEW_HOURS = "window.ramp.new-hours";

  /** Every {@code window.*} key. */
  public static final Set<String> KEYS =
      Set.of(
          RELEASE_HOURS,
          RELEASE_CAUTION,
          RELEASE_RATIO,
          HEALTH_HOURS,
          BASELINE_DAYS,
          MIN_REQUESTS,
          RATE_CAUTION,
          RATE_NO_GO,
          RATE_MIN,
          RATE_MAX,
          LAT_CAUTION,
          LAT_NO_GO,
          LAT_MIN,
          REGRESSION_DAYS,
          ERROR_HOURS,
          ZONE,
          HOURS,
          HOLIDAYS,
          FRIDAY,
          MAX_STALENESS,
          RAMP_HOURS,
          RAMP_SPAN,
          RAMP_GROWTH,
          RAMP_NEW_SHARE,
          RAMP_MIN_REQUESTS,
          RAMP_CHANNELS,
          RAMP_PRODUCTS,
          RATE_MIN_ERRORS,
          RAMP_NEW_HOURS);

  public WindowSettings {
    holidays = Set.copyOf(new TreeSet<>(holidays));
    rampChannels = Set.copyOf(new TreeSet<>(rampChannels));
    rampProducts = Set.copyOf(new TreeSet<>(rampProducts));
    if (rampChannels.isEmpty() || rampProducts.isEmpty()) {
      throw new IllegalArgumentException(
          RAMP_CHANNELS + " and " + RAMP_PRODUCTS + " must name at least one value each");
    }
    if (rampGrowth > 1 || rampNewShare > 1) {
      throw new IllegalArgumentException(
          "window.ramp: growth and new-share are fractions between 0 and 1");
    }
    if (!workStart.isBefore(workEnd)) {
      throw new IllegalArgumentException(
          HOURS + ": the start " + workStart + " must be before the end " + workEnd);
    }
    if (rateNoGo < rateCaution || latencyNoGo < latencyCaution) {
      throw new IllegalArgumentException("window.health: a no-go multiple is below its caution");
    }
  }

  /** The defaults. */
  public static WindowSettings defaults() {
    return from(Map.of());
  }

  /**
   * The settings of {@code settings} (other keys are ignored), defaults for those not set.
   *
   * @throws IllegalArgumentException naming the key of a bad value
   */
  public static WindowSettings from(Map<String, String> settings) {
    String[] hours = settings.getOrDefault(HOURS, "09:00-17:00").split("-", -1);
    if (hours.length != 2) {
      throw new IllegalArgumentException(HOURS + " must be HH:MM-HH:MM: " + settings.get(HOURS));
    }
    return new WindowSettings(
        duration(settings, RELEASE_HOURS, "6h"),
        whole(settings, RELEASE_CAUTION, 5),
        number(settings, RELEASE_RATIO, 2),
        duration(settings, HEALTH_HOURS, "1h"),
        (int) Math.min(60, whole(settings, BASELINE_DAYS, 7)),
        whole(settings, MIN_REQUESTS, 100),
        number(settings, RATE_CAUTION, 1.5),
        number(settings, RATE_NO_GO, 3),
        number(settings, RATE_MIN, 0.002),
        number(settings, RATE_MAX, 0.05),
        number(settings, LAT_CAUTION, 1.5),
        number(settings, LAT_NO_GO, 3),
        number(settings, LAT_MIN, 50),
        (int) Math.min(60, whole(settings, REGRESSION_DAYS, 3)),
        duration(settings, ERROR_HOURS, "6h"),
        zone(settings.getOrDefault(ZONE, "Europe/Berlin")),
        time(hours[0]),
        time(hours[1]),
        holidays(settings.getOrDefault(HOLIDAYS, "")),
        Call.parse(FRIDAY, settings.getOrDefault(FRIDAY, "caution")),
        duration(settings, MAX_STALENESS, "26h"),
        duration(settings, RAMP_HOURS, "6h"),
        duration(settings, RAMP_SPAN, "2h"),
        number(settings, RAMP_GROWTH, 0.05),
        number(settings, RAMP_NEW_SHARE, 0.02),
        whole(settings, RAMP_MIN_REQUESTS, 200),
        names(settings.getOrDefault(RAMP_CHANNELS, "release,esr"), true),
        whole(settings, RATE_MIN_ERRORS, 10),
        duration(settings, RAMP_NEW_HOURS, "24h"),
        names(settings.getOrDefault(RAMP_PRODUCTS, "Firefox,Thunderbird"), false));
  }

  /**
   * How far before the push the rules look: the longest of the baseline days plus the longest of
   * the health, error and release windows, the regression days, the staleness limit and the
   * baseline days before the version-ramp comparison.
   */
  public Duration lookBack() {
    Duration baseline =
        Duration.ofDays(baselineDays).plus(longest(longest(healthHours, errorHours), releaseHours));
    Duration back = baseline;
    for (Duration d :
        List.of(
            Duration.ofDays(regressionDays),
            releaseHours,
            maxStaleness,
            Duration.ofDays(baselineDays).plus(rampHours).plus(rampSpan),
            Duration.ofDays(baselineDays).plus(rampNewHours))) {
      if (d.compareTo(back) > 0) {
        back = d;
      }
    }
    return back;
  }

  private static Duration longest(Duration a, Duration b) {
    return a.compareTo(b) >= 0 ? a : b;
  }

  private static Duration duration(Map<String, String> s, String key, String dflt) {
    return Times.parseDuration(key, s.getOrDefault(key, dflt));
  }

  private static long whole(Map<String, String> s, String key, long dflt) {
    String v = s.get(key);
    if (v == null) {
      return dflt;
    }
    try {
      long n = Long.parseLong(v.strip());
      if (n < 0) {
        throw new IllegalArgumentException(key + " must not be negative: " + v);
      }
      return n;
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(key + " must be a whole number: " + v);
    }
  }

  private static double number(Map<String, String> s, String key, double dflt) {
    String v = s.get(key);
    if (v == null) {
      return dflt;
    }
    try {
      double d = Double.parseDouble(v.strip());
      if (!(d >= 0) || Double.isInfinite(d)) {
        throw new IllegalArgumentException(key + " must be a number >= 0: " + v);
      }
      return d;
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(key + " must be a number: " + v);
    }
  }

  private static ZoneId zone(String v) {
    try {
      return ZoneId.of(v.strip());
    } catch (DateTimeException e) {
      throw new IllegalArgumentException(
          ZONE + ": unknown time zone '" + v + "' (e.g. Europe/Berlin, America/Toronto, UTC)");
    }
  }

  private static LocalTime time(String v) {
    try {
      return LocalTime.parse(v.strip());
    } catch (DateTimeParseException e) {
      throw new IllegalArgumentException(HOURS + " must be HH:MM-HH:MM: bad time '" + v + "'");
    }
  }

  /** The comma-separated names of {@code v}; channels are lower case as the table has them. */
  private static Set<String> names(String v, boolean lowerCase) {
    Set<String> out = new TreeSet<>();
    for (String c : v.split(",", -1)) {
      if (!c.isBlank()) {
        out.add(lowerCase ? c.strip().toLowerCase(java.util.Locale.ROOT) : c.strip());
      }
    }
    return out;
  }

  private static Set<LocalDate> holidays(String v) {
    List<LocalDate> days = new ArrayList<>();
    for (String d : v.split(",", -1)) {
      if (d.isBlank()) {
        continue;
      }
      try {
        days.add(LocalDate.parse(d.strip()));
      } catch (DateTimeParseException e) {
        throw new IllegalArgumentException(
            HOLIDAYS + " must be YYYY-MM-DD,YYYY-MM-DD...: bad date '" + d + "'");
      }
    }
    return Set.copyOf(days);
  }
}
