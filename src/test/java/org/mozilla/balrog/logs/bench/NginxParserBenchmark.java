package org.mozilla.balrog.logs.bench;

import java.util.concurrent.TimeUnit;
import org.mozilla.balrog.logs.parse.nginx.NginxAccessParser;
import org.mozilla.balrog.logs.parse.nginx.NginxErrorParser;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.infra.Blackhole;

/**
 * Throughput of the nginx parsers over a small array of realistic lines; the score is lines per
 * second (one operation = one line). Run: {@code java -cp ... org.openjdk.jmh.Main
 * NginxParserBenchmark}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class NginxParserBenchmark {
  static final String[] ACCESS = {
    "admin 1551794523.456 \"10.0.1.12\" \"GET /api/rules?product=Firefox HTTP/1.1\" 200 512 20480 -"
        + " 0.087 0.085 \"Mozilla/5.0 (X11; Linux x86_64; rv:65.0) Gecko/20100101 Firefox/65.0\""
        + " \"-\"",
    "agent 1551794530.002 \"127.0.0.1\" \"GET /api/scheduled_changes/rules HTTP/1.1\" 200 301 2 -"
        + " 0.015 0.015 \"Python/3.7 aiohttp/3.5.4\" \"-\"",
    "admin 1551794600.100 \"10.0.1.13\" \"PUT /api/rules/42 HTTP/1.1\" 502 2048 166 ldapuser 1.504"
        + " 0.012, 0.034 \"python-requests/2.21.0\" \"-\"",
    "admin 1551794601.250 \"10.0.1.14\" \"GET /api/releases HTTP/1.1\" 200 420 98765 - 0.050 0.012"
        + " : 0.030 \"Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:65.0) Gecko/20100101"
        + " Firefox/65.0\" \"4.21\"",
    "admin 1551794604.500 \"203.0.113.9\" \"GET /caf\\xC3\\xA9?q=\\x22x\\x22 HTTP/1.1\" 404 200 150"
        + " - 0.002 0.002 \"Mozilla/5.0 \\x22quoted\\x22\" \"-\"",
    "agent 1551794560.010 \"127.0.0.1\" \"GET /__heartbeat__ HTTP/1.1\" 200 180 2 - 0.004 0.004"
        + " \"kube-probe/1.14\" \"-\""
  };

  static final String[] ERROR = {
    "2019/03/05 14:02:03 [error] 7#7: *1523 connect() failed (111: Connection refused) while"
        + " connecting to upstream, client: 10.0.1.12, server: , request: \"GET /api/rules"
        + " HTTP/1.1\", upstream: \"http://172.18.0.3:7070/rules\", host:"
        + " \"aus4-admin.mozilla.org\"",
    "2019/03/05 14:02:04 [notice] 1#1: signal process started",
  };

  private final NginxAccessParser access = new NginxAccessParser();
  private final NginxErrorParser error = new NginxErrorParser();

  @Benchmark
  @OperationsPerInvocation(6)
  public void accessLines(Blackhole bh) {
    for (String line : ACCESS) {
      bh.consume(access.parse(line));
    }
  }

  @Benchmark
  @OperationsPerInvocation(2)
  public void errorLines(Blackhole bh) {
    for (String line : ERROR) {
      bh.consume(error.parse(line));
    }
  }
}
