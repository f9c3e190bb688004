package org.mozilla.balrog.logs.bench;

import java.time.LocalDate;
import java.util.concurrent.TimeUnit;
import org.mozilla.balrog.logs.model.SyslogEvent;
import org.mozilla.balrog.logs.parse.RecordEmitter;
import org.mozilla.balrog.logs.parse.RejectReason;
import org.mozilla.balrog.logs.parse.syslog.SyslogLineParser;
import org.mozilla.balrog.logs.parse.syslog.SyslogRecordParser;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.infra.Blackhole;

/**
 * Throughput of the syslog parsers over a small array of realistic lines (JSON app logs, uWSGI
 * request lines, a five-line traceback, all header variants); the score is lines per second (one
 * operation = one line). {@code headers} measures {@link SyslogLineParser} alone, {@code records}
 * the full {@link SyslogRecordParser} including Jackson for the JSON payloads and traceback
 * reassembly.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class SyslogParserBenchmark {
  static final String JSON =
      "{\"Timestamp\": 1551794523456789000, \"Type\": \"auslib.web.admin.base\", \"Logger\":"
          + " \"Balrog\", \"Hostname\": \"9b1c2d3e4f5a\", \"EnvVersion\": \"2.0\", \"Severity\": 6,"
          + " \"Pid\": 14, \"Fields\": {\"requestid\": \"140512345678912\", \"message\": \"Got"
          + " query: {'product': 'Firefox'}\"}}";

  static final String[] LINES = {
    "Mar  5 14:02:03 ip-10-0-4-21 docker/9b1c2d3e4f5a[1187]: " + JSON,
    "<30>Mar  5 14:02:03 ip-10-0-4-21 docker/9b1c2d3e4f5a[1187]: " + JSON,
    "<27>Mar  5 14:02:03 ip-10-0-4-21 docker/9b1c2d3e4f5a[1187]: [pid: 9|app: 0|req: 5123/5123]"
        + " 10.0.4.5 () {38 vars in 790 bytes} [Tue Mar  5 14:02:03 2019] GET"
        + " /update/6/Firefox/65.0.2/20190225143245/WINNT_x86_64-msvc/en-US/release/update.xml =>"
        + " generated 42 bytes in 3 msecs (HTTP/1.1 200) 7 headers in 323 bytes (1 switches on core"
        + " 0)",
    "<30>1 2021-06-01T10:00:00.123456Z balrog-web-7d9f8b6c5-x2k4q balrog-web 1 balrog-web - "
        + JSON,
    "<30> 2016-11-02T09:15:42Z ip-10-0-4-21 docker/9b1c2d3e4f5a[1187]: " + JSON,
    "<27>Mar  5 14:10:00 4a5b6c7d8e9f[1187]: goodbye to uWSGI.",
    "Mar  5 14:10:00 ip-10-0-4-21 docker/4a5b6c7d8e9f[1187]: Traceback (most recent call last):",
    "Mar  5 14:10:00 ip-10-0-4-21 docker/4a5b6c7d8e9f[1187]:   File \"scripts/manage-db.py\", line"
        + " 212, in <module>",
    "Mar  5 14:10:00 ip-10-0-4-21 docker/4a5b6c7d8e9f[1187]:     db.upgrade(options.version)",
    "Mar  5 14:10:00 ip-10-0-4-21 docker/4a5b6c7d8e9f[1187]:   File \"/app/auslib/db.py\", line"
        + " 3183, in upgrade",
    "Mar  5 14:10:00 ip-10-0-4-21 docker/4a5b6c7d8e9f[1187]: sqlalchemy.exc.OperationalError:"
        + " (2003, \"Can't connect to MySQL server on 'db'\")",
    "<27>Mar  5 14:00:03 ip-10-0-4-21 docker/9b1c2d3e4f5a[1187]: INFO:AUSDatabase:Transition to"
        + " alembic complete"
  };

  private static final LocalDate FILE_DATE = LocalDate.of(2019, 3, 5);
  private final SyslogLineParser lineParser = new SyslogLineParser(FILE_DATE);

  @Benchmark
  @OperationsPerInvocation(12)
  public void headers(Blackhole bh) {
    for (String line : LINES) {
      bh.consume(lineParser.parse(line));
    }
  }

  @Benchmark
  @OperationsPerInvocation(12)
  public void records(Blackhole bh) {
    // a fresh parser per "file", as the Spark adapter builds one per file
    SyslogRecordParser p = new SyslogRecordParser(FILE_DATE);
    RecordEmitter<SyslogEvent> out =
        new RecordEmitter<>() {
          @Override
          public void parsed(SyslogEvent event, int lines) {
            bh.consume(event);
          }

          @Override
          public void rejected(RejectReason reason, String line) {
            bh.consume(reason);
          }
        };
    for (String line : LINES) {
      p.accept(line, out);
    }
    p.finish(out);
  }
}
