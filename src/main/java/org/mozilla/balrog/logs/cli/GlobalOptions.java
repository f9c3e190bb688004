package org.mozilla.balrog.logs.cli;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import org.mozilla.balrog.logs.job.JobConfig;
import org.mozilla.balrog.logs.model.LogSource;
import org.mozilla.balrog.logs.source.SourceLocations;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;

/**
 * Options every command accepts, before or after the command name. {@code --config} is a properties
 * file with the same keys as {@code --set}; {@code spark.*} keys are Spark settings, {@code input},
 * {@code output} and {@code master} stand for the options of those names, which win over the file.
 */
public final class GlobalOptions {
  /**
   * Non-Spark keys a config file or --set may hold. Commands add theirs as their issues implement
   * them.
   */
  static final Set<String> SETTINGS = settings();

  private static Set<String> settings() {
    Set<String> s =
        new java.util.HashSet<>(
            Set.of(
                "input",
                "output",
                "master",
                DailyCommand.LG_K,
                DailyCommand.MIN_CLIENTS,
                org.mozilla.balrog.logs.sink.OutputLock.STALE_AFTER_KEY));
    s.addAll(org.mozilla.balrog.logs.deploy.ImpactSettings.KEYS);
    return Set.copyOf(s);
  }

  @Option(
      names = "--config",
      paramLabel = "FILE",
      scope = ScopeType.INHERIT,
      description = "Properties file of settings (same keys as --set).")
  Path config;

  @Option(
      names = "--set",
      paramLabel = "KEY=VALUE",
      scope = ScopeType.INHERIT,
      description =
          "Setting, repeatable; overrides --config. Keys starting with spark. are Spark"
              + " configuration.")
  Map<String, String> set = new LinkedHashMap<>();

  @Option(
      names = "--master",
      paramLabel = "URL",
      scope = ScopeType.INHERIT,
      description = "Spark master (default: as spark-submit set it, else local[*]).")
  String master;

  @Option(
      names = "--input",
      paramLabel = "ROOT",
      scope = ScopeType.INHERIT,
      description =
          "Input root: a local folder or s3a:// prefix laid out as FORMATS.md section 10.")
  String input;

  @Option(
      names = "--output",
      paramLabel = "ROOT",
      scope = ScopeType.INHERIT,
      description = "Output root of the summary tables (local folder or s3a:// prefix).")
  String output;

  @Option(
      names = "--env",
      paramLabel = "NAME",
      scope = ScopeType.INHERIT,
      description =
          "Use the keys env.NAME.* of --config (and --set) as if they had no prefix, over the"
              + " others: stage and production in one file.")
  String env;

  @Option(
      names = "--verbose",
      scope = ScopeType.INHERIT,
      description = "Log Spark progress (INFO) and print stack traces on errors.")
  boolean verbose;

  /**
   * With {@code --env NAME}: every {@code env.NAME.KEY} becomes {@code KEY} (over a plain {@code
   * KEY}); every other {@code env.*} key is dropped. Without it, {@code env.*} keys are dropped
   * too: they belong to some environment.
   */
  private void applyEnv(Map<String, String> all) {
    Map<String, String> chosen = new TreeMap<>();
    String prefix = env == null ? null : "env." + env + ".";
    for (var it = all.entrySet().iterator(); it.hasNext(); ) {
      Map.Entry<String, String> e = it.next();
      if (e.getKey().startsWith("env.")) {
        if (prefix != null
            && e.getKey().startsWith(prefix)
            && e.getKey().length() > prefix.length()) {
          chosen.put(e.getKey().substring(prefix.length()), e.getValue());
        }
        it.remove();
      }
    }
    if (env != null && chosen.isEmpty()) {
      throw new IllegalArgumentException(
          "--env " + env + ": no env." + env + ".* keys in --config or --set");
    }
    all.putAll(chosen);
  }

  /** The validated configuration. */
  JobConfig toConfig() {
    Map<String, String> all = new TreeMap<>();
    if (config != null) {
      Properties p = new Properties();
      try (Reader r = Files.newBufferedReader(config)) {
        p.load(r);
      } catch (IOException e) {
        throw new IllegalArgumentException(
            "cannot read --config " + config + ": " + e.getMessage());
      }
      p.stringPropertyNames().forEach(k -> all.put(k, p.getProperty(k).trim()));
    }
    all.putAll(set);
    applyEnv(all);
    Map<String, String> spark = new TreeMap<>();
    Map<String, String> settings = new TreeMap<>();
    for (Map.Entry<String, String> e : all.entrySet()) {
      String k = e.getKey();
      if (k.startsWith("spark.")) {
        spark.put(k, e.getValue());
      } else if (k.startsWith(SourceLocations.SETTING_PREFIX)
          && k.endsWith(SourceLocations.SETTING_SUFFIX)) {
        LogSource source = SourceLocations.parse(k, e.getValue());
        String template = UriCredentials.strip(e.getValue(), spark);
        settings.put(k, template);
        spark.put(
            "spark.hadoop."
                + SourceLocations.HADOOP_PREFIX
                + source.id()
                + SourceLocations.SETTING_SUFFIX,
            template);
      } else if (SETTINGS.contains(k)) {
        settings.put(k, e.getValue());
      } else {
        throw new IllegalArgumentException(
            "unknown setting '"
                + k
                + "' (known: "
                + String.join(", ", new java.util.TreeSet<>(SETTINGS))
                + ", source.<id>.location, env.<name>.<key>, or spark.*)");
      }
    }
    String in = UriCredentials.strip(input != null ? input : settings.get("input"), spark);
    String out = UriCredentials.strip(output != null ? output : settings.get("output"), spark);
    String m = master != null ? master : settings.get("master");
    return new JobConfig(m, in, out, verbose, spark, settings);
  }
}
