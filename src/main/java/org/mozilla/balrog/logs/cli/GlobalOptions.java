package org.mozilla.balrog.logs.cli;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import org.mozilla.balrog.logs.job.JobConfig;
import org.mozilla.balrog.logs.job.JobSettings;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;

/**
 * Options every command accepts, before or after the command name. {@code --config} is a properties
 * file with the same keys as {@code --set}; {@code spark.*} keys are Spark settings, {@code input},
 * {@code output} and {@code master} stand for the options of those names, which win over the file.
 */
public final class GlobalOptions {
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
          "Input root: a local folder or s3a:// prefix laid out as"
              + " docs/formats.md#default-input-layout.")
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

  /** The validated configuration ({@link JobSettings#toConfig}); Spark has not started. */
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
    return JobSettings.toConfig(all, input, output, master, verbose);
  }
}
