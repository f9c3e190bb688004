package org.mozilla.balrog.logs.model;

import java.time.Instant;

/**
 * The fields only ALB entries have (docs/formats.md#alb-entries). {@code -} placeholders become
 * null. Unknown trailing fields are ignored by the parser.
 *
 * @param type http, https, h2, grpcs, ws, wss
 * @param responseTime ALB's {@code time} field: when the response was generated
 * @param requestCreationTime when the request was received (comparable to the Classic ELB
 *     timestamp)
 */
public record AlbFields(
    String type,
    Instant responseTime,
    String targetGroupArn,
    String traceId,
    String domainName,
    String chosenCertArn,
    String matchedRulePriority,
    Instant requestCreationTime,
    String actionsExecuted,
    String redirectUrl,
    String errorReason,
    String targetPortList,
    String targetStatusCodeList,
    String classification,
    String classificationReason,
    String connTraceId) {}
