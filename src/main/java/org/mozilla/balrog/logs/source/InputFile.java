package org.mozilla.balrog.logs.source;

import java.io.Serializable;
import java.time.LocalDate;
import java.util.Objects;
import org.mozilla.balrog.logs.model.LogFormat;
import org.mozilla.balrog.logs.model.LogSource;

/**
 * One log file to read.
 *
 * @param path fully qualified Hadoop path ({@code file:/...}, {@code s3a://...})
 * @param source the table it belongs to, null when {@code inspect} met a file outside the default
 *     layout
 * @param format how to parse its lines
 * @param folderDate the delivery-date folder it was found in (gives RFC 3164 syslog lines their
 *     year), may be null
 * @param size bytes on storage
 */
public record InputFile(
    String path, LogSource source, LogFormat format, LocalDate folderDate, long size)
    implements Serializable {
  private static final long serialVersionUID = 1L;

  public InputFile {
    Objects.requireNonNull(path, "path");
    Objects.requireNonNull(format, "format");
  }

  /** The label used in reports: the source id, or the format for files outside the layout. */
  public String label() {
    return source != null ? source.id() : format.name().toLowerCase(java.util.Locale.ROOT);
  }
}
