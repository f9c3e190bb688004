package org.mozilla.balrog.logs.source;

import static org.apache.spark.sql.types.DataTypes.BooleanType;
import static org.apache.spark.sql.types.DataTypes.DateType;
import static org.apache.spark.sql.types.DataTypes.DoubleType;
import static org.apache.spark.sql.types.DataTypes.IntegerType;
import static org.apache.spark.sql.types.DataTypes.LongType;
import static org.apache.spark.sql.types.DataTypes.StringType;
import static org.apache.spark.sql.types.DataTypes.TimestampType;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import org.mozilla.balrog.logs.model.AlbFields;
import org.mozilla.balrog.logs.model.ElbEntry;
import org.mozilla.balrog.logs.model.LogDate;
import org.mozilla.balrog.logs.model.LogFormat;
import org.mozilla.balrog.logs.model.NginxAccessEntry;
import org.mozilla.balrog.logs.model.NginxErrorEntry;
import org.mozilla.balrog.logs.model.RequestKind;
import org.mozilla.balrog.logs.model.ScanRow;
import org.mozilla.balrog.logs.model.SyslogEnvelope;
import org.mozilla.balrog.logs.model.SyslogEvent;
import org.mozilla.balrog.logs.model.SyslogPayload.JsonPayload;
import org.mozilla.balrog.logs.model.UpdateRequest;
import org.mozilla.balrog.logs.parse.url.UpdateUrlParser;

/**
 * The columns of the raw-log views (docs/design.md#raw-log-views), defined once per format: names,
 * types, and how an event fills them. ELB views carry the Athena Classic-ELB column names and types
 * (status codes are strings there) followed by the ALB-only fields and the parsed update-URL
 * columns. Every view ends with {@code log_date} (UTC date of the entry's own time) and {@code
 * source_file}.
 */
final class EventColumns {
  private EventColumns() {}

  /** Event columns of {@code format}, without the scan's bookkeeping columns. */
  public static StructType schema(LogFormat format) {
    return switch (format) {
      case ELB -> ELB_SCHEMA;
      case NGINX_ACCESS -> NGINX_ACCESS_SCHEMA;
      case NGINX_ERROR -> NGINX_ERROR_SCHEMA;
      case SYSLOG -> SYSLOG_SCHEMA;
    };
  }

  /**
   * Columns a scan of {@code format} has after the view columns: {@link ScanRow#FINGERPRINT} for
   * ELB, else none.
   */
  public static StructType scanOnly(LogFormat format) {
    return format == LogFormat.ELB
        ? DataTypes.createStructType(
            List.of(DataTypes.createStructField(ScanRow.FINGERPRINT, LongType, true)))
        : DataTypes.createStructType(List.of());
  }

  /** Fills the event columns of one event; one instance per partition (not thread-safe). */
  public interface Mapper {
    /**
     * Values in {@link #schema} order except the trailing {@code log_date} and {@code source_file},
     * then the {@link #scanOnly} values. Columns the mapper was built without may be left null.
     */
    Object[] values(Object event);

    /** The instant that decides the event's {@code log_date}. */
    Instant time(Object event);
  }

  /** A mapper filling every column. */
  public static Mapper mapper(LogFormat format) {
    return mapper(format, null);
  }

  /**
   * A mapper that needs to fill only the columns named in {@code wanted} (null: all), so a pruned
   * scan skips work nobody reads; others may come back null.
   */
  public static Mapper mapper(LogFormat format, java.util.Set<String> wanted) {
    return switch (format) {
      case ELB -> new ElbMapper(wanted);
      case NGINX_ACCESS ->
          of(NginxAccessEntry.class, EventColumns::nginxAccess, NginxAccessEntry::eventTime);
      case NGINX_ERROR ->
          of(NginxErrorEntry.class, EventColumns::nginxError, NginxErrorEntry::eventTime);
      case SYSLOG -> of(SyslogEvent.class, EventColumns::syslog, e -> e.envelope().eventTime());
    };
  }

