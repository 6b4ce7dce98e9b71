/**
 * Certificate chain to identity: albatross's X.509 extension, the rules that turn a client chain into a name, the
 * policies its CAs grant and the command its leaf carries, signature checks for chains met outside TLS, and
 * revocation lists. Pure: the instant to check validity at is passed in.
 */
package org.albatross.policy.cert;
