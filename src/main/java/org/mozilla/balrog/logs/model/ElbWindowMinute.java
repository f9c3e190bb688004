package org.mozilla.balrog.logs.model;

import java.io.Serializable;

/**
 * What one ELB source logged in one minute of one time window ({@link TimeWindow}; minute 0 starts
 * at its start), counted in the scan tasks for deploy impact. Dockerflow requests are left out.
 *
 * @param window index of the window in the list the scan was given
 * @param requests requests (not Dockerflow)
 * @param lb5xx those answered with a 5xx the load balancer generated
 * @param updateRequests update and json requests
 * @param update5xx those answered with a 5xx
 * @param latenciesMs the latencies of the update and json requests that reached a backend, in file
 *     order
 */
public record ElbWindowMinute(
    int window,
    String source,
    long minute,
    long requests,
    long lb5xx,
    long updateRequests,
    long update5xx,
    double[] latenciesMs)
    implements Serializable {
  private static final long serialVersionUID = 1L;
}
