/**
 * The supervisor's pure rules: whether a unikernel that ended is started again ({@link
 * org.albatross.daemon.supervisor.RestartRule}), after how long ({@link org.albatross.daemon.supervisor.Backoff}) and
 * how often per window ({@link org.albatross.daemon.supervisor.RestartBudget}).
 */
package org.albatross.daemon.supervisor;
