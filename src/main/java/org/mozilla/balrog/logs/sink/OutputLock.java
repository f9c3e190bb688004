package org.mozilla.balrog.logs.sink;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.util.ShutdownHookManager;

/**
 * One writer per output root × date: a lock file {@code OUTPUT/_locks/log_date=YYYY-MM-DD.lock}
 * that a run creates before it writes the date's partitions and deletes when it is done. The folder
 * starts with {@code _}, so Spark, Hive, Athena and Trino skip it, and it is outside every table
 * folder ({@code OUTPUT/<table>/}) anyway.
 *
 * <p>The file holds the owner (command, host, pid, run id), the start time and a heartbeat time
 * (JSON, see {@link LockRecord}). A daemon thread rewrites the heartbeat every quarter of {@code
 * lock.stale-after} (at most every minute) and checks on the way that the file is still this run's:
 * if another run took it over, {@link #ensureHeld} fails before the next write. {@link #close}
 * deletes the file (when still ours) on success and on failure; a JVM shutdown hook does the same
 * when the JVM exits with the lock held (not on SIGKILL: that leaves a lock whose heartbeat stops).
 *
 * <p><b>Taking it.</b> When there is no file, create-if-absent, then read the file back and compare
 * the run id:
 *
 * <ul>
 *   <li>local folder: {@code open(O_CREAT|O_EXCL)} ({@code Files.write(CREATE_NEW)}): atomic;
 *   <li>S3 through S3A (hadoop-aws 3.4.2): a PUT with {@code If-None-Match: *} (the create-file
 *       option {@code fs.option.create.conditional.overwrite}, offered while {@code
 *       fs.s3a.create.conditional.enabled} is true, the default): atomic on AWS S3 and on stores
 *       that honour the header (S3Proxy's filesystem backend does); a 412 means another run has it.
 *       A PUT retried after a lost response meets its own first attempt: the read-back sees our run
 *       id and the lock is ours;
 *   <li>a store without conditional create (a third-party S3 store with {@code
 *       fs.s3a.create.conditional.enabled =false}): {@code create(overwrite=false)}, a HEAD then a
 *       PUT, then the read-back. <b>Remaining race:</b> two runs whose HEADs both see nothing can
 *       both PUT; the read-back catches the usual case (the later PUT wins and the earlier run sees
 *       the other owner), but when a run reads back before the other's PUT lands both go on. The
 *       heartbeat of the run whose file was overwritten then finds the other owner and that run
 *       stops before its next table write (exit 6), so at most the table being written meanwhile is
 *       written twice at once. Stores that silently ignore {@code If-None-Match} behave the same
 *       way.
 * </ul>
 *
 * <p><b>Breaking it.</b> With {@link Policy#breakStale}, a lock whose heartbeat is older than
 * {@link Policy#staleAfter} (or than the holder's, recorded in the file, when that is longer) is
 * deleted if unchanged (locally: renamed aside atomically, compared, deleted; on S3: read,
 * compared, deleted) and then taken as above. A live lock (younger heartbeat) is never broken. Two
 * runs breaking the same stale lock at the same moment on S3 can both delete and create
 * (read-compare-delete is not atomic there); the heartbeat check makes the one whose file was
 * replaced stop before its next write. Heartbeats are judged with the reader's clock: keep {@code
 * lock.stale-after} well above the clock skew between hosts and above the longest pause a driver
 * can take (a long GC, a suspended VM).
 *
 * <p>Thread-safe; driver only.
 */
public final class OutputLock implements AutoCloseable {
  /** The folder under the output root that holds the lock files. */
  public static final String FOLDER = "_locks";

  /** The setting for {@link Policy#staleAfter}. */
  public static final String STALE_AFTER_KEY = "lock.stale-after";

  public static final Duration DEFAULT_STALE_AFTER = Duration.ofMinutes(10);

  /**
   * Create, read back, and (with a stale lock) break: how often before giving up on a lock that
   * keeps changing.
   */
  static final int ATTEMPTS = 4;

  /**
   * A local lock file is empty for a moment after its creation: how often to read it again, and how
   * long apart.
   */
  static final int READ_TRIES = 5;

  static final long READ_RETRY_MILLIS = 40;

  /**
   * Runs the shutdown hook before Hadoop closes its file systems ({@link
   * FileSystem#SHUTDOWN_HOOK_PRIORITY}).
   */
  static final int SHUTDOWN_PRIORITY = FileSystem.SHUTDOWN_HOOK_PRIORITY + 20;

