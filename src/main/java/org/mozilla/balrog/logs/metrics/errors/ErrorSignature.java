package org.mozilla.balrog.logs.metrics.errors;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.mozilla.balrog.logs.metrics.admin.RouteTemplate;
import org.mozilla.balrog.logs.privacy.Redactor;

/**
 * Stable signatures of application and nginx errors: the same error gives the same signature on
 * every host, at every line number and with every id, number, address or quoted value in its
 * message. Pure Java, stateless, thread-safe.
 *
 * <ul>
 *   <li><b>Traceback</b> (a stderr traceback, or a JSON {@code Fields.traceback}): {@code
 *       <exception class> @ <file>:<function>} of the innermost application frame, e.g. {@code
 *       KeyError @ auslib/blobs/apprelease.py:_getPartialsXML}. The file is relative to the
 *       application (no {@code /app/}, {@code /app/src/} or {@code site-packages/} prefix) and has
 *       no line number. Application frames are Balrog's own ({@code auslib/}, {@code balrogagent/},
 *       or any file outside the Python library folders); when there is none the innermost frame of
 *       any kind is used. For a chained traceback only the last exception counts. {@code
 *       builtins.}/{@code exceptions.} prefixes are dropped, other classes keep their module.
 *   <li><b>Message</b> without traceback: {@code <logger>: <normalized message>} (see {@link
 *       #normalize}).
 *   <li><b>nginx</b> error message (context suffixes already split off by the parser): the
 *       normalized message, keeping the errno part, e.g. {@code connect() failed (111: Connection
 *       refused) while connecting to upstream}.
 * </ul>
 *
 * Signatures are at most {@link #MAX_LENGTH} characters.
 */
final class ErrorSignature {
  public static final int MAX_LENGTH = 300;

  /** Exception class used when a traceback was cut short before its exception line. */
  public static final String UNKNOWN_EXCEPTION = "UnknownException";

  static final String QUOTED = "'…'";

  private static final Pattern FRAME =
      Pattern.compile("^\\s*File \"([^\"]+)\", line \\d+, in (\\S+)");
  private static final Pattern LINE_BREAK = Pattern.compile("\\r?\\n|#012");
  private static final Pattern EMAIL = Pattern.compile("[\\w.+\\-]+@[\\w\\-]+(?:\\.[\\w\\-]+)+");
  private static final Pattern UUID =
      Pattern.compile(
          "\\b[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}\\b");

  /**
   * 0x-prefixed hex, or a run of at least 6 hex digits with a digit and a letter (ids, container
   * ids, hashes).
   */
  private static final Pattern HEX =
      Pattern.compile(
          "\\b0[xX][0-9a-fA-F]+\\b|\\b(?=[0-9a-fA-F]*[0-9])(?=[0-9a-fA-F]*[a-fA-F])[0-9a-fA-F]{6,}\\b");

  private static final Pattern NUMBER = Pattern.compile("\\d+(?:\\.\\d+)*");

  /**
   * A quoted string, not an apostrophe inside a word ({@code can't}). Backslash escapes are skipped
   * over.
   */
  private static final Pattern SINGLE_QUOTED =
      Pattern.compile("(?<![\\w'])'(?:[^'\\\\]|\\\\.)*'(?!\\w)");

  private static final Pattern DOUBLE_QUOTED = Pattern.compile("\"(?:[^\"\\\\]|\\\\.)*\"");

  /** Update and JSON update URLs carry the client's fields: only their kind is kept. */
  private static final Pattern UPDATE_PATH =
      Pattern.compile("(?<![\\w.])/(update|json)/[^\\s\\[\\]\"'()]*");

  /** Admin API paths become their route template. */
  private static final Pattern API_PATH = Pattern.compile("(?<![\\w.])/api/[^\\s\\[\\]\"'()]*");

  private static final Pattern QUERY = Pattern.compile("\\?[^\\s\\[\\]\"'()]*");
  private static final Pattern SPACES = Pattern.compile("\\s+");

  /**
   * nginx's errno suffix {@code (111: Connection refused)}: constant per kind of failure, so kept.
   */
  private static final Pattern ERRNO = Pattern.compile("\\(\\d+: [A-Za-z][A-Za-z ,'\\-]*\\)");

  private ErrorSignature() {}

  /**
   * Signature of a traceback: {@code exceptionClass @ file:function}.
   *
   * @param exceptionType the exception class as the parser found it (may be null for a traceback
   *     cut short)
   * @param traceback the traceback text (lines joined by {@code \n}, or rsyslog's {@code #012})
   */
  public static String ofTraceback(String exceptionType, String traceback) {
    String type =
        exceptionType == null || exceptionType.isBlank()
            ? UNKNOWN_EXCEPTION
            : exceptionClass(exceptionType);
    Frame f = innermostAppFrame(traceback);
    return cap(f == null ? type : type + " @ " + f.file() + ":" + f.function());
  }

  /**
   * Signature of a message without traceback: {@code logger: normalized message}, or the message
   * alone.
   */
  public static String ofMessage(String logger, String message) {
    String m = normalize(message == null ? "" : message);
    return cap(logger == null || logger.isBlank() ? m : logger + ": " + m);
  }

  /** Signature of an nginx error-log message (without its {@code , client: ...} suffixes). */
  public static String ofNginx(String message) {
    if (message == null) {
      return "";
    }
    StringBuilder sb = new StringBuilder();
    Matcher m = ERRNO.matcher(message);
    int last = 0;
    while (m.find()) {
      sb.append(normalize(message.substring(last, m.start())))
          .append(' ')
          .append(m.group())
          .append(' ');
      last = m.end();
    }
    sb.append(normalize(message.substring(last)));
    return cap(SPACES.matcher(sb).replaceAll(" ").trim());
  }

