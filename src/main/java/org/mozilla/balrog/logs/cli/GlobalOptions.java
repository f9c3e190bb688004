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
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;

/**
 * Options every command accepts, before or after the command name. {@code --config} is a properties file with the same
 * keys as {@code --set}; {@code spark.*} keys are Spark settings, {@code input}, {@code output} and {@code master}
 * stand for the options of those names, which win over the file.
 */
public final class GlobalOptions {
  /** Non-Spark keys a config file or --set may hold. Commands add theirs as their issues implement them. */
  static final Set<String> SETTINGS = settings();

  private static Set<String> settings() {
    Set<String> s = new java.util.HashSet<>(
        Set.of("input", "output", "master", DailyCommand.LG_K, DailyCommand.MIN_CLIENTS));
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
      description = "Setting, repeatable; overrides --config. Keys starting with spark. are Spark configuration.")
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
      description = "Input root: a local folder or s3a:// prefix laid out as FORMATS.md section 10.")
  String input;

  @Option(
      names = "--output",
      paramLabel = "ROOT",
      scope = ScopeType.INHERIT,
      description = "Output root of the summary tables (local folder or s3a:// prefix).")
  String output;

  @Option(
      names = "--verbose",
      scope = ScopeType.INHERIT,
      description = "Log Spark progress (INFO) and print stack traces on errors.")
  boolean verbose;

  /** The validated configuration. */
  JobConfig toConfig() {
    Map<String, String> all = new TreeMap<>();
    if (config != null) {
      Properties p = new Properties();
      try (Reader r = Files.newBufferedReader(config)) {
        p.load(r);
      } catch (IOException e) {
        throw new IllegalArgumentException("cannot read --config " + config + ": " + e.getMessage());
      }
      p.stringPropertyNames().forEach(k -> all.put(k, p.getProperty(k).trim()));
    }
    all.putAll(set);
    Map<String, String> spark = new TreeMap<>();
    Map<String, String> settings = new TreeMap<>();
    for (Map.Entry<String, String> e : all.entrySet()) {
      String k = e.getKey();
      if (k.startsWith("spark.")) {
        spark.put(k, e.getValue());
      } else if (SETTINGS.contains(k)) {
        settings.put(k, e.getValue());
      } else {
        throw new IllegalArgumentException(
            "unknown setting '" + k + "' (known: " + String.join(", ", new java.util.TreeSet<>(SETTINGS))
                + ", or spark.*)");
      }
    }
    String in = input != null ? input : settings.get("input");
    String out = output != null ? output : settings.get("output");
    String m = master != null ? master : settings.get("master");
    return new JobConfig(m, in, out, verbose, spark, settings);
  }
}
