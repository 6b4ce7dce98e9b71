package org.albatross.client;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;
import picocli.CommandLine.IVersionProvider;

/**
 * Reports the project's version, which Maven writes into {@code version.properties} at build time: the same whether
 * the client runs from its jar or from target/classes (as docs/client.md and the quickstart run it).
 */
final class ClientVersion implements IVersionProvider {
  private static final String RESOURCE = "version.properties";

  @Override
  public String[] getVersion() {
    return new String[] {"albatross-client " + projectVersion(), "wire protocol: albatross version 5"};
  }

  static String projectVersion() {
    try (InputStream in = ClientVersion.class.getResourceAsStream(RESOURCE)) {
      if (in == null) {
        throw new IllegalStateException(RESOURCE + " is missing from the client's classes: build it with Maven");
      }
      Properties properties = new Properties();
      properties.load(in);
      return properties.getProperty("version");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
