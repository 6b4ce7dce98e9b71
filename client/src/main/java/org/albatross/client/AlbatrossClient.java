package org.albatross.client;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * {@code albatross-client}: one command line for local and remote use. Subcommands are added
 * as the daemon grows the capabilities they drive.
 */
@Command(
    name = "albatross-client",
    mixinStandardHelpOptions = true,
    versionProvider = ClientVersion.class,
    description = "Deploys and manages unikernels on an albatross daemon, locally or over mutual TLS.")
public final class AlbatrossClient implements Runnable {

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(System.out);
  }

  public static void main(String[] args) {
    System.exit(new CommandLine(new AlbatrossClient()).execute(args));
  }
}
