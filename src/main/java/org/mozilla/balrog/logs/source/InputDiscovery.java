package org.mozilla.balrog.logs.source;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.LocatedFileStatus;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.fs.RemoteIterator;
import org.mozilla.balrog.logs.model.LogFormat;
import org.mozilla.balrog.logs.model.LogSource;

/**
 * Finds the log files of each source for a date range under an input root laid out as
 * docs/formats.md#default-input-layout (local folder or {@code s3a://} prefix). Lists only the date
 * folders needed: the days of the range and, for ELB sources, the day after, because an ELB
 * delivery folder holds files delivered that day, which can carry the previous day's last entries;
 * from that folder only files whose name's end time is within {@link #CLOSE_DAY_SLACK} of midnight
 * are read.
 *
 * <p>Local folders are walked by real path: a file reached twice (through a symbolic link) is
 * listed once, a link back to a folder being walked is not followed, and anything that is not a
 * regular file (a FIFO, a socket, a device) is skipped; each is reported in {@link #skipped()}.
 * Driver only; not thread-safe.
 */
public final class InputDiscovery {
  /** How far into the next day's folder we look for entries of the last day of a range. */
  public static final Duration CLOSE_DAY_SLACK = Duration.ofHours(1);

  private static final Pattern DATE_IN_PATH =
      Pattern.compile("(?:^|/)(\\d{4})/(\\d{2})/(\\d{2})(?:/|$)");

  private final Configuration conf;
  private final List<String> skipped = new ArrayList<>();

  public InputDiscovery(Configuration conf) {
    this.conf = conf;
  }

  /**
   * What the listings so far passed over, and why (a symbolic-link cycle, a second link to a file,
   * a FIFO...).
   */
  public List<String> skipped() {
    return List.copyOf(skipped);
  }

  /**
   * Files per source for {@code [from, to]}; sources without files map to an empty list. A source
   * with a location template ({@link SourceLocations}) is read there, the others under {@code root}
   * (may be null when every source has a template). Only the folders of the days asked for are
   * listed.
   */
  public Map<LogSource, List<InputFile>> discover(
      String root, Collection<LogSource> sources, LocalDate from, LocalDate to) {
    Map<LogSource, List<InputFile>> out = new EnumMap<>(LogSource.class);
    SourceLocations locations = SourceLocations.from(conf);
    for (LogSource source : sources) {
      List<InputFile> files = new ArrayList<>();
      for (LocalDate day = from; !day.isAfter(to.plusDays(1)); day = day.plusDays(1)) {
        boolean closingDay = day.isAfter(to);
        if (closingDay && source.format() != LogFormat.ELB) {
          // only ELB delivery folders hold the previous day's last entries
          // (docs/formats.md#default-input-layout); nginx
          // and syslog
          // files are rotated per day by the host that writes them
          continue;
        }
        Instant closeBy =
            to.plusDays(1).atStartOfDay().toInstant(ZoneOffset.UTC).plus(CLOSE_DAY_SLACK);
        Path pattern = new Path(locations.dayFolderGlob(source, root, day));
        FileSystem fs = fileSystem(pattern);
        for (FileStatus dir : glob(fs, pattern)) {
          List<FileStatus> found =
              dir.isDirectory() ? listFiles(fs, dir.getPath()) : regularFile(fs, dir);
          for (FileStatus f : found) {
            if (closingDay && source.format() == LogFormat.ELB) {
              Optional<Instant> end = ElbFileName.endTime(f.getPath().getName());
              if (end.isPresent() && end.get().isAfter(closeBy)) {
                continue;
              }
            }
            files.add(
                new InputFile(f.getPath().toString(), source, source.format(), day, f.getLen()));
          }
        }
      }
      files.sort(Comparator.comparing(InputFile::path));
      out.put(source, files);
    }
    return out;
  }

  /**
   * Every delivery date that has a folder in the default layout under {@code root} for any of
   * {@code sources} (used when no range is given; sources with a location template are not listed:
   * give a range for them).
   */
  public List<LocalDate> availableDates(String root, Collection<LogSource> sources) {
    if (root == null) {
      return List.of();
    }
    Path rootPath = new Path(root);
    FileSystem fs = fileSystem(rootPath);
    List<LocalDate> dates = new ArrayList<>();
    SourceLocations locations = SourceLocations.from(conf);
    for (LogSource source : sources) {
      if (locations.template(source).isPresent()) {
        continue;
      }
      for (FileStatus dir :
          glob(fs, new Path(rootPath, source.basePattern() + "/[0-9]*/[0-9]*/[0-9]*"))) {
        folderDate(dir.getPath().toString()).ifPresent(dates::add);
      }
    }
    return dates.stream().distinct().sorted().toList();
  }

