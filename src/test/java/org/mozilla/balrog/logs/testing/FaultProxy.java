package org.mozilla.balrog.logs.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Random;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A fault-injecting TCP proxy on loopback between S3A and an S3 server. For each new connection it
 * draws from a seeded {@link Random}: with probability {@code slowDownShare} it reads the first
 * request's head and answers {@code 503 SlowDown} (the S3 XML error); with probability {@code
 * resetShare} it reads the head and resets the connection (RST); otherwise it pipes bytes both ways
 * unchanged, Host header included, so SigV4 signatures still verify.
 *
 * <p>Only a connection's first request can be faulted: give the client a short connection TTL
 * ({@code fs.s3a.connection.ttl}) so that it keeps opening new ones. The draws are made in accept
 * order, so a run's counts depend on how many connections the client opens; the counters say what
 * was injected.
 *
 * <p>{@link #inspecting} makes a proxy that serves one request per connection (it asks both sides
 * to close after it), so it sees every request: it counts them, the LIST requests among them, and
 * can answer every object GET with {@code 403 AccessDenied}, as a bucket policy that denies reads
 * does.
 */
public final class FaultProxy implements AutoCloseable {
  private static final String SLOW_DOWN_BODY =
      "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
          + "<Error><Code>SlowDown</Code><Message>Please reduce your request"
          + " rate.</Message><RequestId>faultproxy</RequestId></Error>";

  private final ServerSocket server;
  private final int upstreamPort;
  private final double slowDownShare;
  private final double resetShare;
  private final Random random;
  private final ExecutorService pool =
      Executors.newCachedThreadPool(
          r -> {
            Thread t = new Thread(r, "fault-proxy");
            t.setDaemon(true);
            return t;
          });
  private final boolean inspect;
  private final boolean refuseObjectGets;
  private final AtomicInteger requests = new AtomicInteger();
  private final AtomicInteger lists = new AtomicInteger();
  private final AtomicInteger refused = new AtomicInteger();
  private final AtomicInteger connections = new AtomicInteger();
  private final AtomicInteger slowDowns = new AtomicInteger();
  private final AtomicInteger resets = new AtomicInteger();

  /**
   * Starts accepting on a free loopback port.
   *
   * @param slowDownShare share of connections answered 503 SlowDown, 0..1
   * @param resetShare share of connections reset, 0..1; the two shares add up to at most 1
   */
  public FaultProxy(int upstreamPort, double slowDownShare, double resetShare, long seed)
      throws IOException {
    this(upstreamPort, slowDownShare, resetShare, seed, false, false);
  }

  /**
   * A proxy that forwards one request per connection and counts requests and LISTs (path-style S3
   * requests); with {@code refuseObjectGets}, every GET of an object is answered 403 AccessDenied.
   */
  public static FaultProxy inspecting(int upstreamPort, boolean refuseObjectGets)
      throws IOException {
    return new FaultProxy(upstreamPort, 0, 0, 0, true, refuseObjectGets);
  }

  private FaultProxy(
      int upstreamPort,
      double slowDownShare,
      double resetShare,
      long seed,
      boolean inspect,
      boolean refuseObjectGets)
      throws IOException {
    if (slowDownShare < 0 || resetShare < 0 || slowDownShare + resetShare > 1) {
      throw new IllegalArgumentException("shares must be >= 0 and add up to at most 1");
    }
    this.inspect = inspect;
    this.refuseObjectGets = refuseObjectGets;
    this.upstreamPort = upstreamPort;
    this.slowDownShare = slowDownShare;
    this.resetShare = resetShare;
    this.random = new Random(seed);
    this.server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
    pool.execute(this::acceptLoop);
  }

  public String endpoint() {
    return "http://127.0.0.1:" + server.getLocalPort();
  }

  public int connections() {
    return connections.get();
  }

  public int slowDowns() {
    return slowDowns.get();
  }

  public int resets() {
    return resets.get();
  }

  /** Requests seen (inspecting proxies only). */
  public int requests() {
    return requests.get();
  }

  /** LIST requests seen ({@code GET /bucket?list-type=…}; inspecting proxies only). */
  public int lists() {
    return lists.get();
  }

  /** Object GETs answered 403. */
  public int refused() {
    return refused.get();
  }

  /** One line for test output: connections, 503s, resets. */
  public String report() {
    return String.format(
        Locale.ROOT, "connections=%d 503s=%d resets=%d", connections(), slowDowns(), resets());
  }

  private void acceptLoop() {
    while (!server.isClosed()) {
      try {
        Socket client = server.accept();
        connections.incrementAndGet();
        double draw =
            random.nextDouble(); // drawn here, in accept order, so the sequence is the seed's
        pool.execute(() -> handle(client, draw));
      } catch (IOException closed) {
        return;
      }
    }
  }

