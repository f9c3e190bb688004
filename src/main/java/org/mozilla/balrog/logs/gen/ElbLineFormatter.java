package org.mozilla.balrog.logs.gen;

import java.time.Instant;
import org.mozilla.balrog.logs.model.AlbFields;
import org.mozilla.balrog.logs.model.ElbEntry;

/**
 * Writes an {@link ElbEntry} in the on-disk syntax of docs/formats.md#classic-elb-entries or
 * docs/formats.md#alb-entries (ALB, when {@link ElbEntry#alb()} is set). Null fields become the
 * format's {@code -} placeholders; a TCP entry (null verb) becomes {@code "- - - "}. Processing
 * times: 6 decimals for Classic, 3 for ALB, {@code -1} as is. Stateless and thread-safe.
 */
final class ElbLineFormatter {

  public String format(ElbEntry e) {
    return append(new StringBuilder(400), e).toString();
  }

  /** Appends the line (without newline) to {@code sb} and returns it. */
  public StringBuilder append(StringBuilder sb, ElbEntry e) {
    AlbFields alb = e.alb();
    int decimals = alb == null ? 6 : 3;
    if (alb != null) {
      sb.append(alb.type() == null ? "-" : alb.type()).append(' ');
    }
    sb.append(e.timestamp()).append(' ').append(e.elbName()).append(' ');
    address(sb, e.requestIp(), e.requestPort());
    sb.append(' ');
    address(sb, e.backendIp(), e.backendPort());
    sb.append(' ');
    Fmt.fixed(sb, e.requestProcessingTime(), decimals);
    sb.append(' ');
    Fmt.fixed(sb, e.backendProcessingTime(), decimals);
    sb.append(' ');
    Fmt.fixed(sb, e.clientResponseTime(), decimals);
    sb.append(' ');
    code(sb, e.elbResponseCode());
    sb.append(' ');
    code(sb, e.backendResponseCode());
    sb.append(' ').append(e.receivedBytes()).append(' ').append(e.sentBytes()).append(" \"");
    if (e.requestVerb() == null) {
      sb.append("- - - ");
    } else {
      sb.append(e.requestVerb()).append(' ').append(e.url()).append(' ').append(e.protocol());
    }
    sb.append("\" ");
    quoted(sb, e.userAgent());
    sb.append(' ').append(dash(e.sslCipher())).append(' ').append(dash(e.sslProtocol()));
    if (alb != null) {
      sb.append(' ').append(dash(alb.targetGroupArn())).append(' ');
      quoted(sb, alb.traceId());
      sb.append(' ');
      quoted(sb, alb.domainName());
      sb.append(' ');
      quoted(sb, alb.chosenCertArn());
      sb.append(' ').append(dash(alb.matchedRulePriority())).append(' ');
      instant(sb, alb.requestCreationTime());
      sb.append(' ');
      quoted(sb, alb.actionsExecuted());
      sb.append(' ');
      quoted(sb, alb.redirectUrl());
      sb.append(' ');
      quoted(sb, alb.errorReason());
      sb.append(' ');
      quoted(sb, alb.targetPortList());
      sb.append(' ');
      quoted(sb, alb.targetStatusCodeList());
      sb.append(' ');
      quoted(sb, alb.classification());
      sb.append(' ');
      quoted(sb, alb.classificationReason());
      if (alb.connTraceId() != null) {
        sb.append(' ').append(alb.connTraceId());
      }
    }
    return sb;
  }

  private static void address(StringBuilder sb, String ip, Integer port) {
    if (ip == null) {
      sb.append('-');
      return;
    }
    sb.append(ip).append(':');
    if (port != null) {
      sb.append(port.intValue());
    }
  }

  private static void code(StringBuilder sb, Integer code) {
    if (code == null) {
      sb.append('-');
    } else {
      sb.append(code.intValue());
    }
  }

  private static void quoted(StringBuilder sb, String s) {
    sb.append('"').append(s == null ? "-" : s).append('"');
  }

  private static String dash(String s) {
    return s == null ? "-" : s;
  }

  private static void instant(StringBuilder sb, Instant t) {
    if (t == null) {
      sb.append('-');
    } else {
      Fmt.isoMicros(sb, Fmt.micros(t));
    }
  }
}
