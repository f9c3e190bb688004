package org.mozilla.balrog.logs.source;

import java.time.LocalDate;
import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.hadoop.conf.Configuration;
import org.mozilla.balrog.logs.model.LogSource;

/**
 * Where each source's files of a day are (docs/operations.md#input-locations): the setting {@code
 * source.<id>.location=TEMPLATE}, a local path or {@code s3a://} URI with the placeholders {@code
 * {yyyy}}, {@code {MM}}, {@code {dd}} and {@code {date}} (yyyy-MM-dd), and {@code *} for one path
 * segment; every regular file under the resolved folders is read. A source without a template keeps
 * the default layout of docs/formats.md#default-input-layout under the input root.
 *
 * <p>The CLI checks the templates before Spark starts ({@link #parse}) and hands them to the job
 * through the Hadoop configuration ({@link #HADOOP_PREFIX}), so discovery finds them wherever it
 * runs: {@code daily}, {@code deploy-impact}, {@code query}, and {@code
 * spark.read.format("balrog-logs")} with {@code spark.hadoop.balrog.source.<id>.location} set.
 */
public final class SourceLocations {
  /** The setting's prefix: {@code source.aus5.location}. */
  public static final String SETTING_PREFIX = "source.";

  /** The setting's suffix. */
  public static final String SETTING_SUFFIX = ".location";

  /** Where a template travels in the Hadoop configuration: {@code balrog.source.aus5.location}. */
  public static final String HADOOP_PREFIX = "balrog.source.";

  private static final Pattern PLACEHOLDER = Pattern.compile("\\{([^{}]*)\\}");
  private static final java.util.Set<String> KNOWN = java.util.Set.of("yyyy", "MM", "dd", "date");

  private final Map<LogSource, String> templates;

  private SourceLocations(Map<LogSource, String> templates) {
    this.templates = templates;
  }

  /**
   * The templates set in {@code conf} (as {@link #HADOOP_PREFIX}{@code <id>.location}); not checked
   * again.
   */
  public static SourceLocations from(Configuration conf) {
    Map<LogSource, String> t = new EnumMap<>(LogSource.class);
    for (LogSource s : LogSource.values()) {
      String v = conf.get(HADOOP_PREFIX + s.id() + SETTING_SUFFIX);
      if (v != null && !v.isBlank()) {
        t.put(s, v.trim());
      }
    }
    return new SourceLocations(t);
  }

  /**
   * The source of a {@code source.<id>.location} setting key, with its template checked: an unknown
   * source id, a template without a day placeholder ({@code {dd}} or {@code {date}}), or an unknown
   * placeholder is an {@link IllegalArgumentException} naming the key.
   */
  public static LogSource parse(String key, String template) {
    String id = key.substring(SETTING_PREFIX.length(), key.length() - SETTING_SUFFIX.length());
    LogSource source;
    try {
      source = LogSource.byName(id);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(
          "unknown source '"
              + id
              + "' in setting "
              + key
              + " (sources: "
              + String.join(
                  ", ", java.util.Arrays.stream(LogSource.values()).map(LogSource::id).toList())
              + ")");
    }
    if (!source.id().equals(id)) {
      throw new IllegalArgumentException(
          "setting "
              + key
              + ": name the source by its id, "
              + SETTING_PREFIX
              + source.id()
              + SETTING_SUFFIX);
    }
    if (template == null || template.isBlank()) {
      throw new IllegalArgumentException("setting " + key + " is empty");
    }
    Matcher m = PLACEHOLDER.matcher(template);
    boolean day = false;
    while (m.find()) {
      if (!KNOWN.contains(m.group(1))) {
        throw new IllegalArgumentException(
            "setting "
                + key
                + ": unknown placeholder {"
                + m.group(1)
                + "} in "
                + template
                + " (known: {yyyy}, {MM}, {dd}, {date})");
      }
      day |= m.group(1).equals("dd") || m.group(1).equals("date");
    }
    String rest = PLACEHOLDER.matcher(template).replaceAll("");
    if (rest.indexOf('{') >= 0 || rest.indexOf('}') >= 0) {
      throw new IllegalArgumentException("setting " + key + ": unbalanced brace in " + template);
    }
    if (!day) {
      throw new IllegalArgumentException(
          "setting "
              + key
              + ": "
              + template
              + " has no day placeholder ({dd} or"
              + " {date}): each run reads only the days it is asked for");
    }
    return source;
  }

  /** The template of {@code source}, if it has one. */
  public Optional<String> template(LogSource source) {
    return Optional.ofNullable(templates.get(source));
  }

  /** True when every source has a template (no input root is needed). */
  public boolean coversAll() {
    return templates.size() == LogSource.values().length;
  }

  /**
   * The glob of {@code source}'s folder for {@code day}: its template with the placeholders filled,
   * or the default layout under {@code root}. In a template, only {@code *} is a wildcard: other
   * glob characters are escaped.
   */
  public String dayFolderGlob(LogSource source, String root, LocalDate day) {
    String t = templates.get(source);
    if (t == null) {
      if (root == null) {
        throw new NoInputException(
            "no --input root and no setting "
                + SETTING_PREFIX
                + source.id()
                + SETTING_SUFFIX
                + ": where are the "
                + source.id()
                + " logs?");
      }
      return stripSlash(root) + "/" + source.dayFolderGlob(day);
    }
    return fill(t, day);
  }

  /**
   * The template with its placeholders filled for {@code day}, glob characters other than {@code *}
   * escaped.
   */
  static String fill(String template, LocalDate day) {
    StringBuilder out = new StringBuilder();
    Matcher m = PLACEHOLDER.matcher(template);
    int last = 0;
    while (m.find()) {
      out.append(escape(template.substring(last, m.start())));
      out.append(
          switch (m.group(1)) {
            case "yyyy" -> String.format(Locale.ROOT, "%04d", day.getYear());
            case "MM" -> String.format(Locale.ROOT, "%02d", day.getMonthValue());
            case "dd" -> String.format(Locale.ROOT, "%02d", day.getDayOfMonth());
            default -> day.toString();
          });
      last = m.end();
    }
    out.append(escape(template.substring(last)));
    return stripSlash(out.toString());
  }

  /**
   * Escapes Hadoop glob characters except {@code *} (and the {@code :} of a scheme, which is no
   * glob character).
   */
  private static String escape(String s) {
    StringBuilder b = new StringBuilder(s.length());
    for (char c : s.toCharArray()) {
      if (c == '?' || c == '[' || c == ']' || c == '{' || c == '}' || c == '\\') {
        b.append('\\');
      }
      b.append(c);
    }
    return b.toString();
  }

  private static String stripSlash(String s) {
    return s.length() > 1 && s.endsWith("/") && !s.endsWith("://")
        ? s.substring(0, s.length() - 1)
        : s;
  }
}
