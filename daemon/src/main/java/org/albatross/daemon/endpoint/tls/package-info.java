/**
 * The remote endpoint: mutual TLS 1.3, the command taken from the client's leaf certificate, the tenant's identity
 * and policies from its chain, and the limits that keep one peer from exhausting the daemon.
 */
package org.albatross.daemon.endpoint.tls;
