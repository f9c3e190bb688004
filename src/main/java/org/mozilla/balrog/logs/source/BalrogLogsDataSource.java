package org.mozilla.balrog.logs.source;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import org.apache.spark.sql.SQLContext;
import org.apache.spark.sql.sources.BaseRelation;
import org.apache.spark.sql.sources.DataSourceRegister;
import org.apache.spark.sql.sources.RelationProvider;
import org.mozilla.balrog.logs.model.LogFormat;
import org.mozilla.balrog.logs.model.LogSource;

/**
 * {@code spark.read.format("balrog-logs")}: Balrog's raw logs as a DataFrame, parsed by the job's
 * own scan ({@link LogScan}: column pruning, so a query that reads a few columns builds only
 * those). Rows are the scan's: events ({@code _kind = 'e'}, the view columns of the format plus
 * bookkeeping columns starting with {@code _}), rejected lines ({@code 'r'}, with the reason) and
 * one row per file ({@code 'f'}); filter on {@code _kind = 'e'} for events.
 *
 * <p>Two ways to name the input:
 *
 * <ul>
 *   <li>{@code .option("source", "aus5").option("date", "2026-11-02").load(ROOT)} (or {@code
 *       from}/{@code to}): the source's files of those dates under an input root in the default
 *       layout, as {@code daily} finds them;
 *   <li>{@code .load(PATH)} (a file, folder or glob; option {@code paths} takes several,
 *       comma-separated, as Spark passes a v1 source no path for {@code .load(p1, p2)}, which fails
 *       here with that advice): every file below it, its format taken from the default layout or
 *       detected from its first lines; {@code format} ({@code elb}, {@code nginx_access}, {@code
 *       nginx_error}, {@code syslog}) picks one format among several, or reads files whose format
 *       cannot be detected as that format.
 * </ul>
 *
 * A bad option or an input that cannot be read as one format fails with a message that says which.
 */
public final class BalrogLogsDataSource implements RelationProvider, DataSourceRegister {
  public static final String SHORT_NAME = "balrog-logs";

  public BalrogLogsDataSource() {}

  @Override
  public String shortName() {
    return SHORT_NAME;
  }

  @Override
  public BaseRelation createRelation(
      SQLContext sqlContext, scala.collection.immutable.Map<String, String> parameters) {
    Map<String, String> o = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
    // by the iterator, not a converter: the same source for Scala 2.12 and 2.13
    for (scala.collection.Iterator<scala.Tuple2<String, String>> it = parameters.iterator();
        it.hasNext(); ) {
      scala.Tuple2<String, String> kv = it.next();
      o.put(kv._1(), kv._2());
    }
    List<String> paths = paths(o);
    InputDiscovery discovery = new InputDiscovery(sqlContext.sparkContext().hadoopConfiguration());
    LogFormat format = o.containsKey("format") ? format(o.get("format")) : null;
    List<InputFile> files;
    if (o.containsKey("source")) {
      LogSource source = LogSource.byName(o.get("source"));
      LocalDate from = date(o, o.containsKey("date") ? "date" : "from");
      LocalDate to = o.containsKey("date") ? from : date(o, "to");
      if (paths.size() != 1) {
        throw new IllegalArgumentException(
            "balrog-logs: with option source, load exactly one input root");
      }
      files = discovery.discover(paths.get(0), List.of(source), from, to).get(source);
      if (files.isEmpty()) {
        throw new NoInputException(
            "balrog-logs: no "
                + source.id()
                + " files for "
                + from
                + ".."
                + to
                + " under "
                + paths.get(0));
      }
      format = source.format();
    } else {
      List<String> unknown = new ArrayList<>();
      LogFormat fallback = format;
      FormatDetector detector = new FormatDetector();
      // a file whose format cannot be detected is read as the format asked for (its lines then show
      // as rejected)
      files =
          discovery.explicitFiles(
              paths,
              (fs, p) -> detector.detect(fs, p).or(() -> java.util.Optional.ofNullable(fallback)),
              unknown);
      if (!unknown.isEmpty()) {
        throw new IllegalArgumentException(
            "balrog-logs: cannot tell the format of "
                + unknown.size()
                + " file(s), e.g. "
                + unknown.get(0)
                + "; set option format (elb, nginx_access, nginx_error, syslog)");
      }
      format = oneFormat(files, format);
    }
    return LogScan.relation(sqlContext, format, files, null);
  }

  private static List<String> paths(Map<String, String> o) {
    List<String> out = new ArrayList<>();
    if (o.containsKey("path")) {
      out.add(o.get("path"));
    }
    if (o.containsKey("paths")) {
      String v = o.get("paths").trim();
      for (String p : v.split(",")) {
        if (!p.isBlank()) {
          out.add(p.trim());
        }
      }
    }
    if (out.isEmpty()) {
      // Spark hands a v1 source no path at all for .load(p1, p2): say how to pass several
      throw new IllegalArgumentException(
          "balrog-logs: no input: .load(PATH) takes one path; pass several as option paths,"
              + " comma-separated");
    }
    return out;
  }

  private static LogFormat format(String name) {
    try {
      return LogFormat.valueOf(name.trim().toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(
          "balrog-logs: unknown format '"
              + name
              + "'; one of elb, nginx_access, nginx_error, syslog");
    }
  }

  private static LocalDate date(Map<String, String> o, String key) {
    String v = o.get(key);
    if (v == null) {
      throw new IllegalArgumentException(
          "balrog-logs: option source needs date, or from and to (YYYY-MM-DD)");
    }
    try {
      return LocalDate.parse(v.trim());
    } catch (DateTimeParseException e) {
      throw new IllegalArgumentException(
          "balrog-logs: option " + key + " is not a date (YYYY-MM-DD): " + v);
    }
  }

  /** The files' one format ({@code wanted} picks among several); the files are narrowed to it. */
  private static LogFormat oneFormat(List<InputFile> files, LogFormat wanted) {
    Map<LogFormat, List<InputFile>> byFormat = new EnumMap<>(LogFormat.class);
    for (InputFile f : files) {
      byFormat.computeIfAbsent(f.format(), k -> new ArrayList<>()).add(f);
    }
    if (wanted != null) {
      List<InputFile> chosen = byFormat.getOrDefault(wanted, List.of());
      if (chosen.isEmpty()) {
        throw new NoInputException(
            "balrog-logs: no "
                + wanted.name().toLowerCase(Locale.ROOT)
                + " files among "
                + files.size()
                + " file(s) found: "
                + byFormat.keySet());
      }
      files.retainAll(chosen);
      return wanted;
    }
    if (byFormat.size() != 1) {
      throw new IllegalArgumentException(
          "balrog-logs: the input holds files of "
              + byFormat.size()
              + " formats "
              + byFormat.keySet()
              + "; set option format, or option source with date");
    }
    return byFormat.keySet().iterator().next();
  }
}
