package org.mozilla.balrog.logs.job;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.mozilla.balrog.logs.sink.PartitionWriter;
import org.mozilla.balrog.logs.sink.SparkSchemas;
import org.mozilla.balrog.logs.sink.SummaryTable;
import org.mozilla.balrog.logs.sink.SummaryTables;
import org.mozilla.balrog.logs.testing.LocalSpark;

/**
 * Athena's partition projection against folders {@link PartitionWriter} really wrote: the days the
 * parsed projection properties make Athena look at, turned into folders through {@code
 * storage.location.template}, are exactly the written partitions, and the declared columns are the
 * ones Spark reads from their Parquet files.
 */
class DdlProjectionSparkTest {
  @RegisterExtension static final LocalSpark SPARK = new LocalSpark();

  private static final LocalDate WRITTEN = LocalDate.parse("2026-11-01");
  private static final LocalDate SINCE = WRITTEN.minusDays(3);

  @TempDir Path out;

  @Test
  void theProjectedFoldersAreTheWrittenPartitionsOfEveryTable() throws Exception {
    SparkSession spark = SPARK.session();
    String root = out.toUri().toString();
    for (SummaryTable table : SummaryTables.all()) {
      PartitionWriter.write(
          spark,
          table,
          spark.createDataFrame(List.<Row>of(), SparkSchemas.structType(table)),
          out.toString(),
          WRITTEN);
    }
    String script =
        DdlJob.script(new DdlJob.Request("athena", root, "default", SINCE, false, false));
    List<String> statements = DdlJobTest.statements(script);
    assertThat(statements).hasSize(SummaryTables.all().size());

    for (int i = 0; i < statements.size(); i++) {
      SummaryTable table = SummaryTables.all().get(i);
      ParsedHiveTable t = ParsedHiveTable.of(DdlJobTest.parseHive(statements.get(i)));
      assertThat(t.name()).containsExactly("default", table.name());

      // every projected day up to a week after the written one, as Athena enumerates them
      TreeSet<LocalDate> found = new TreeSet<>();
      for (String folder : projectedFolders(t.properties(), WRITTEN.plusDays(7))) {
        Path dir = Path.of(URI.create(folder));
        assertThat(dir.toString()).startsWith(out.resolve(table.name()).toString());
        if (Files.isDirectory(dir)) {
          try (Stream<Path> files = Files.list(dir)) {
            assertThat(files.map(f -> f.getFileName().toString()))
                .anyMatch(n -> n.startsWith("part-"));
          }
          found.add(LocalDate.parse(dir.getFileName().toString().substring("log_date=".length())));
        }
      }
      assertThat(found).as(table.name()).containsExactly(WRITTEN);

      // the declared columns are those of the written Parquet, then the partition column
      StructType written = spark.read().parquet(folderOf(t.properties(), WRITTEN)).schema();
      t.assertColumnsAre(written.add(SummaryTable.PARTITION_COLUMN, DataTypes.DateType));
      t.assertColumnsAre(table);
    }
  }

  /**
   * The folders Athena reads for a table with these projection properties: the dates of {@code
   * projection.log_date.range} (the {@code NOW} end taken as {@code now}) one {@code interval} of
   * {@code interval.unit} apart, printed with {@code format} into {@code
   * storage.location.template}.
   */
  private static List<String> projectedFolders(Map<String, String> p, LocalDate now) {
    assertThat(p.get("projection.enabled")).isEqualTo("true");
    assertThat(p.get("projection.log_date.type")).isEqualTo("date");
    DateTimeFormatter format = DateTimeFormatter.ofPattern(p.get("projection.log_date.format"));
    String[] range = p.get("projection.log_date.range").split(",");
    assertThat(range).hasSize(2);
    LocalDate start = LocalDate.parse(range[0], format);
    LocalDate end = range[1].equals("NOW") ? now : LocalDate.parse(range[1], format);
    long step = Long.parseLong(p.get("projection.log_date.interval"));
    ChronoUnit unit = ChronoUnit.valueOf(p.get("projection.log_date.interval.unit"));
    assertThat(start).isEqualTo(SINCE);
    List<String> folders = new ArrayList<>();
    for (LocalDate d = start; !d.isAfter(end); d = d.plus(step, unit)) {
      folders.add(folderOf(p, d, format));
    }
    assertThat(folders).hasSize((int) ChronoUnit.DAYS.between(start, end) + 1);
    return folders;
  }

  private static String folderOf(Map<String, String> p, LocalDate day) {
    return folderOf(p, day, DateTimeFormatter.ofPattern(p.get("projection.log_date.format")));
  }

  private static String folderOf(Map<String, String> p, LocalDate day, DateTimeFormatter format) {
    String template = p.get("storage.location.template");
    assertThat(template).contains("${log_date}");
    return template.replace("${log_date}", format.format(day));
  }
}
