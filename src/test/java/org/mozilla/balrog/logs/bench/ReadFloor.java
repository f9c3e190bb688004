package org.mozilla.balrog.logs.bench;

import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.SparkSession;
import org.mozilla.balrog.logs.source.InputFile;

/**
 * Bench (4), the read floor: Spark's own line count ({@code spark.read.text(files).count()}) over the files the
 * population part reads. Also prints the files for the {@code cat | wc -l} floor with {@code --list}.
 * Usage: {@code ReadFloor --input ROOT --date YYYY-MM-DD [--list]}.
 */
public final class ReadFloor {
  private ReadFloor() {}

  public static void main(String[] argv) {
    boolean list = argv.length > 0 && argv[argv.length - 1].equals("--list");
    String[] args = list ? java.util.Arrays.copyOf(argv, argv.length - 1) : argv;
    BenchJob.Args a = BenchJob.Args.parse("ReadFloor", args);
    SparkSession spark = BenchJob.session("read-floor");
    long start = System.nanoTime();
    List<String> paths = new ArrayList<>();
    for (List<InputFile> fs : BenchJob.updateFiles(spark, a).values()) {
      paths.addAll(BenchJob.paths(fs));
    }
    if (list) {
      paths.forEach(p -> System.out.println(p.replaceFirst("^file:", "")));
      spark.stop();
      return;
    }
    long lines = spark.read().text(paths.toArray(String[]::new)).count();
    BenchJob.report("read_floor", start, "lines", Long.toString(lines));
    spark.stop();
  }
}
