package org.mozilla.balrog.logs.testing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericRecord;
import org.apache.hadoop.conf.Configuration;
import org.apache.parquet.avro.AvroParquetReader;
import org.apache.parquet.avro.AvroReadSupport;
import org.apache.parquet.avro.AvroSchemaConverter;
import org.apache.parquet.hadoop.ParquetFileReader;
import org.apache.parquet.hadoop.ParquetReader;
import org.apache.parquet.hadoop.util.HadoopInputFile;
import org.apache.parquet.schema.MessageType;

/**
 * Reads a local Parquet partition folder the way a non-Spark consumer does: parquet-avro over every
 * {@code part-*.parquet} file, no Spark session. Values come back in Avro's generic representation
 * (Utf8, ByteBuffer, Long microseconds for timestamps, Integer days for dates).
 */
public final class ParquetAvroReader {
  private ParquetAvroReader() {}

  /**
   * Every record of every data file of the folder, file by file in name order, in the files' own
   * schema.
   */
  public static List<GenericRecord> read(Path partitionDir) throws IOException {
    return read(partitionDir, conf());
  }

  /**
   * Every record read with {@code readSchema} as the expected schema, as a consumer holding the
   * published {@code .avsc} reads; this works with parquet-avro's default settings.
   */
  public static List<GenericRecord> read(Path partitionDir, Schema readSchema) throws IOException {
    Configuration conf = new Configuration();
    AvroReadSupport.setAvroReadSchema(conf, readSchema);
    return read(partitionDir, conf);
  }

  private static List<GenericRecord> read(Path partitionDir, Configuration conf)
      throws IOException {
    List<GenericRecord> out = new ArrayList<>();
    for (Path file : dataFiles(partitionDir)) {
      try (ParquetReader<GenericRecord> reader =
          AvroParquetReader.<GenericRecord>builder(inputFile(file)).withConf(conf).build()) {
        for (GenericRecord r = reader.read(); r != null; r = reader.read()) {
          out.add(r);
        }
      }
    }
    return out;
  }

  /**
   * The Avro schema parquet-avro derives from the files' Parquet schema; fails if the files
   * disagree.
   */
  public static Schema schema(Path partitionDir) throws IOException {
    Schema schema = null;
    for (Path file : dataFiles(partitionDir)) {
      MessageType parquet;
      try (ParquetFileReader reader = ParquetFileReader.open(inputFile(file))) {
        parquet = reader.getFooter().getFileMetaData().getSchema();
      }
      Schema s = new AvroSchemaConverter(conf()).convert(parquet);
      if (schema != null && !schema.equals(s)) {
        throw new AssertionError(
            "data files of " + partitionDir + " have different schemas:\n" + schema + "\n" + s);
      }
      schema = s;
    }
    return schema;
  }

  /** The {@code part-*.parquet} files of the folder, sorted; fails if there are none. */
  public static List<Path> dataFiles(Path partitionDir) throws IOException {
    List<Path> files;
    try (Stream<Path> s = Files.list(partitionDir)) {
      files =
          s.filter(p -> p.getFileName().toString().startsWith("part-"))
              .filter(p -> p.getFileName().toString().endsWith(".parquet"))
              .sorted()
              .toList();
    }
    if (files.isEmpty()) {
      throw new AssertionError("no part-*.parquet file in " + partitionDir);
    }
    return files;
  }

  /**
   * Without a read schema, parquet-avro must be told that lists use the standard 3-level layout
   * Spark writes: its default ({@code parquet.avro.add-list-element-records=true}, for files of old
   * writers) turns an {@code array<string>} column into an array of {@code {element: string}}
   * records.
   */
  private static Configuration conf() {
    Configuration conf = new Configuration();
    conf.setBoolean(AvroSchemaConverter.ADD_LIST_ELEMENT_RECORDS, false);
    return conf;
  }

  private static HadoopInputFile inputFile(Path file) throws IOException {
    return HadoopInputFile.fromPath(
        new org.apache.hadoop.fs.Path(file.toUri()), new Configuration());
  }
}
