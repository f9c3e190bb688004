package org.mozilla.balrog.logs.source;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.mozilla.balrog.logs.model.LogFormat;
import org.mozilla.balrog.logs.model.LogSource;
import org.mozilla.balrog.logs.testing.LocalSpark;

/**
 * The broadcast packs on a real local session: one task per pack, each task sees exactly its own
 * pack's files in order and the driver's Hadoop settings, and the tasks carry only an index.
 */
class FilePacksSparkTest {
  @RegisterExtension static final LocalSpark SPARK = new LocalSpark();

  private static InputFile file(String name, long size) {
    return new InputFile(
        "file:/logs/" + name, LogSource.AUS5, LogFormat.ELB, LocalDate.of(2026, 11, 2), size);
  }

  @Test
  void eachTaskReadsItsOwnPackWithTheDriversConfiguration() {
    JavaSparkContext jsc = JavaSparkContext.fromSparkContext(SPARK.session().sparkContext());
    Configuration conf = new Configuration(jsc.hadoopConfiguration());
    conf.set("balrog.test.marker", "from-the-driver");
    List<List<InputFile>> packs =
        List.of(
            List.of(file("a.log", 10), file("b.log", 20)),
            List.of(file("c.log", 5)),
            List.of(file("d.log", 1), file("e.log", 2), file("f.log", 3)));
    Broadcast<FilePacks> b = FilePacks.broadcast(jsc, packs, conf);
    // the broadcast holds the configuration as it was: a later change on the driver is not seen
    conf.set("balrog.test.marker", "changed-after-the-broadcast");
    try {
      JavaRDD<Integer> tasks = FilePacks.tasks(jsc, b);
      assertThat(tasks.getNumPartitions()).isEqualTo(3);
      List<List<String>> seen =
          tasks
              .mapPartitions(
                  it -> {
                    FilePacks fp = b.value();
                    List<String> out = new ArrayList<>();
                    for (Iterator<InputFile> fs = fp.files(it); fs.hasNext(); ) {
                      out.add(fs.next().path());
                    }
                    out.add(fp.conf().get().get("balrog.test.marker"));
                    return List.of(out).iterator();
                  })
              .collect();
      assertThat(seen)
          .containsExactly(
              List.of("file:/logs/a.log", "file:/logs/b.log", "from-the-driver"),
              List.of("file:/logs/c.log", "from-the-driver"),
              List.of(
                  "file:/logs/d.log", "file:/logs/e.log", "file:/logs/f.log", "from-the-driver"));
      // the tasks' partitions hold the pack indices, not the files
      assertThat(tasks.collect()).containsExactly(0, 1, 2);
    } finally {
      b.destroy();
    }
  }

  @Test
  void noFilesMakesOneEmptyTask() {
    JavaSparkContext jsc = JavaSparkContext.fromSparkContext(SPARK.session().sparkContext());
    Broadcast<FilePacks> b = FilePacks.broadcast(jsc, List.of(), jsc.hadoopConfiguration());
    try {
      JavaRDD<Integer> tasks = FilePacks.tasks(jsc, b);
      assertThat(tasks.getNumPartitions()).isEqualTo(1);
      assertThat(
              tasks
                  .mapPartitions(
                      it -> {
                        List<String> out = new ArrayList<>();
                        b.value().files(it).forEachRemaining(f -> out.add(f.path()));
                        return out.iterator();
                      })
                  .collect())
          .isEmpty();
    } finally {
      b.destroy();
    }
  }
}
