package org.mozilla.balrog.logs.queries;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * One Redash query file of {@code queries/}: its SQL and the header comment that {@code
 * jobs/redash/} also reads ({@code -- title:}, {@code -- answers:}, {@code -- visualization:},
 * {@code -- parameter: NAME TYPE DEFAULT}, {@code -- schedule:}, {@code -- notes:}). A {@code
 * daterange} parameter {@code days} is used as {@code {{ days.start }}} and {@code {{ days.end }}},
 * with a default {@code START..END}. The dropdowns take one more word: {@code NAME enum DEFAULT
 * A,B,C} (its options) and {@code NAME query DEFAULT VALUES} (the {@code queries/VALUES.sql} whose
 * rows are the options).
 */
record QueryFile(Path path, String sql, Map<String, String> header, List<Parameter> parameters) {
  static final Path DIR = Path.of("queries");
  private static final Pattern HEADER = Pattern.compile("^--\\s*([a-z]+):\\s*(.*)$");
  private static final Pattern PARAMETER =
      Pattern.compile(
          "^([A-Za-z_][A-Za-z0-9_]*)\\s+(?:(date|daterange|text|number)\\s+(\\S+)"
              + "|(enum|query)\\s+(\\S+)\\s+(\\S+))$");

  /**
   * The {@code -- schedule:} grammar jobs/redash/sync.py maps to Redash's schedule object: {@code
   * none}, {@code daily HH:MM}, {@code weekly DAY HH:MM} or {@code every N(m|h)}, each optionally
   * followed by {@code until YYYY-MM-DD}; times in UTC.
   */
  static final Pattern SCHEDULE =
      Pattern.compile(
          "none|(?:daily (?:[01][0-9]|2[0-3]):[0-5][0-9]"
              + "|weekly (?i:mon|tue|wed|thu|fri|sat|sun|monday|tuesday|wednesday|thursday|friday"
              + "|saturday|sunday) (?:[01][0-9]|2[0-3]):[0-5][0-9]"
              + "|every [1-9][0-9]*[mh])(?: until \\d{4}-\\d\\d-\\d\\d)?");

  /**
   * One {@code -- parameter:} line; {@code options} is the enum's comma-separated options or the
   * query dropdown's values file stem, null for the other types.
   */
  record Parameter(String name, String type, String defaultValue, String options) {}

  static List<QueryFile> all() {
    try (Stream<Path> files = Files.list(DIR)) {
      return files
          .filter(p -> p.toString().endsWith(".sql"))
          .sorted()
          .map(QueryFile::read)
          .toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static QueryFile read(Path path) {
    String sql;
    try {
      sql = Files.readString(path);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    Map<String, String> header = new LinkedHashMap<>();
    List<Parameter> parameters = new ArrayList<>();
    for (String line : sql.lines().toList()) {
      if (!line.startsWith("--")) {
        break;
      }
      Matcher m = HEADER.matcher(line);
      if (!m.matches()) {
        continue; // a continuation line of the previous field
      }
      if (m.group(1).equals("parameter")) {
        Matcher p = PARAMETER.matcher(m.group(2).strip());
        if (!p.matches()) {
          throw new IllegalArgumentException(path + ": bad parameter line: " + line);
        }
        parameters.add(
            p.group(2) != null
                ? new Parameter(p.group(1), p.group(2), p.group(3), null)
                : new Parameter(p.group(1), p.group(4), p.group(5), p.group(6)));
      } else {
        header.put(m.group(1), m.group(2).strip());
      }
    }
    return new QueryFile(path, sql, header, List.copyOf(parameters));
  }

  /** A values query: the options of query-based dropdowns ({@code *_values.sql}). */
  boolean isValues() {
    return name().endsWith("_values");
  }

  String name() {
    return path.getFileName().toString().replaceFirst("\\.sql$", "");
  }

  /** The {@code {{ }}} values of the defaults, as {@code -p name=value} would give them. */
  Map<String, String> defaultValues() {
    Map<String, String> values = new LinkedHashMap<>();
    for (Parameter p : parameters) {
      if (p.type().equals("daterange")) {
        String[] ends = p.defaultValue().split("\\.\\.", 2);
        values.put(p.name() + ".start", ends[0]);
        values.put(p.name() + ".end", ends[1]);
      } else {
        values.put(p.name(), p.defaultValue());
      }
    }
    return values;
  }
}
