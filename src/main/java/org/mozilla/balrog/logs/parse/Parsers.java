package org.mozilla.balrog.logs.parse;

import java.time.LocalDate;
import org.mozilla.balrog.logs.model.LogFormat;
import org.mozilla.balrog.logs.parse.elb.ElbLineParser;
import org.mozilla.balrog.logs.parse.nginx.NginxAccessParser;
import org.mozilla.balrog.logs.parse.nginx.NginxErrorParser;
import org.mozilla.balrog.logs.parse.syslog.SyslogRecordParser;

/** The one place that maps a format to its parser. */
public final class Parsers {
  private Parsers() {}

  /**
   * A new record parser for one file of {@code format}.
   *
   * @param folderDate the file's delivery-date folder: gives year-less syslog timestamps their
   *     year; may be null
   */
  public static RecordParser<?> forFile(LogFormat format, LocalDate folderDate) {
    return switch (format) {
      case ELB -> RecordParser.ofLines(new ElbLineParser());
      case NGINX_ACCESS -> RecordParser.ofLines(new NginxAccessParser());
      case NGINX_ERROR -> RecordParser.ofLines(new NginxErrorParser());
      case SYSLOG -> new SyslogRecordParser(folderDate);
    };
  }

  /** A stateless single-line parser of {@code format}, used to sniff a file's format. */
  public static LineParser<?> lineParser(LogFormat format, LocalDate folderDate) {
    return switch (format) {
      case ELB -> new ElbLineParser();
      case NGINX_ACCESS -> new NginxAccessParser();
      case NGINX_ERROR -> new NginxErrorParser();
      case SYSLOG -> new org.mozilla.balrog.logs.parse.syslog.SyslogLineParser(folderDate);
    };
  }
}
