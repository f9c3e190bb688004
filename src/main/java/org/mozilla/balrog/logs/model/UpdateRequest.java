package org.mozilla.balrog.logs.model;

/**
 * A parsed Balrog update URL (docs/formats.md#update-urls). Path segments are percent-decoded
 * repeatedly (no {@code +} to space); fields a route does not carry are null.
 *
 * @param queryVersion the N of {@code /update/N/} or {@code /json/N/}
 * @param channel as sent (decoded)
 * @param channelNormalized {@code -cck-} partner suffix folded into the base channel
 * @param testChannel {@code *-localtest}, {@code *-cdntest} (and other QA channels): kept but
 *     marked
 * @param osVersion decoded, with the {@code (noBug1296630v1)(nowebsense)} suffix stripped
 * @param os from the build target: {@code WINNT}, {@code Darwin}, {@code Linux}, {@code Android}...
 * @param arch application architecture from the build target ({@code x86_64}, {@code x86}, {@code
 *     aarch64}...)
 * @param force the {@code force} query value as sent ({@code 1}, {@code -1}), null when absent
 */
public record UpdateRequest(
    RequestKind kind,
    Integer queryVersion,
    String product,
    String version,
    String buildId,
    String buildTarget,
    String locale,
    String channel,
    String channelNormalized,
    boolean testChannel,
    String osVersion,
    String systemCapabilities,
    String distribution,
    String distVersion,
    String os,
    String arch,
    String force,
    String mig64,
    String pin,
    String avast) {}
