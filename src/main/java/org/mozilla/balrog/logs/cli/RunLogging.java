package org.mozilla.balrog.logs.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;
import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.core.LoggerContext;
import org.apache.logging.log4j.core.config.Configuration;
import org.apache.logging.log4j.core.config.ConfigurationSource;
import org.apache.logging.log4j.core.config.LoggerConfig;
import org.apache.logging.log4j.core.config.properties.PropertiesConfigurationFactory;

/**
 * The logging of a run, set up first thing in {@link Main#main}.
 *
 * <ul>
 *   <li>Under spark-submit with no logging configuration anywhere (no {@code
 *       SPARK_CONF_DIR/log4j2.properties}, no {@code -Dlog4j2.configurationFile}), Spark's default
 *       profile logs every INFO line (about 3,000 for a day). The jar's own {@value #SUBMIT}
 *       replaces it: WARN and up on stderr.
 *   <li>Under that configuration or bin/balrog-logs' (both named {@value #NAME}), the log levels of
 *       {@value #LEVELS} are added: the one list of the warnings that say nothing about a run, each
 *       with its reason.
 *   <li>A configuration of the cluster's or the user's own is left exactly as it is.
 * </ul>
 */
final class RunLogging {
  /** The profile Spark applies when log4j2 found no configuration (Spark 3.5 and 4.x). */
  static final String SPARK_DEFAULT_PROFILE = "org/apache/spark/log4j2-defaults.properties";

  static final String SUBMIT = "/org/mozilla/balrog/logs/log4j2-spark-submit.properties";
  static final String LEVELS = "/org/mozilla/balrog/logs/log4j2-levels.properties";

  /** The name of our configurations ({@code name = } in the file). */
  static final String NAME = "balrog-logs";

  private RunLogging() {}

  /**
   * True when {@code location} (where the configuration in force came from) is nowhere (log4j's
   * default) or Spark's default profile.
   */
  static boolean isSparksDefault(String location) {
    return location == null || location.endsWith(SPARK_DEFAULT_PROFILE);
  }

  /**
   * Sets up the run's logging as the class comment says; never fails the run. With {@code
   * --verbose} among {@code args} the levels are not added: everything Spark says is wanted then.
   */
  static void setUp(String[] args) {
    // the context of Spark's loggers: that of log4j's own class loader (under spark-submit this
    // jar has a class loader, and so a logger context, of its own)
    if (!(LogManager.getContext(LogManager.class.getClassLoader(), false)
        instanceof LoggerContext ctx)) {
      return;
    }
    try {
      if (isSparksDefault(ctx.getConfiguration().getConfigurationSource().getLocation())) {
        URL url = RunLogging.class.getResource(SUBMIT);
        if (url == null) {
          return;
        }
        try (InputStream in = url.openStream()) {
          ctx.reconfigure(
              new PropertiesConfigurationFactory()
                  .getConfiguration(ctx, new ConfigurationSource(in, url)));
        }
        forgetSparksDefault();
      }
      if (NAME.equals(ctx.getConfiguration().getName()) && !verbose(args)) {
        addLevels(ctx);
      }
    } catch (IOException | RuntimeException e) {
      System.err.println("balrog-logs: logging left as configured (" + e + ")");
    }
  }

  private static boolean verbose(String[] args) {
    for (String a : args) {
      if (a.equals("--")) {
        return false;
      }
      if (a.equals("--verbose")) {
        return true;
      }
    }
    return false;
  }

  /** The levels of {@value #LEVELS}, by logger name. */
  static Map<String, Level> levels() throws IOException {
    Properties p = new Properties();
    try (Reader r =
        new InputStreamReader(
            RunLogging.class.getResourceAsStream(LEVELS), StandardCharsets.UTF_8)) {
      p.load(r);
    }
    Map<String, Level> levels = new LinkedHashMap<>();
    for (String key : p.stringPropertyNames()) {
      if (key.startsWith("logger.") && key.endsWith(".name")) {
        String id = key.substring(0, key.length() - ".name".length());
        levels.put(p.getProperty(key).strip(), Level.valueOf(p.getProperty(id + ".level").strip()));
      }
    }
    return levels;
  }

  private static void addLevels(LoggerContext ctx) throws IOException {
    Configuration config = ctx.getConfiguration();
    for (Map.Entry<String, Level> e : levels().entrySet()) {
      LoggerConfig existing = config.getLoggers().get(e.getKey());
      if (existing != null) {
        existing.setLevel(e.getValue());
      } else {
        config.addLogger(e.getKey(), new LoggerConfig(e.getKey(), e.getValue(), true));
      }
    }
    ctx.updateLoggers();
  }

  /**
   * spark-submit initialised logging with Spark's default profile and then uninitialised it, so
   * that the application's first log line initialises it again; Spark remembers that its default
   * was in force (Logging.defaultSparkLog4jConfig, in 3.5 and 4.x) and would apply it again over
   * ours. This clears that flag (by reflection: it is internal, and a Spark without it has nothing
   * to clear).
   */
  private static void forgetSparksDefault() {
    try {
      Class<?> logging = Class.forName("org.apache.spark.internal.Logging$");
      Object module = logging.getField("MODULE$").get(null);
      for (java.lang.reflect.Method m : logging.getMethods()) {
        if (m.getName().endsWith("defaultSparkLog4jConfig_$eq")
            && m.getParameterCount() == 1
            && m.getParameterTypes()[0] == boolean.class) {
          m.invoke(module, false);
        }
      }
    } catch (ReflectiveOperationException | LinkageError e) {
      // not this Spark's internals: it keeps its default, which is only louder
    }
  }
}
