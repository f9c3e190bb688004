package org.mozilla.balrog.logs.testing;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.core.LoggerContext;
import org.apache.logging.log4j.core.appender.WriterAppender;
import org.apache.logging.log4j.core.config.Configuration;
import org.apache.logging.log4j.core.layout.PatternLayout;

/**
 * Captures, while open, everything the JVM prints: {@code System.out}, {@code System.err} and every
 * log4j event that reaches the root logger (Spark, Hadoop and S3A log through log4j). {@link
 * #close} restores the streams and the root log level, since {@code --verbose} raises it to INFO
 * for the whole JVM.
 *
 * <p>Not thread-safe to open twice at once; meant for one CLI run at a time.
 */
public final class CapturedOutput implements AutoCloseable {
  private static final String APPENDER = "captured-output";

  private final PrintStream oldOut = System.out;
  private final PrintStream oldErr = System.err;
  private final ByteArrayOutputStream streams = new ByteArrayOutputStream();
  private final StringWriter log = new StringWriter();
  private final LoggerContext context = (LoggerContext) LogManager.getContext(false);
  private final Level oldLevel;

  public CapturedOutput() {
    Configuration config = context.getConfiguration();
    oldLevel = config.getRootLogger().getLevel();
    WriterAppender appender =
        WriterAppender.newBuilder()
            .setName(APPENDER)
            .setTarget(log)
            .setLayout(
                PatternLayout.newBuilder()
                    .withPattern("%p %c: %m%n%ex")
                    .withConfiguration(config)
                    .build())
            .build();
    appender.start();
    config.addAppender(appender);
    config.getRootLogger().addAppender(appender, null, null);
    context.updateLoggers();
    PrintStream both = new PrintStream(streams, true, StandardCharsets.UTF_8);
    System.setOut(both);
    System.setErr(both);
  }

  /** What was printed to System.out/err, then the log events. */
  public String text() {
    return streams.toString(StandardCharsets.UTF_8) + "\n--- log4j\n" + log;
  }

  @Override
  public void close() {
    System.setOut(oldOut);
    System.setErr(oldErr);
    Configuration config = context.getConfiguration();
    config.getRootLogger().removeAppender(APPENDER);
    config.getRootLogger().setLevel(oldLevel);
    context.updateLoggers();
  }
}