  /**
   * How locks are judged.
   *
   * @param staleAfter a lock whose last heartbeat is older than this is stale (its run is presumed
   *     dead)
   * @param breakStale take over a stale lock ({@code --break-lock}); a live one is never broken
   */
  public record Policy(Duration staleAfter, boolean breakStale) {
    public static final Policy DEFAULT = new Policy(DEFAULT_STALE_AFTER, false);

    public Policy {
      Objects.requireNonNull(staleAfter, "staleAfter");
      if (staleAfter.isNegative() || staleAfter.isZero()) {
        throw new IllegalArgumentException(STALE_AFTER_KEY + " must be positive: " + staleAfter);
      }
    }

    /** A quarter of {@link #staleAfter}, at most a minute and at least 100 ms. */
    Duration heartbeatEvery() {
      Duration d = staleAfter.dividedBy(4);
      if (d.compareTo(Duration.ofMinutes(1)) > 0) {
        return Duration.ofMinutes(1);
      }
      return d.compareTo(Duration.ofMillis(100)) < 0 ? Duration.ofMillis(100) : d;
    }
  }

  /** Who holds a lock: the command, this host and process, and the run's id. */
  public record Owner(String command, String host, long pid, String runId) {
    public Owner {
      Objects.requireNonNull(command, "command");
      Objects.requireNonNull(host, "host");
      Objects.requireNonNull(runId, "runId");
    }

    /** {@code command} with {@code runId} in this JVM on this host. */
    public static Owner current(String command, String runId) {
      return new Owner(command, hostName(), ProcessHandle.current().pid(), runId);
    }

    private static String hostName() {
      String env = System.getenv("HOSTNAME");
      if (env != null && !env.isBlank()) {
        return env.strip();
      }
      try {
        return InetAddress.getLocalHost().getHostName();
      } catch (IOException e) {
        return "unknown";
      }
    }
  }

  /**
   * A lock file as read: its record (null when unreadable), its bytes and the heartbeat it is
   * judged by.
   */
  record Held(LockRecord record, byte[] content, Instant heartbeat, String unreadable) {
    String owner() {
      return record != null
          ? record.owner()
          : "an unknown run (unreadable lock file: " + unreadable + ")";
    }

    boolean ownedBy(String runId) {
      return record != null && record.runId().equals(runId);
    }
  }

  private final LockStore store;
  private final String location;
  private final String output;
  private final LocalDate day;
  private final String runId;
  private final Consumer<String> log;
  private final ScheduledExecutorService heartbeat;
  private final Runnable hook;
  private LockRecord mine; // guarded by this
  private boolean closed; // guarded by this
  private volatile String lost;

  private OutputLock(
      LockStore store, String location, LockRecord mine, Policy policy, Consumer<String> log) {
    this.store = store;
    this.location = location;
    this.output = mine.output();
    this.day = mine.day();
    this.runId = mine.runId();
    this.mine = mine;
    this.log = log;
    this.heartbeat =
        Executors.newSingleThreadScheduledExecutor(
            r -> {
              Thread t = new Thread(r, "balrog-logs-lock-heartbeat-" + mine.day());
              t.setDaemon(true);
              return t;
            });
    long every = policy.heartbeatEvery().toMillis();
    heartbeat.scheduleWithFixedDelay(this::beat, every, every, TimeUnit.MILLISECONDS);
    this.hook = this::close;
    ShutdownHookManager.get().addShutdownHook(hook, SHUTDOWN_PRIORITY);
  }

  /** {@code outputRoot/_locks/log_date=<day>.lock}. */
  public static Path file(String outputRoot, LocalDate day) {
    return new Path(
        new Path(new Path(PartitionWriter.checkedRoot(outputRoot)), FOLDER),
        SummaryTable.PARTITION_COLUMN + "=" + day + ".lock");
  }

