package org.mozilla.balrog.logs.window;

import java.time.Instant;

/** The {@code overall} row of one deploy in {@code deploy_impact}. */
public record JudgedDeploy(
    String deployId, String app, Instant startedAt, String verdict, String reason) {}