  /** A stateless mapper from two functions of the event record. */
  private static <E> Mapper of(
      Class<E> type, Function<E, Object[]> values, Function<E, Instant> time) {
    return new Mapper() {
      @Override
      public Object[] values(Object e) {
        return values.apply(type.cast(e));
      }

      @Override
      public Instant time(Object e) {
        return time.apply(type.cast(e));
      }
    };
  }

  public static LocalDate logDate(Instant t) {
    return LocalDate.ofInstant(t, ZoneOffset.UTC);
  }

  /**
   * {@link #logDate} that reuses the last date while instants stay in its day (rows come mostly in
   * time order).
   */
  static final class LogDates {
    private long dayStart = 1;
    private long dayEnd = 0;
    private LocalDate date;

    LocalDate of(Instant t) {
      long s = t.getEpochSecond();
      if (s < dayStart || s >= dayEnd) {
        date = logDate(t);
        dayStart = date.toEpochDay() * 86_400L;
        dayEnd = dayStart + 86_400L;
      }
      return date;
    }
  }

  // ---------------------------------------------------------------- ELB

  private static final StructType ELB_SCHEMA =
      schema(
          "timestamp", StringType,
          "elb_name", StringType,
          "request_ip", StringType,
          "request_port", IntegerType,
          "backend_ip", StringType,
          "backend_port", IntegerType,
          "request_processing_time", DoubleType,
          "backend_processing_time", DoubleType,
          "client_response_time", DoubleType,
          "elb_response_code", StringType,
          "backend_response_code", StringType,
          "received_bytes", LongType,
          "sent_bytes", LongType,
          "request_verb", StringType,
          "url", StringType,
          "protocol", StringType,
          "user_agent", StringType,
          "ssl_cipher", StringType,
          "ssl_protocol", StringType,
          // ALB-only (null for Classic ELB lines)
          "type", StringType,
          "target_group_arn", StringType,
          "trace_id", StringType,
          "domain_name", StringType,
          "chosen_cert_arn", StringType,
          "matched_rule_priority", StringType,
          "request_creation_time", TimestampType,
          "actions_executed", StringType,
          "redirect_url", StringType,
          "error_reason", StringType,
          "target_port_list", StringType,
          "target_status_code_list", StringType,
          "classification", StringType,
          "classification_reason", StringType,
          "conn_trace_id", StringType,
          // parsed
          "request_time", TimestampType,
          "is_lb_generated", BooleanType,
          "host", StringType,
          "path", StringType,
          "endpoint", StringType,
          "is_dockerflow", BooleanType,
          "query_version", IntegerType,
          "product", StringType,
          "version", StringType,
          "build_id", StringType,
          "build_target", StringType,
          "locale", StringType,
          "channel", StringType,
          "channel_normalized", StringType,
          "is_test_channel", BooleanType,
          "os_version", StringType,
          "system_capabilities", StringType,
          "distribution", StringType,
          "dist_version", StringType,
          "os", StringType,
          "arch", StringType,
          "force", StringType,
          "mig64", StringType,
          "pin", StringType,
          "avast", StringType);

  private static final class ElbMapper implements Mapper {
    private static final int VIEW_VALUES = ELB_SCHEMA.fields().length - 2;
    private static final int FIRST_URL_COLUMN = ELB_SCHEMA.fieldIndex("endpoint");

    private static final String[] KIND_CODES =
        java.util.Arrays.stream(RequestKind.values()).map(RequestKind::code).toArray(String[]::new);

    private final UpdateUrlParser urls = new UpdateUrlParser();
    private final boolean hostWanted;
    private final boolean pathWanted;
    private final boolean urlWanted;
    private final boolean fingerprintWanted;

    ElbMapper(java.util.Set<String> wanted) {
      hostWanted = wanted == null || wanted.contains("host");
      pathWanted = wanted == null || wanted.contains("path");
      fingerprintWanted = wanted == null || wanted.contains(ScanRow.FINGERPRINT);
      boolean anyUrlColumn = wanted == null || fingerprintWanted;
      for (int i = FIRST_URL_COLUMN; i < VIEW_VALUES && !anyUrlColumn; i++) {
        anyUrlColumn = wanted.contains(ELB_SCHEMA.fields()[i].name());
      }
      urlWanted = anyUrlColumn;
    }