  /**
   * Takes the lock of {@code day} under {@code outputRoot} for {@code owner}, breaking a stale one
   * when the policy says so (and saying so on {@code log}).
   *
   * @throws OutputLockedException when another run holds it (a live lock, or a stale one without
   *     {@code breakStale})
   * @throws UncheckedIOException when the store cannot be read or written
   */
  public static OutputLock acquire(
      Configuration conf,
      String outputRoot,
      LocalDate day,
      Owner owner,
      Policy policy,
      Consumer<String> log) {
    Path file = file(outputRoot, day);
    LockStore store;
    try {
      store = LockStore.of(conf, file);
    } catch (IOException e) {
      throw new UncheckedIOException(
          "cannot open the lock folder of " + outputRoot + ": " + e.getMessage(), e);
    }
    return acquire(store, file.toString(), outputRoot, day, owner, policy, log);
  }

  static OutputLock acquire(
      LockStore store,
      String location,
      String output,
      LocalDate day,
      Owner owner,
      Policy policy,
      Consumer<String> log) {
    Instant now = Instant.now();
    LockRecord mine =
        new LockRecord(
            owner.command(),
            owner.host(),
            owner.pid(),
            owner.runId(),
            output,
            day,
            now,
            now,
            policy.staleAfter());
    try {
      for (int attempt = 1; attempt <= ATTEMPTS; attempt++) {
        // look first: a create that meets an existing file costs a failed PUT on S3 (and S3A logs
        // it as a failure)
        Optional<Held> read = readHeld(store);
        if (read.isEmpty()) {
          store.createIfAbsent(mine.toJson());
          // whether the create said yes or no, the file says who holds the lock (see the class
          // comment)
          read = readHeld(store);
          if (read.isEmpty()) {
            continue; // released between the create and the read: try again
          }
        }
        Held held = read.get();
        if (held.ownedBy(owner.runId())) {
          return new OutputLock(store, location, held.record(), policy, log);
        }
        Duration age = age(held.heartbeat());
        boolean stale = age.compareTo(staleAfter(held, policy)) > 0;
        if (stale && policy.breakStale()) {
          if (store.deleteIfUnchanged(held.content())) {
            log.accept(
                day
                    + ": broke the stale lock of "
                    + held.owner()
                    + " (last heartbeat "
                    + held.heartbeat()
                    + ", "
                    + format(age)
                    + " ago; lock file "
                    + location
                    + ")");
          }
          continue;
        }
        throw new OutputLockedException(
            heldMessage(held, output, day, location, policy, age, stale));
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot take the lock " + location + ": " + e.getMessage(), e);
    }
    throw new OutputLockedException(
        "could not take the lock of log_date="
            + day
            + " under "
            + output
            + " in "
            + ATTEMPTS
            + " attempts: other runs keep taking and releasing it (lock file "
            + location
            + ")");
  }

  /** The one-line message for a lock held by another run. */
  static String heldMessage(
      Held held,
      String output,
      LocalDate day,
      String location,
      Policy policy,
      Duration age,
      boolean stale) {
    StringBuilder sb =
        new StringBuilder()
            .append(SummaryTable.PARTITION_COLUMN)
            .append('=')
            .append(day)
            .append(" under ")
            .append(output)
            .append(" is locked by ")
            .append(held.owner());
    if (held.record() != null) {
      sb.append(" since ").append(held.record().startedAt());
    }
    sb.append(", last heartbeat ")
        .append(held.heartbeat())
        .append(" (")
        .append(format(age))
        .append(" ago");
    Duration limit = staleAfter(held, policy);
    String staleAfter =
        STALE_AFTER_KEY
            + " ("
            + format(limit)
            + (limit.equals(policy.staleAfter()) ? "" : ", the holder's")
            + ")";
    if (stale) {
      sb.append(", older than ")
          .append(staleAfter)
          .append(
              ": that run is probably dead); rerun with --break-lock" + " to take the lock over");
    } else if (policy.breakStale()) {
      sb.append(
              "): the lock is live, and --break-lock only takes over a lock whose heartbeat is"
                  + " older than ")
          .append(staleAfter)
          .append("; wait for that run to end");
    } else {
      sb.append(
              "); wait for that run to end, or if it died, rerun with --break-lock once its"
                  + " heartbeat is older than ")
          .append(staleAfter);
    }
    return sb.append(" (lock file ").append(location).append(')').toString();
  }

  /**
   * When {@code held} counts as stale: after the longer of this run's {@code lock.stale-after} and
   * the holder's (so a run with a short setting cannot break the lock of a live run that heartbeats
   * less often).
   */
  static Duration staleAfter(Held held, Policy policy) {
    Duration holders = held.record() == null ? null : held.record().staleAfter();
    return holders != null && holders.compareTo(policy.staleAfter()) > 0
        ? holders
        : policy.staleAfter();
  }

  /**
   * Throws when the lock was lost (another run took it over, or its file was deleted): call before
   * each write.
   *
   * @param what the write about to happen, for the message
   */
  public void ensureHeld(String what) {
    String why = lost;
    if (why != null) {
      throw new OutputLockedException(
          "lost the lock of "
              + SummaryTable.PARTITION_COLUMN
              + "="
              + day
              + " under "
              + output
              + ": "
              + why
              + "; stopped before writing "
              + what
              + " (the date's partitions may be partial:"
              + " rerun it once that run has ended) (lock file "
              + location
              + ")");
    }
  }

  /** Where the lock file is. */
  public String location() {
    return location;
  }

  /** How this store creates the file (atomic or create plus read-back). */
  public String createKind() {
    return store.createKind();
  }

  /**
   * Stops the heartbeat and deletes the lock file when it is still this run's. Never throws: a file
   * that cannot be deleted is reported on the log (the next run of the date then needs {@code
   * --break-lock} once it is stale).
   */
  @Override
  public void close() {
    synchronized (this) {
      if (closed) {
        return;
      }
      closed = true; // a heartbeat never writes after this
    }
    heartbeat.shutdown();
    try {
      ShutdownHookManager.get().removeShutdownHook(hook);
    } catch (IllegalStateException e) {
      // the JVM is shutting down: this is the hook
    }
    try {
      Optional<Held> now = readHeld(store);
      if (now.isPresent() && now.get().ownedBy(runId)) {
        store.deleteIfUnchanged(now.get().content());
      }
      store.removeEmptyFolder();
    } catch (IOException | RuntimeException e) {
      log.accept(
          day
              + ": WARNING: could not delete the lock file "
              + location
              + " ("
              + e.getMessage()
              + "); once its"
              + " heartbeat is older than "
              + STALE_AFTER_KEY
              + ", the next run of this date needs --break-lock");
    }
  }

  /** One heartbeat: checks the file is still ours, then rewrites it with the time. */
  private void beat() {
    synchronized (this) {
      if (closed || lost != null) {
        return;
      }
      try {
        Optional<Held> now = readHeld(store);
        if (now.isEmpty()) {
          lost = "its lock file was deleted";
          return;
        }
        if (!now.get().ownedBy(runId)) {
          lost = "it was taken over by " + now.get().owner();
          return;
        }
        mine = mine.beat(Instant.now());
        store.replace(mine.toJson());
      } catch (IOException | RuntimeException e) {
        // a missed heartbeat: the next one tries again, and stale-after spans four of them
      }
    }
  }

  /**
   * The lock file, parsed; read again a few times while it does not parse (a local file just
   * created is empty).
   */
  static Optional<Held> readHeld(LockStore store) throws IOException {
    for (int i = 1; ; i++) {
      Optional<LockStore.Snapshot> s = store.read();
      if (s.isEmpty()) {
        return Optional.empty();
      }
      byte[] content = s.get().content();
      try {
        LockRecord r = LockRecord.parse(content);
        return Optional.of(new Held(r, content, r.heartbeatAt(), null));
      } catch (IllegalArgumentException e) {
        if (i == READ_TRIES) {
          return Optional.of(new Held(null, content, s.get().modified(), e.getMessage()));
        }
      }
      try {
        Thread.sleep(READ_RETRY_MILLIS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IOException("interrupted while reading the lock file", e);
      }
    }
  }

  private static Duration age(Instant heartbeat) {
    Duration d = Duration.between(heartbeat, Instant.now());
    return d.isNegative() ? Duration.ZERO : d; // a heartbeat from a clock ahead of ours is fresh
  }

  /** {@code 45s}, {@code 12m}, {@code 1h5m}, {@code 2d3h}: whole seconds, largest units first. */
  static String format(Duration d) {
    long s = d.toSeconds();
    StringBuilder sb = new StringBuilder();
    long[] sizes = {86_400, 3600, 60, 1};
    String[] units = {"d", "h", "m", "s"};
    for (int i = 0; i < sizes.length; i++) {
      if (s >= sizes[i] || (i == sizes.length - 1 && sb.length() == 0)) {
        sb.append(s / sizes[i]).append(units[i]);
        s %= sizes[i];
      }
    }
    return sb.toString();
  }
}
