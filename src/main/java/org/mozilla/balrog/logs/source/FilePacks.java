package org.mozilla.balrog.logs.source;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;

/**
 * The files of a scan packed into its tasks ({@link LogScan#packs}), with the Hadoop configuration
 * to open them, shipped to the executors as one broadcast: each task gets only its pack's index.
 *
 * <p>Put in the tasks themselves, every task carried its pack of {@link InputFile}s and a copy of
 * the whole Hadoop configuration (some thousand settings), and deserialized both: a run of {@code
 * daily} over a 2 M-line day spent about 2 CPU-seconds of its 35 there. A broadcast is deserialized
 * once per executor, and not at all in local mode, where the executors share the driver's copy.
 */
final class FilePacks implements Serializable {
  private static final long serialVersionUID = 1L;

  private final List<List<InputFile>> packs;
  private final HadoopConf conf;

  private FilePacks(List<List<InputFile>> packs, HadoopConf conf) {
    this.packs = packs;
    this.conf = conf;
  }

  /**
   * Broadcasts {@code packs} (the packs themselves are not copied: do not change them) and a copy
   * of {@code conf} as it is now: local tasks share the broadcast object, so it must not be the
   * driver's live configuration. A scan relation's broadcast lives as long as the relation (Spark's
   * context cleaner removes it after); an {@link ElbPass} destroys its own when closed.
   */
  static Broadcast<FilePacks> broadcast(
      JavaSparkContext jsc, List<List<InputFile>> packs, Configuration conf) {
    return jsc.broadcast(
        new FilePacks(List.copyOf(packs), new HadoopConf(new Configuration(conf))));
  }

  /** One partition per pack, holding that pack's index. */
  static JavaRDD<Integer> tasks(JavaSparkContext jsc, Broadcast<FilePacks> packs) {
    int n = packs.value().size();
    List<Integer> indices = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      indices.add(i);
    }
    return jsc.parallelize(indices, Math.max(1, n));
  }

  int size() {
    return packs.size();
  }

  /** The files of the packs whose indices {@code tasks} gives (a partition of {@link #tasks}). */
  Iterator<InputFile> files(Iterator<Integer> tasks) {
    List<InputFile> out = new ArrayList<>();
    tasks.forEachRemaining(i -> out.addAll(packs.get(i)));
    return out.iterator();
  }

  HadoopConf conf() {
    return conf;
  }
}