    @Override
    public Instant time(Object e) {
      return ((ElbEntry) e).requestTime();
    }

    @Override
    public Object[] values(Object event) {
      ElbEntry e = (ElbEntry) event;
      AlbFields a = e.alb();
      String url = e.url();
      UpdateRequest u = url == null || !urlWanted ? null : urls.parse(url);
      RequestKind kind = u == null ? RequestKind.OTHER : u.kind();
      boolean update = kind == RequestKind.UPDATE || kind == RequestKind.JSON;
      Object[] v =
          new Object[] {
            e.timestamp(),
            e.elbName(),
            e.requestIp(),
            e.requestPort(),
            e.backendIp(),
            e.backendPort(),
            e.requestProcessingTime(),
            e.backendProcessingTime(),
            e.clientResponseTime(),
            str(e.elbResponseCode()),
            str(e.backendResponseCode()),
            e.receivedBytes(),
            e.sentBytes(),
            e.requestVerb(),
            url,
            e.protocol(),
            e.userAgent(),
            e.sslCipher(),
            e.sslProtocol(),
            a == null ? null : a.type(),
            a == null ? null : a.targetGroupArn(),
            a == null ? null : a.traceId(),
            a == null ? null : a.domainName(),
            a == null ? null : a.chosenCertArn(),
            a == null ? null : a.matchedRulePriority(),
            a == null ? null : a.requestCreationTime(),
            a == null ? null : a.actionsExecuted(),
            a == null ? null : a.redirectUrl(),
            a == null ? null : a.errorReason(),
            a == null ? null : a.targetPortList(),
            a == null ? null : a.targetStatusCodeList(),
            a == null ? null : a.classification(),
            a == null ? null : a.classificationReason(),
            a == null ? null : a.connTraceId(),
            e.requestTime(),
            e.isLbGenerated(),
            url == null || !hostWanted ? null : UpdateUrlParser.host(url),
            url == null || !pathWanted ? null : UpdateUrlParser.path(url),
            urlWanted ? KIND_CODES[kind.ordinal()] : null,
            urlWanted ? kind == RequestKind.DOCKERFLOW : null,
            update ? u.queryVersion() : null,
            update ? u.product() : null,
            update ? u.version() : null,
            update ? u.buildId() : null,
            update ? u.buildTarget() : null,
            update ? u.locale() : null,
            update ? u.channel() : null,
            update ? u.channelNormalized() : null,
            update ? u.testChannel() : null,
            update ? u.osVersion() : null,
            update ? u.systemCapabilities() : null,
            update ? u.distribution() : null,
            update ? u.distVersion() : null,
            update ? u.os() : null,
            update ? u.arch() : null,
            update ? u.force() : null,
            update ? u.mig64() : null,
            update ? u.pin() : null,
            update ? u.avast() : null,
            null // FINGERPRINT
          };
      if (fingerprintWanted) {
        v[VIEW_VALUES] = ClientHash.fingerprint(e, update ? u : null);
      }
      return v;
    }
  }

  // ---------------------------------------------------------------- nginx

  private static final StructType NGINX_ACCESS_SCHEMA =
      schema(
          "server", StringType,
          "msec", StringType,
          "event_time", TimestampType,
          "remote_addr", StringType,
          "request", StringType,
          "method", StringType,
          "uri", StringType,
          "protocol", StringType,
          "status", IntegerType,
          "request_length", LongType,
          "body_bytes_sent", LongType,
          "remote_user", StringType,
          "request_time", DoubleType,
          "upstream_response_time", StringType,
          "upstream_response_time_total", DoubleType,
          "http_user_agent", StringType,
          "gzip_ratio", StringType);

  private static Object[] nginxAccess(NginxAccessEntry e) {
    return new Object[] {
      e.server(),
      e.msec(),
      e.eventTime(),
      e.remoteAddr(),
      e.request(),
      e.method(),
      e.uri(),
      e.protocol(),
      e.status(),
      e.requestLength(),
      e.bodyBytesSent(),
      e.remoteUser(),
      e.requestTime(),
      e.upstreamResponseTime(),
      e.upstreamResponseTimeTotal(),
      e.userAgent(),
      e.gzipRatio()
    };
  }