  /**
   * A message with its variable parts replaced: IP addresses by {@code <ip>}, email addresses by
   * {@code <email>}, update URLs by {@code /update/…} or {@code /json/…}, admin API paths by their
   * {@link RouteTemplate}, other query strings by {@code ?…}, quoted strings by {@code '…'}, UUIDs
   * and hex ids by {@code X}, numbers (with their dots, so versions too) by {@code N}; whitespace
   * collapsed.
   */
  public static String normalize(String message) {
    if (message == null || message.isEmpty()) {
      return "";
    }
    String s = Redactor.redact(message);
    s = EMAIL.matcher(s).replaceAll("<email>");
    s = UPDATE_PATH.matcher(s).replaceAll("/$1/…");
    s = replace(API_PATH, s, RouteTemplate::of);
    s = QUERY.matcher(s).replaceAll("?…");
    s = DOUBLE_QUOTED.matcher(s).replaceAll(QUOTED);
    s = SINGLE_QUOTED.matcher(s).replaceAll(QUOTED);
    s = UUID.matcher(s).replaceAll("X");
    s = HEX.matcher(s).replaceAll("X");
    s = NUMBER.matcher(s).replaceAll("N");
    return SPACES.matcher(s).replaceAll(" ").trim();
  }

  /** The exception class without Python's {@code builtins.}/{@code exceptions.} module. */
  public static String exceptionClass(String type) {
    String t = type.trim();
    for (String prefix : List.of("builtins.", "exceptions.", "__builtin__.")) {
      if (t.startsWith(prefix)) {
        return t.substring(prefix.length());
      }
    }
    return t;
  }

  /** A traceback frame: file relative to the application, function name. */
  public record Frame(String file, String function, boolean application) {}

  /**
   * The innermost application frame of the last traceback in {@code traceback}, else its innermost
   * frame; or null.
   */
  public static Frame innermostAppFrame(String traceback) {
    List<Frame> frames = frames(traceback);
    for (int i = frames.size() - 1; i >= 0; i--) {
      if (frames.get(i).application()) {
        return frames.get(i);
      }
    }
    return frames.isEmpty() ? null : frames.get(frames.size() - 1);
  }

  /**
   * Frames of the last traceback (after the last {@code Traceback (most recent call last):}
   * header), outermost first.
   */
  static List<Frame> frames(String traceback) {
    List<Frame> frames = new ArrayList<>();
    if (traceback == null) {
      return frames;
    }
    for (String line : LINE_BREAK.split(traceback)) {
      if (line.startsWith("Traceback (most recent call last)")) {
        frames.clear();
        continue;
      }
      Matcher m = FRAME.matcher(line);
      if (m.find()) {
        String file = m.group(1);
        frames.add(new Frame(relativeFile(file), m.group(2), isApplication(file)));
      }
    }
    return frames;
  }

  private static final String[] LIBRARY_ROOTS = {"/site-packages/", "/dist-packages/"};
  private static final Pattern STDLIB = Pattern.compile("/lib(?:64)?/python[0-9.]*/");
  private static final String[] APP_PACKAGES = {"auslib/", "balrogagent/"};

  /**
   * A file of Balrog itself (even when installed as a package) or of anything outside the Python
   * library folders.
   */
  static boolean isApplication(String file) {
    String rel = relativeFile(file);
    for (String p : APP_PACKAGES) {
      if (rel.startsWith(p)) {
        return true;
      }
    }
    return !isLibrary(file);
  }

  private static boolean isLibrary(String file) {
    String f = file.replace('\\', '/');
    for (String root : LIBRARY_ROOTS) {
      if (f.contains(root)) {
        return true;
      }
    }
    return STDLIB.matcher(f).find() || f.startsWith("<");
  }

  /**
   * The file relative to its root: after {@code site-packages/} or the Python library folder, after
   * the app's own {@code auslib/}/{@code balrogagent/} package folder, or without the container's
   * {@code /app/} and {@code src/}.
   */
  static String relativeFile(String file) {
    String f = file.replace('\\', '/');
    for (String root : LIBRARY_ROOTS) {
      int i = f.lastIndexOf(root);
      if (i >= 0) {
        return f.substring(i + root.length());
      }
    }
    Matcher std = STDLIB.matcher(f);
    if (std.find()) {
      return f.substring(std.end());
    }
    for (String p : APP_PACKAGES) {
      int i = f.indexOf("/" + p);
      if (i >= 0) {
        return f.substring(i + 1);
      }
    }
    if (f.startsWith("/app/")) {
      f = f.substring(5);
    }
    if (f.startsWith("src/")) {
      f = f.substring(4);
    }
    while (f.startsWith("/")) {
      f = f.substring(1);
    }
    return f;
  }

  private static String replace(Pattern p, String s, java.util.function.UnaryOperator<String> f) {
    Matcher m = p.matcher(s);
    if (!m.find()) {
      return s;
    }
    StringBuilder sb = new StringBuilder();
    do {
      m.appendReplacement(sb, Matcher.quoteReplacement(f.apply(m.group())));
    } while (m.find());
    m.appendTail(sb);
    return sb.toString();
  }

  private static String cap(String s) {
    return s.length() <= MAX_LENGTH ? s : s.substring(0, MAX_LENGTH - 1) + "…";
  }
}
