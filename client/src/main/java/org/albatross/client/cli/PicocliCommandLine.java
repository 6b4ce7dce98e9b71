package org.albatross.client.cli;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Model.PositionalParamSpec;
import picocli.CommandLine.ScopeType;
import picocli.CommandLine.TypeConversionException;

/**
 * picocli's command line of a {@link Program}, built through picocli's programmatic API from the program's own
 * description: for what the client's {@link Parser} leaves to picocli (help, version, completion, usage errors, the
 * command lines it does not take), so that those print what picocli prints. A subcommand picocli parsed runs as the
 * client's parser would run it, from the same values.
 */
public final class PicocliCommandLine {
    private PicocliCommandLine() {
    }

    /** The command line of {@code program}: its options, every subcommand, and the usage when none is named. */
    public static CommandLine of(Program program) {
        Map<Arg<?>, ArgSpec> programOptions = new HashMap<>();
        // the command line, once built, for what runs in it: the usage, and a subcommand's arguments and streams
        CommandLine[] cli = new CommandLine[1];
        CommandSpec root = CommandSpec.wrapWithoutInspection((Runnable) () -> cli[0].usage(cli[0].getOut()))
                .name(program.name()).mixinStandardHelpOptions(true);
        root.usageMessage().description(program.description());
        for (Arg<?> option : program.options()) {
            ArgSpec spec = argSpec(option, 0);
            root.addOption((OptionSpec) spec);
            programOptions.put(option, spec);
        }
        cli[0] = new CommandLine(root);
        for (Subcommand subcommand : program.subcommands()) {
            Map<Arg<?>, ArgSpec> specs = new HashMap<>(programOptions);
            CommandSpec spec = CommandSpec.wrapWithoutInspection((Callable<Integer>) () ->
                    subcommand.action().run(new Invocation(subcommand, values(specs),
                            cli[0].getParseResult().originalArgs(), cli[0].getOut(), cli[0].getErr())));
            spec.name(subcommand.name()).aliases(subcommand.aliases().toArray(String[]::new));
            spec.usageMessage().description(subcommand.description());
            int index = 0;
            for (Arg<?> arg : subcommand.args()) {
                ArgSpec argSpec = argSpec(arg, index);
                if (arg.isPositional()) {
                    spec.addPositional((PositionalParamSpec) argSpec);
                    index++;
                } else {
                    spec.addOption((OptionSpec) argSpec);
                }
                specs.put(arg, argSpec);
            }
            cli[0].addSubcommand(subcommand.name(), new CommandLine(spec));
        }
        return cli[0];
    }

    /** What picocli parsed, read as the client's parser reads it. */
    private static Map<Arg<?>, Object> values(Map<Arg<?>, ArgSpec> specs) {
        Map<Arg<?>, Object> values = new HashMap<>();
        specs.forEach((arg, spec) -> {
            Object value = spec.getValue();
            values.put(arg, arg.kind == Arg.Kind.FLAG ? Boolean.TRUE.equals(value) : value);
        });
        return values;
    }

    private static ArgSpec argSpec(Arg<?> arg, int index) {
        if (arg.isPositional()) {
            return PositionalParamSpec.builder().index(arg.kind == Arg.Kind.REPEATED ? index + "..*" : "" + index)
                    .arity(arg.least == arg.most ? "" + arg.least : arg.least + ".." + arg.most)
                    .paramLabel(arg.label).description(description(arg)).defaultValue(arg.defaultValue)
                    .required(arg.least > 0).type(type(arg)).auxiliaryTypes(arg.type).converters(converters(arg)).build();
        }
        OptionSpec.Builder option = OptionSpec.builder(arg.names.toArray(String[]::new))
                .description(description(arg)).defaultValue(arg.defaultValue)
                .type(type(arg)).auxiliaryTypes(arg.kind == Arg.Kind.REPEATED ? arg.type : type(arg))
                .converters(converters(arg)).required(arg.required)
                .usageHelp(arg.kind == Arg.Kind.USAGE_HELP).versionHelp(arg.kind == Arg.Kind.VERSION_HELP);
        if (arg.label != null) {
            option.paramLabel(arg.label);
        }
        if (arg.kind == Arg.Kind.OPTIONAL_VALUE) {
            // picocli's own arity of a value, and of a flag (which may then be given as --flag=true)
            option.arity("0..1");
        }
        if (arg.fallbackValue != null) {
            option.fallbackValue(arg.fallbackValue);
        }
        if (arg.split != null) {
            option.splitRegex(arg.split);
        }
        if (arg.inherited) {
            option.scopeType(ScopeType.INHERIT);
        }
        return option.build();
    }

    private static String[] description(Arg<?> arg) {
        return arg.description == null ? new String[0] : new String[] {arg.description};
    }

    private static Class<?> type(Arg<?> arg) {
        return switch (arg.kind) {
            case FLAG, USAGE_HELP, VERSION_HELP -> boolean.class;
            case REPEATED -> List.class;
            case VALUE, OPTIONAL_VALUE -> arg.type;
        };
    }

    /** The client's converter for its own types, its refusal in picocli's terms; none for picocli's types. */
    private static CommandLine.ITypeConverter<?>[] converters(Arg<?> arg) {
        if (arg.converter == null) {
            return new CommandLine.ITypeConverter<?>[0];
        }
        return new CommandLine.ITypeConverter<?>[] {text -> {
            try {
                return arg.convert(text);
            } catch (IllegalArgumentException e) {
                throw new TypeConversionException(e.getMessage());
            }
        }};
    }
}
