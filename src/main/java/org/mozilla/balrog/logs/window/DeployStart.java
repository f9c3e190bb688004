package org.mozilla.balrog.logs.window;

import java.time.Instant;

/** One row of {@code deploys}: a deploy of an app and when it started. */
public record DeployStart(String deployId, String app, Instant startedAt) {}