  private void handle(Socket client, double draw) {
    try {
      if (inspect) {
        inspectOne(client);
        return;
      }
      if (draw < slowDownShare) {
        readHead(client.getInputStream());
        slowDowns.incrementAndGet();
        byte[] body = SLOW_DOWN_BODY.getBytes(StandardCharsets.UTF_8);
        String head =
            "HTTP/1.1 503 Slow Down\r\nContent-Type: application/xml\r\nContent-Length: "
                + body.length
                + "\r\nConnection: close\r\n\r\n";
        OutputStream out = client.getOutputStream();
        out.write(head.getBytes(StandardCharsets.US_ASCII));
        out.write(body);
        out.flush();
        client.close();
      } else if (draw < slowDownShare + resetShare) {
        readHead(client.getInputStream());
        resets.incrementAndGet();
        client.setSoLinger(true, 0); // close() now sends RST instead of FIN
        client.close();
      } else {
        pipe(client);
      }
    } catch (IOException e) {
      closeQuietly(client);
    }
  }

  /**
   * Reads one request head; counts it; refuses it, or forwards it (and what follows) asking both
   * ends to close.
   */
  private void inspectOne(Socket client) throws IOException {
    String head = new String(headBytes(client.getInputStream()), StandardCharsets.ISO_8859_1);
    requests.incrementAndGet();
    String[] requestLine = head.substring(0, head.indexOf("\r\n")).split(" ");
    String method = requestLine[0];
    String target = requestLine.length > 1 ? requestLine[1] : "/";
    int q = target.indexOf('?');
    String path = q < 0 ? target : target.substring(0, q);
    String query = q < 0 ? "" : target.substring(q + 1);
    if (method.equals("GET") && query.contains("list-type=")) {
      lists.incrementAndGet();
    }
    boolean objectGet =
        method.equals("GET")
            && path.indexOf('/', 1) > 0
            && path.indexOf('/', 1) < path.length() - 1
            && !query.contains("list-type=")
            && !query.contains("uploads");
    if (refuseObjectGets && objectGet) {
      refused.incrementAndGet();
      byte[] body =
          ("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<Error><Code>AccessDenied</Code>"
                  + "<Message>Access Denied</Message><RequestId>faultproxy</RequestId></Error>")
              .getBytes(StandardCharsets.UTF_8);
      String answer =
          "HTTP/1.1 403 Forbidden\r\nContent-Type: application/xml\r\nContent-Length: "
              + body.length
              + "\r\nConnection: close\r\n\r\n";
      OutputStream out = client.getOutputStream();
      out.write(answer.getBytes(StandardCharsets.US_ASCII));
      out.write(body);
      out.flush();
      client.close();
      return;
    }
    StringBuilder forwarded = new StringBuilder();
    for (String line : head.split("\r\n")) {
      if (!line.isEmpty() && !line.regionMatches(true, 0, "Connection:", 0, 11)) {
        forwarded.append(line).append("\r\n");
      }
    }
    forwarded.append("Connection: close\r\n\r\n");
    pipe(client, forwarded.toString().getBytes(StandardCharsets.ISO_8859_1));
  }

  /** The request head, up to and including the blank line. */
  private static byte[] headBytes(InputStream in) throws IOException {
    java.io.ByteArrayOutputStream head = new java.io.ByteArrayOutputStream();
    int matched = 0;
    byte[] end = {'\r', '\n', '\r', '\n'};
    while (matched < end.length) {
      int b = in.read();
      if (b < 0) {
        throw new IOException("client closed before the end of the request head");
      }
      head.write(b);
      matched = b == end[matched] ? matched + 1 : (b == end[0] ? 1 : 0);
    }
    return head.toByteArray();
  }

  /**
   * Reads up to the end of the request head; the body (if any) is left unread: the answer ends the
   * connection.
   */
  private static void readHead(InputStream in) throws IOException {
    int matched = 0;
    byte[] end = {'\r', '\n', '\r', '\n'};
    while (matched < end.length) {
      int b = in.read();
      if (b < 0) {
        throw new IOException("client closed before the end of the request head");
      }
      matched = b == end[matched] ? matched + 1 : (b == end[0] ? 1 : 0);
    }
  }

  private void pipe(Socket client) throws IOException {
    pipe(client, new byte[0]);
  }

  /** Sends {@code first} upstream, then pipes both ways until both ends are done. */
  private void pipe(Socket client, byte[] first) throws IOException {
    try (client;
        Socket upstream = new Socket()) {
      upstream.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), upstreamPort), 5000);
      upstream.getOutputStream().write(first);
      Future<?> back = pool.submit(() -> copy(upstream, client));
      copy(client, upstream);
      back.get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (ExecutionException e) {
      throw new IOException(e.getCause());
    }
  }

  /**
   * Copies until EOF, then half-closes the other side, so each side sees the other's end of stream.
   */
  private static void copy(Socket from, Socket to) {
    byte[] buf = new byte[16 * 1024];
    try {
      InputStream in = from.getInputStream();
      OutputStream out = to.getOutputStream();
      for (int n; (n = in.read(buf)) >= 0; ) {
        out.write(buf, 0, n);
        out.flush();
      }
      to.shutdownOutput();
    } catch (IOException e) {
      closeQuietly(from);
      closeQuietly(to);
    }
  }

  private static void closeQuietly(Socket s) {
    try {
      s.close();
    } catch (IOException ignored) {
      // already gone
    }
  }

  @Override
  public void close() throws IOException {
    server.close();
    pool.shutdownNow();
  }
}