  /**
   * The files under each of {@code paths} (files or folders, recursively; taken literally, never as
   * glob patterns), each assigned to a source when its path follows the default layout, else to the
   * format {@code sniff} detects. Files of unknown format are skipped and returned in {@code
   * unknown}.
   */
  public List<InputFile> explicitFiles(
      List<String> paths, FormatSniffer sniff, List<String> unknown) {
    List<InputFile> out = new ArrayList<>();
    for (String p : paths) {
      Path path = literal(p);
      FileSystem fs = fileSystem(path);
      FileStatus st;
      try {
        st = fs.getFileStatus(path);
      } catch (FileNotFoundException e) {
        throw new NoInputException("no such file or folder: " + p);
      } catch (IOException e) {
        throw new UncheckedIOException("cannot read " + p + ": " + e.getMessage(), e);
      }
      {
        List<FileStatus> files =
            st.isDirectory() ? listFiles(fs, st.getPath()) : regularFile(fs, st);
        for (FileStatus f : files) {
          String fp = f.getPath().toString();
          LocalDate date = folderDate(fp).orElse(null);
          Optional<LogSource> source = sourceOf(fp);
          if (source.isPresent()) {
            out.add(new InputFile(fp, source.get(), source.get().format(), date, f.getLen()));
          } else {
            Optional<LogFormat> format = sniff.detect(fs, f.getPath());
            if (format.isPresent()) {
              out.add(new InputFile(fp, null, format.get(), date, f.getLen()));
            } else {
              unknown.add(fp);
            }
          }
        }
      }
    }
    out.sort(Comparator.comparing(InputFile::path));
    return out;
  }

  /**
   * A path argument as a Hadoop path, literally: a URI with a scheme ({@code s3a://…}, {@code
   * file:/…}) as it is, anything else as a local file name, so {@code [}, <code>{</code>, {@code *}
   * and {@code :} in it are just characters.
   */
  static Path literal(String arg) {
    if (arg.matches("[A-Za-z][A-Za-z0-9+.-]*:/.*")) {
      return new Path(arg);
    }
    return new Path(new java.io.File(arg).getAbsoluteFile().toURI());
  }

  /**
   * The file itself when it is a regular file; else nothing, and it is reported in {@link
   * #skipped}.
   */
  private List<FileStatus> regularFile(FileSystem fs, FileStatus st) {
    if ("file".equals(fs.getUri().getScheme())) {
      java.nio.file.Path p = java.nio.file.Path.of(st.getPath().toUri().getPath());
      if (!java.nio.file.Files.isRegularFile(p)) {
        skipped.add(st.getPath() + " (not a regular file)");
        return List.of();
      }
    }
    return List.of(st);
  }

  /** The source whose default folder contains {@code path}, if any. */
  static Optional<LogSource> sourceOf(String path) {
    for (LogSource s : LogSource.values()) {
      String[] parts = s.basePattern().split("/");
      // the fixed leading part of the pattern, e.g. "/elb/aus5/" or "/syslog/admin/"
      String marker = "/" + parts[0] + "/" + parts[1] + "/";
      if (path.contains(marker)) {
        return Optional.of(s);
      }
    }
    return Optional.empty();
  }

  static Optional<LocalDate> folderDate(String path) {
    Matcher m = DATE_IN_PATH.matcher(path);
    LocalDate last = null;
    while (m.find()) {
      try {
        last =
            LocalDate.of(
                Integer.parseInt(m.group(1)),
                Integer.parseInt(m.group(2)),
                Integer.parseInt(m.group(3)));
      } catch (java.time.DateTimeException e) {
        // not a date folder: keep looking
      }
    }
    return Optional.ofNullable(last);
  }

