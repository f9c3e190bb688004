package org.mozilla.balrog.logs.job;

import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * The validated, immutable configuration every command runs with. Built by {@link
 * JobSettings#toConfig} from {@code --config}, {@code --set} and the global options, before Spark
 * starts; jobs never see picocli. A command's own options become its typed request in {@link
 * JobRequests}.
 *
 * @param master Spark master URL; null means "as spark-submit set it, else local[*]"
 * @param input input root (local folder or {@code s3a://} prefix), may be null when a command does
 *     not read logs
 * @param output output root for summary tables, may be null
 * @param sparkConf {@code spark.*} settings, applied to the session
 * @param settings job settings (non-Spark keys)
 */
public record JobConfig(
    String master,
    String input,
    String output,
    boolean verbose,
    Map<String, String> sparkConf,
    Map<String, String> settings) {

  public JobConfig {
    sparkConf = Map.copyOf(Objects.requireNonNull(sparkConf, "sparkConf"));
    settings = Map.copyOf(Objects.requireNonNull(settings, "settings"));
  }

  public static JobConfig defaults() {
    return new JobConfig(null, null, null, false, Map.of(), Map.of());
  }

  public JobConfig withInput(String newInput) {
    return new JobConfig(master, newInput, output, verbose, sparkConf, settings);
  }

  public JobConfig withOutput(String newOutput) {
    return new JobConfig(master, input, newOutput, verbose, sparkConf, settings);
  }

  /** Spark settings in a stable order (for logs and tests). */
  public Map<String, String> sortedSparkConf() {
    return new TreeMap<>(sparkConf);
  }
}
