package org.mozilla.balrog.logs.bench;

import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.SparkSession;
import org.mozilla.balrog.logs.source.InputFile;

/**
 * Bench (4), the read floor: Spark's own line count ({@code spark.read.text(files).count()}) over
 * the files the population part reads. Also prints the files for the {@code cat | wc -l} floor with
 * {@code --list}. Usage: {@code ReadFloor --input ROOT --date YYYY-MM-DD [--list]}.
 */
public final class ReadFloor {
  private ReadFloor() {}

  public static void main(String[] argv) {
    if (argv.length > 0 && argv[argv.length - 1].equals("--list")) {
      BenchJob.Args a =
          BenchJob.Args.parse("ReadFloor", java.util.Arrays.copyOf(argv, argv.length - 1));
      SparkSession spark = BenchJob.session("read-floor");
      paths(spark, a).forEach(p -> System.out.println(p.replaceFirst("^file:", "")));
      spark.stop();
      return;
    }
    BenchJob.measure("read_floor", argv, ReadFloor::run);
  }

  static String[] run(SparkSession spark, BenchJob.Args a, String output) {
    long lines = spark.read().text(paths(spark, a).toArray(String[]::new)).count();
    return new String[] {"lines", Long.toString(lines)};
  }

  private static List<String> paths(SparkSession spark, BenchJob.Args a) {
    List<String> paths = new ArrayList<>();
    for (List<InputFile> fs : BenchJob.updateFiles(spark, a).values()) {
      paths.addAll(BenchJob.paths(fs));
    }
    return paths;
  }
}
