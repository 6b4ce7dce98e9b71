/**
 * Provisioning as albatross's client does it: key types, a root CA and the endpoint's server certificate, delegated
 * tenant CAs carrying a policy, short-lived command certificates, signing requests, revocation lists, and PEM in
 * and out. Pure: works on strings and objects, the clock is injected.
 */
package org.albatross.policy.provision;
