package org.albatross.client;

import picocli.CommandLine.IVersionProvider;

/** Reports the version recorded in the jar's manifest, or "development" when run from classes. */
final class ClientVersion implements IVersionProvider {

  @Override
  public String[] getVersion() {
    String version = AlbatrossClient.class.getPackage().getImplementationVersion();
    return new String[] {
      "albatross-client " + (version == null ? "development" : version),
      "wire protocol: albatross version 5"
    };
  }
}