  /**
   * The file system of {@code path}; for local paths the raw one: the checksummed wrapper only
   * looks for {@code .crc} files, which logs never have, and cannot build their names for a file
   * name with a colon.
   */
  private FileSystem fileSystem(Path path) {
    try {
      FileSystem fs = path.getFileSystem(conf);
      return fs instanceof org.apache.hadoop.fs.LocalFileSystem local
          ? local.getRawFileSystem()
          : fs;
    } catch (IOException e) {
      throw new UncheckedIOException(
          "cannot open file system for " + path + ": " + e.getMessage(), e);
    }
  }

  private static FileStatus[] glob(FileSystem fs, Path pattern) {
    try {
      FileStatus[] st = fs.globStatus(pattern);
      return st == null ? new FileStatus[0] : st;
    } catch (FileNotFoundException e) {
      return new FileStatus[0];
    } catch (IOException e) {
      throw new UncheckedIOException("cannot list " + pattern + ": " + e.getMessage(), e);
    }
  }

  /**
   * Regular files under {@code dir}, recursively, skipping hidden and {@code _}-prefixed names.
   * Object stores get one flat recursive listing ({@link FileSystem#listFiles}); a local folder is
   * walked with {@link FileSystem#listStatus}, because the local file system's located statuses
   * read each file's owner and permissions by forking a process per file (seconds for a day's 1,700
   * ELB files).
   */
  private List<FileStatus> listFiles(FileSystem fs, Path dir) {
    if ("file".equals(fs.getUri().getScheme())) {
      List<FileStatus> out = new ArrayList<>();
      walk(fs, dir, out, new java.util.HashSet<>(), new java.util.HashSet<>());
      return out;
    }
    List<FileStatus> out = new ArrayList<>();
    try {
      RemoteIterator<LocatedFileStatus> it = fs.listFiles(dir, true);
      while (it.hasNext()) {
        LocatedFileStatus f = it.next();
        if (f.isFile() && !hidden(f)) {
          out.add(f);
        }
      }
    } catch (FileNotFoundException e) {
      return out;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot list " + dir + ": " + e.getMessage(), e);
    }
    return out;
  }

  /**
   * Hidden and {@code _}-prefixed names ({@code _SUCCESS}, {@code _temporary}, {@code .crc} files)
   * are no input.
   */
  private static boolean hidden(FileStatus f) {
    String name = f.getPath().getName();
    return name.startsWith(".") || name.startsWith("_");
  }

  /**
   * Walks a local folder by real path: {@code dirs} and {@code files} hold the real paths seen, so
   * a symbolic link to a folder being walked (a cycle) or to a file already listed is skipped, not
   * read again.
   */
  private void walk(
      FileSystem fs,
      Path dir,
      List<FileStatus> out,
      java.util.Set<java.nio.file.Path> dirs,
      java.util.Set<java.nio.file.Path> files) {
    java.nio.file.Path real = realPath(dir);
    if (real == null) {
      return;
    }
    if (!dirs.add(real)) {
      skipped.add(dir + " (a symbolic link back to " + real + ", already being read)");
      return;
    }
    FileStatus[] entries;
    try {
      entries = fs.listStatus(dir);
    } catch (FileNotFoundException e) {
      return;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot list " + dir + ": " + e.getMessage(), e);
    }
    Arrays.sort(
        entries,
        Comparator.comparing(FileStatus::getPath)); // a stable order for unknown-file messages
    for (FileStatus f : entries) {
      if (hidden(f)) {
        continue;
      }
      java.nio.file.Path p = java.nio.file.Path.of(f.getPath().toUri().getPath());
      if (java.nio.file.Files.isDirectory(p)) {
        walk(fs, f.getPath(), out, dirs, files);
      } else if (java.nio.file.Files.isRegularFile(p)) {
        java.nio.file.Path target = realPath(f.getPath());
        if (target != null && files.add(target)) {
          out.add(f);
        } else if (target != null) {
          skipped.add(f.getPath() + " (the same file as " + target + ", read once)");
        }
      } else if (java.nio.file.Files.exists(p)) {
        skipped.add(f.getPath() + " (not a regular file)");
      } else {
        skipped.add(f.getPath() + " (a broken symbolic link)");
      }
    }
  }

  private static java.nio.file.Path realPath(Path p) {
    try {
      return java.nio.file.Path.of(p.toUri().getPath()).toRealPath();
    } catch (IOException e) {
      return null;
    }
  }

  /** Detects a file's format from its first lines. */
  @FunctionalInterface
  public interface FormatSniffer {
    Optional<LogFormat> detect(FileSystem fs, Path file);
  }
}