  private static final StructType NGINX_ERROR_SCHEMA =
      schema(
          "event_time", TimestampType,
          "level", StringType,
          "pid", IntegerType,
          "tid", IntegerType,
          "connection", LongType,
          "message", StringType,
          "client", StringType,
          "server", StringType,
          "request", StringType,
          "subrequest", StringType,
          "upstream", StringType,
          "host", StringType,
          "referrer", StringType);

  private static Object[] nginxError(NginxErrorEntry e) {
    return new Object[] {
      e.eventTime(),
      e.level(),
      e.pid(),
      e.tid(),
      e.connection(),
      e.message(),
      e.client(),
      e.server(),
      e.request(),
      e.subrequest(),
      e.upstream(),
      e.host(),
      e.referrer()
    };
  }

  // ---------------------------------------------------------------- syslog

  private static final StructType SYSLOG_SCHEMA =
      schema(
          "event_time", TimestampType,
          "hostname", StringType,
          "tag", StringType,
          "proc_id", StringType,
          "facility", IntegerType,
          "syslog_severity", IntegerType,
          "syslog_format", StringType,
          "message", StringType,
          "line_count", IntegerType,
          "payload_kind", StringType,
          "level", StringType,
          "json_timestamp", TimestampType,
          "json_type", StringType,
          "json_logger", StringType,
          "json_hostname", StringType,
          "json_env_version", StringType,
          "json_severity", IntegerType,
          "json_pid", IntegerType,
          "fields_message", StringType,
          "fields_error", StringType,
          "fields_traceback", StringType,
          "request_id", StringType,
          "fields_json", StringType,
          "exception_type", StringType);

  private static Object[] syslog(SyslogEvent e) {
    SyslogEnvelope s = e.envelope();
    JsonPayload j = e.payload() instanceof JsonPayload json ? json : null;
    return new Object[] {
      s.eventTime(),
      s.hostname(),
      s.tag(),
      s.procId(),
      s.facility(),
      s.syslogSeverity(),
      s.variant().code(),
      s.message(),
      s.lineCount(),
      e.payloadKind().code(),
      e.level(),
      j == null ? null : j.timestamp(),
      j == null ? null : j.type(),
      j == null ? null : j.logger(),
      j == null ? null : j.hostname(),
      j == null ? null : j.envVersion(),
      j == null ? null : j.severity(),
      j == null ? null : j.pid(),
      j == null ? null : j.fieldsMessage(),
      j == null ? null : j.fieldsError(),
      j == null ? null : j.fieldsTraceback(),
      j == null ? null : j.requestId(),
      j == null ? null : j.fieldsJson(),
      e.exceptionType()
    };
  }

  // ---------------------------------------------------------------- helpers

  private static final String[] SMALL_INT_TEXT = new String[1000];

  static {
    for (int i = 0; i < SMALL_INT_TEXT.length; i++) {
      SMALL_INT_TEXT[i] = Integer.toString(i);
    }
  }

  /**
   * Status codes as text (Athena's string columns); the common ones without a new string per row.
   */
  private static String str(Integer i) {
    if (i == null) {
      return null;
    }
    int v = i;
    return v >= 0 && v < SMALL_INT_TEXT.length ? SMALL_INT_TEXT[v] : Integer.toString(v);
  }

  /** name/type pairs, then the two trailing columns every view has. */
  private static StructType schema(Object... nameTypes) {
    List<StructField> fields = new ArrayList<>();
    for (int i = 0; i < nameTypes.length; i += 2) {
      fields.add(
          DataTypes.createStructField((String) nameTypes[i], (DataType) nameTypes[i + 1], true));
    }
    fields.add(DataTypes.createStructField(LogDate.COLUMN, DateType, true));
    fields.add(DataTypes.createStructField("source_file", StringType, true));
    return DataTypes.createStructType(fields);
  }
}
