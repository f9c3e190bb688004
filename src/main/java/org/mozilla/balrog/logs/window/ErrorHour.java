package org.mozilla.balrog.logs.window;

import java.time.Instant;

/** One {@code app_errors} row: an error signature of an app in one hour, with its events. */
public record ErrorHour(Instant hour, String app, String signature, long events) {}
