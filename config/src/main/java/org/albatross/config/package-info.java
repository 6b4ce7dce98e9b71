/**
 * The daemon's configuration: one TOML file plus flags and environment, validated into an
 * immutable record with one clear message per problem. Not yet implemented (issue
 * "albatrossd: the daemon core").
 */
package org.albatross.config;
