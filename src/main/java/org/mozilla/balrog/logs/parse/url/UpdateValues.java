package org.mozilla.balrog.logs.parse.url;

import java.util.Set;
import java.util.regex.Pattern;
import org.mozilla.balrog.logs.privacy.Addresses;

/**
 * What the values of an update URL's slots may be published as (docs/design.md#folding). Every slot
 * is text the client chose, so the population tables fold small values; Balrog's own vocabulary
 * (its channel names, its products, Mozilla version numbers) is recognised here, and an address
 * typed into any slot never becomes a value at all. Pure, stateless, thread-safe.
 */
public final class UpdateValues {
  /** The value that stands for everything folded or withheld. */
  public static final String OTHER = "other";

  /**
   * Balrog's channels (docs/formats.md#channels): release, beta, aurora, nightly, esr, default, and
   * their QA variants ending in {@code -localtest} or {@code -cdntest}. {@code -cck-} partner
   * suffixes are folded before this test.
   */
  private static final Pattern BALROG_CHANNEL =
      Pattern.compile("(?:release|beta|aurora|nightly|esr|default)(?:-localtest|-cdntest)?");

  /**
   * A Mozilla version number: two to four numeric parts, optionally an alpha/beta/rc number or the
   * esr suffix ({@code 146.0}, {@code 146.0b9}, {@code 148.0a1}, {@code 140.5.0esr}, {@code
   * 3.6.28}). Room for no words.
   */
  private static final Pattern VERSION =
      Pattern.compile("[0-9]{1,5}(?:\\.[0-9]{1,5}){1,3}(?:(?:a|b|rc)[0-9]{1,3}|esr)?");

  /** The products Balrog serves (docs/formats.md#products). */
  private static final Set<String> PRODUCTS =
      Set.of(
          "Firefox",
          "Thunderbird",
          "Fennec",
          "Devedition",
          "SeaMonkey",
          "GMP",
          "SystemAddons",
          "Guardian",
          "FirefoxVPN",
          "Pinebuild",
          "B2G");

  private UpdateValues() {}

  /** True for one of Balrog's channel names (see {@link #BALROG_CHANNEL}). */
  public static boolean isBalrogChannel(String channel) {
    return channel != null && BALROG_CHANNEL.matcher(channel).matches();
  }

  /** True for a version number in Mozilla's syntax (see {@link #VERSION}). */
  public static boolean isVersion(String version) {
    return version != null && VERSION.matcher(version).matches();
  }

  /** True for a product Balrog serves. */
  public static boolean isKnownProduct(String product) {
    return product != null && PRODUCTS.contains(product);
  }

  /**
   * The value, or {@link #OTHER} when it holds an IPv4 or IPv6 address anywhere ({@link
   * Addresses}): an address never becomes a population value, whatever slot of the URL it was typed
   * into and however many clients sent it.
   */
  public static String withoutAddress(String value) {
    if (value == null) {
      return null;
    }
    return Addresses.containsAddress(value) ? OTHER : value;
  }
}
