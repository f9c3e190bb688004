package org.mozilla.balrog.logs.job;

import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.mozilla.balrog.logs.deploy.ImpactSettings;
import org.mozilla.balrog.logs.model.LogSource;
import org.mozilla.balrog.logs.sink.OutputLock;
import org.mozilla.balrog.logs.source.SourceLocations;
import org.mozilla.balrog.logs.window.WindowSettings;

/**
 * The settings of {@code --config} and {@code --set} (docs/operations.md#settings): which keys
 * exist, and how they become a {@link JobConfig} ({@link #toConfig}) before any Spark session
 * starts. {@code spark.*} keys are Spark settings; {@code source.<id>.location} templates are
 * checked and travel in the Hadoop configuration ({@link SourceLocations}); every other key must be
 * a known job setting. Credentials in {@code s3a://KEY:SECRET@bucket/…} locations are taken out
 * first ({@link UriCredentials}).
 */
public final class JobSettings {
  /** HLL precision of the client sketches ({@code daily}). */
  static final String LG_K = "population.lg-k";

  /** Smaller population cells fold into version {@code other} ({@code daily}). */
  static final String MIN_CLIENTS = "population.min-clients";

  static final long DEFAULT_MIN_CLIENTS = 50;

  /** The job settings a config file or {@code --set} may hold (besides the prefixed ones). */
  static final Set<String> KNOWN = known();

  private JobSettings() {}

  private static Set<String> known() {
    Set<String> s =
        new HashSet<>(
            Set.of("input", "output", "master", LG_K, MIN_CLIENTS, OutputLock.STALE_AFTER_KEY));
    s.addAll(ImpactSettings.KEYS);
    s.addAll(WindowSettings.KEYS);
    return Set.copyOf(s);
  }

  /**
   * The validated configuration: {@code settings} holds every key of {@code --config} and {@code
   * --set} (after {@code --env}); the options {@code --input}, {@code --output} and {@code
   * --master}, when given (non-null), win over the settings of those names.
   *
   * @throws IllegalArgumentException naming the key for an unknown setting or a bad {@code
   *     source.<id>.location}, or for credentials in a location that cannot carry them
   */
  public static JobConfig toConfig(
      Map<String, String> settings,
      String inputOption,
      String outputOption,
      String masterOption,
      boolean verbose) {
    Map<String, String> spark = new TreeMap<>();
    Map<String, String> job = new TreeMap<>();
    for (Map.Entry<String, String> e : new TreeMap<>(settings).entrySet()) {
      String k = e.getKey();
      if (k.startsWith("spark.")) {
        spark.put(k, e.getValue());
      } else if (k.startsWith(SourceLocations.SETTING_PREFIX)
          && k.endsWith(SourceLocations.SETTING_SUFFIX)) {
        LogSource source = SourceLocations.parse(k, e.getValue());
        String template = UriCredentials.strip(e.getValue(), spark);
        job.put(k, template);
        spark.put(
            "spark.hadoop."
                + SourceLocations.HADOOP_PREFIX
                + source.id()
                + SourceLocations.SETTING_SUFFIX,
            template);
      } else if (KNOWN.contains(k)) {
        job.put(k, e.getValue());
      } else {
        throw new IllegalArgumentException(
            "unknown setting '"
                + k
                + "' (known: "
                + String.join(", ", new TreeSet<>(KNOWN))
                + ", source.<id>.location, env.<name>.<key>, or spark.*)");
      }
    }
    String in = UriCredentials.strip(inputOption != null ? inputOption : job.get("input"), spark);
    String out =
        UriCredentials.strip(outputOption != null ? outputOption : job.get("output"), spark);
    String m = masterOption != null ? masterOption : job.get("master");
    return new JobConfig(m, in, out, verbose, spark, job);
  }

  /**
   * Paths to read as given (such as {@code inspect}'s), and the configuration to read them with.
   */
  public record Located(JobConfig cfg, List<String> paths) {
    public Located {
      paths = List.copyOf(paths);
    }
  }

  /**
   * {@code paths} without the credentials of {@code s3a://KEY:SECRET@bucket/…} ones, which become
   * their buckets' Spark settings in the returned configuration (as for {@link #toConfig}).
   */
  public static Located withoutCredentials(JobConfig base, List<String> paths) {
    Map<String, String> sparkConf = new TreeMap<>(base.sparkConf());
    List<String> clean = paths.stream().map(p -> UriCredentials.strip(p, sparkConf)).toList();
    return new Located(
        new JobConfig(
            base.master(), base.input(), base.output(), base.verbose(), sparkConf, base.settings()),
        clean);
  }

  /**
   * The whole number set for {@code key}, or {@code dflt}.
   *
   * @throws IllegalArgumentException naming the key when the value is not a whole number
   */
  static long wholeNumber(JobConfig cfg, String key, long dflt) {
    String v = cfg.settings().get(key);
    if (v == null) {
      return dflt;
    }
    try {
      return Long.parseLong(v.trim());
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(key + " must be a whole number: " + v);
    }
  }

  /** {@link #wholeNumber} within the range of an int. */
  static int wholeInt(JobConfig cfg, String key, int dflt) {
    long v = wholeNumber(cfg, key, dflt);
    if (v != (int) v) {
      throw new IllegalArgumentException(key + " is out of range: " + v);
    }
    return (int) v;
  }
}
