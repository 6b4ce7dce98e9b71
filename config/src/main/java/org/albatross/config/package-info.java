/**
 * The daemon's configuration: one TOML file ({@code /etc/albatross/albatrossd.toml} by default), overridden by
 * {@code ALBATROSS_<SECTION>_<KEY>} environment variables and then by the command line, validated into the immutable
 * {@link org.albatross.config.DaemonConfig}. {@link org.albatross.config.ConfigLoader} is the entry point; every
 * problem is reported at once in one {@link org.albatross.config.ConfigError}. docs/configuration.md lists every key.
 */
package org.albatross.config;
