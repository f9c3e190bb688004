package org.mozilla.balrog.logs.source;

import java.util.Comparator;
import java.util.Objects;
import org.mozilla.balrog.logs.model.RequestKind;
import org.mozilla.balrog.logs.model.UpdateRequest;
import org.mozilla.balrog.logs.parse.url.UpdateUrlParser;
import org.mozilla.balrog.logs.parse.url.UpdateValues;

/**
 * One cell of {@code update_population} (docs/design.md#population): domain × product × channel
 * (normalized) × test channel × version × os × arch of an update request. Path fields the request
 * does not carry are {@value #UNKNOWN}.
 */
public record UpdateCell(
    String domain,
    String product,
    String channel,
    boolean testChannel,
    String version,
    String os,
    String arch)
    implements java.io.Serializable {
  /** The value of a cell field the request does not carry. */
  public static final String UNKNOWN = "unknown";

  /** Field by field, {@code false} before {@code true}; the order cells are written in. */
  public static final Comparator<UpdateCell> ORDER =
      Comparator.comparing(UpdateCell::domain)
          .thenComparing(UpdateCell::product)
          .thenComparing(UpdateCell::channel)
          .thenComparing(UpdateCell::testChannel)
          .thenComparing(UpdateCell::version)
          .thenComparing(UpdateCell::os)
          .thenComparing(UpdateCell::arch);

  public UpdateCell {
    Objects.requireNonNull(domain, "domain");
    Objects.requireNonNull(product, "product");
    Objects.requireNonNull(channel, "channel");
    Objects.requireNonNull(version, "version");
    Objects.requireNonNull(os, "os");
    Objects.requireNonNull(arch, "arch");
  }

  /** True for the requests the population counts: the {@code /update} and {@code /json} routes. */
  public static boolean counts(UpdateRequest u) {
    return u != null && (u.kind() == RequestKind.UPDATE || u.kind() == RequestKind.JSON);
  }

  /** The cell of an update request ({@link #counts}) to {@code domain}. */
  public static UpdateCell of(String domain, UpdateRequest u) {
    return of(domain, u.product(), u.version(), u.buildTarget(), u.channel());
  }

  /**
   * The cell of an update request to {@code domain} from its decoded path fields (null when the
   * route lacks them): the channel normalized and tested, os and arch from the build target, as
   * {@link UpdateUrlParser} does. A field that holds an IP address becomes {@code other} ({@link
   * UpdateValues#withoutAddress}): no address reaches a table.
   */
  public static UpdateCell of(
      String domain, String product, String version, String buildTarget, String channel) {
    return new UpdateCell(
        domain,
        known(product),
        known(UpdateUrlParser.normalizeChannel(channel)),
        UpdateUrlParser.isTestChannel(channel),
        known(version),
        known(UpdateUrlParser.os(buildTarget)),
        known(UpdateUrlParser.arch(buildTarget)));
  }

  /**
   * A field as a cell value: {@value #UNKNOWN} when absent, {@code other} when it holds an address.
   */
  private static String known(String s) {
    return s == null ? UNKNOWN : UpdateValues.withoutAddress(s);
  }

  /** A background request: sent without {@code force=} (the client's own periodic check). */
  public static boolean background(UpdateRequest u) {
    return u.force() == null;
  }
}
