package org.albatross.protocol.codec;

import java.util.Optional;
import org.albatross.protocol.Event;
import org.albatross.protocol.Event.ExitStatus;
import org.albatross.protocol.EventLogCommand;
import org.albatross.protocol.Name;
import org.albatross.protocol.Path;
import org.albatross.protocol.Policy;

/**
 * Our event log: the command {@code LogCmd ::= CHOICE { [0] since GeneralizedTime, [1] count INTEGER }} and the
 * {@code Event} CHOICE (docs/protocol.md, "Event log"). Tenant paths are written in name form
 * ({@code "foo:bar:"}, the root {@code ":"}), as albatross writes the paths of policies.
 */
final class EventCodec {
    private EventCodec() {
    }

    static DerValue encode(EventLogCommand command) {
        if (command instanceof EventLogCommand.SubscribeSince since) {
            return Der.explicit(0, Der.time(since.since()));
        }
        if (command instanceof EventLogCommand.SubscribeCount count) {
            return Der.explicit(1, Der.integer(count.count()));
        }
        throw Der.unencodable(command);
    }

    static EventLogCommand decodeCommand(Node node) {
        Choice choice = node.choice();
        return switch (choice.tag()) {
            case 0 -> new EventLogCommand.SubscribeSince(choice.node("since").time());
            case 1 -> new EventLogCommand.SubscribeCount(choice.node("count").nonNegativeInt());
            default -> throw choice.unknown("event log command");
        };
    }

    static DerValue encode(Event event) {
        if (event instanceof Event.Startup) {
            return Der.explicitNull(0);
        }
        if (event instanceof Event.Login login) {
            return Der.explicit(1, encode(login.session()));
        }
        if (event instanceof Event.Logout logout) {
            return Der.explicit(2, encode(logout.session()));
        }
        if (event instanceof Event.UnikernelStart start) {
            return Der.explicit(3, Der.sequence(Der.utf8(start.name().toString()), Der.integer(start.pid()),
                    Der.octets(start.imageDigest()), Der.sequenceOf(start.taps(), Der::utf8),
                    Der.sequenceOf(start.blocks(), Der::utf8), Der.utf8(start.adapter())));
        }
        if (event instanceof Event.UnikernelStop stop) {
            return Der.explicit(4, Der.sequence(Der.utf8(stop.name().toString()), encode(stop.status())));
        }
        if (event instanceof Event.UnikernelRestart restart) {
            return Der.explicit(5, Der.sequence(Der.utf8(restart.name().toString())));
        }
        if (event instanceof Event.Hup) {
            return Der.explicitNull(6);
        }
        if (event instanceof Event.Shutdown) {
            return Der.explicitNull(7);
        }
        if (event instanceof Event.PolicyChanged changed) {
            return Der.explicit(8, Der.sequenceOfPresent(Optional.of(path(changed.path())),
                    changed.policy().map(PolicyCodec::encode)));
        }
        if (event instanceof Event.BlockChanged changed) {
            return Der.explicit(9, Der.sequenceOfPresent(Optional.of(Der.utf8(changed.name().toString())),
                    changed.sizeMb().map(Der::integer)));
        }
        if (event instanceof Event.CommandRefused refused) {
            return Der.explicit(10, Der.sequenceOfPresent(Optional.of(path(refused.who())),
                    Optional.of(Der.utf8(refused.what())), Optional.of(Der.utf8(refused.why())),
                    refused.by().map(session -> Der.explicit(0, encode(session)))));
        }
        if (event instanceof Event.StateImported imported) {
            return Der.explicit(11, Der.sequence(Der.utf8(imported.file()), Der.utf8(imported.keptAs()),
                    Der.utf8(imported.form()), Der.integer(imported.unikernels()), Der.integer(imported.policies()),
                    Der.integer(imported.blockDevices())));
        }
        if (event instanceof Event.UpdateStarted started) {
            return Der.explicit(12, Der.sequence(Der.utf8(started.name().toString()),
                    Der.octets(started.previous()), Der.octets(started.image()),
                    Der.utf8(started.watch())));
        }
        if (event instanceof Event.UpdatePassed passed) {
            return Der.explicit(13, Der.sequence(Der.utf8(passed.name().toString()),
                    Der.octets(passed.image()), Der.utf8(passed.how())));
        }
        if (event instanceof Event.RolledBack rolledBack) {
            return Der.explicit(14, Der.sequence(Der.utf8(rolledBack.name().toString()),
                    Der.octets(rolledBack.from()), Der.octets(rolledBack.to()),
                    Der.utf8(rolledBack.why())));
        }
        throw Der.unencodable(event);
    }

    static Event decode(Node node) {
        Choice choice = node.choice();
        switch (choice.tag()) {
            case 0:
                return choice.empty("startup", new Event.Startup());
            case 1:
                return new Event.Login(decodeSession(choice.node("login")));
            case 2:
                return new Event.Logout(decodeSession(choice.node("logout")));
            case 3: {
                Fields fields = choice.node("unikernel-start").sequence();
                Event event = new Event.UnikernelStart(fields.required("name").name(),
                        fields.required("pid").nonNegativeLong(), fields.required("image-digest").octetString(),
                        fields.required("taps").sequenceOf(Node::utf8), fields.required("blocks").sequenceOf(Node::utf8),
                        fields.required("adapter").utf8());
                fields.end();
                return event;
            }
            case 4: {
                Fields fields = choice.node("unikernel-stop").sequence();
                Event event = new Event.UnikernelStop(fields.required("name").name(),
                        decodeStatus(fields.required("status")));
                fields.end();
                return event;
            }
            case 5: {
                Fields fields = choice.node("unikernel-restart").sequence();
                Event event = new Event.UnikernelRestart(fields.required("name").name());
                fields.end();
                return event;
            }
            case 6:
                return choice.empty("hup", new Event.Hup());
            case 7:
                return choice.empty("shutdown", new Event.Shutdown());
            case 8: {
                Fields fields = choice.node("policy-changed").sequence();
                Path path = decodePath(fields.required("path"));
                Optional<Policy> policy = fields.optional("policy", DerValue.SEQUENCE).map(PolicyCodec::decode);
                fields.end();
                return new Event.PolicyChanged(path, policy);
            }
            case 9: {
                Fields fields = choice.node("block-changed").sequence();
                Name name = fields.required("name").name();
                Optional<Long> size = fields.optional("size", DerValue.INTEGER).map(Node::nonNegativeLong);
                fields.end();
                return new Event.BlockChanged(name, size);
            }
            case 10: {
                Fields fields = choice.node("command-refused").sequence();
                Event event = new Event.CommandRefused(decodePath(fields.required("who")), fields.required("what").utf8(),
                        fields.required("why").utf8(), fields.optionalExplicit("by", 0).map(EventCodec::decodeSession));
                fields.end();
                return event;
            }
            case 11: {
                Fields fields = choice.node("state-imported").sequence();
                Event event = new Event.StateImported(fields.required("file").utf8(), fields.required("kept-as").utf8(),
                        fields.required("form").utf8(), fields.required("unikernels").nonNegativeInt(),
                        fields.required("policies").nonNegativeInt(), fields.required("block-devices").nonNegativeInt());
                fields.end();
                return event;
            }
            case 12: {
                Fields fields = choice.node("update-started").sequence();
                Event event = new Event.UpdateStarted(fields.required("name").name(),
                        fields.required("previous").octetString(), fields.required("image").octetString(),
                        fields.required("watch").utf8());
                fields.end();
                return event;
            }
            case 13: {
                Fields fields = choice.node("update-passed").sequence();
                Event event = new Event.UpdatePassed(fields.required("name").name(),
                        fields.required("image").octetString(), fields.required("how").utf8());
                fields.end();
                return event;
            }
            case 14: {
                Fields fields = choice.node("rolled-back").sequence();
                Event event = new Event.RolledBack(fields.required("name").name(),
                        fields.required("from").octetString(), fields.required("to").octetString(),
                        fields.required("why").utf8());
                fields.end();
                return event;
            }
            default:
                throw choice.unknown("event");
        }
    }

    private static DerValue encode(Event.Session session) {
        return Der.sequence(path(session.tenant()), Der.integer(session.leafSerial()), Der.utf8(session.remote()));
    }

    private static Event.Session decodeSession(Node node) {
        Fields fields = node.sequence();
        Event.Session session = new Event.Session(decodePath(fields.required("tenant")),
                fields.required("leaf-serial").bigInteger(), fields.required("remote").utf8());
        fields.end();
        return session;
    }

    private static DerValue encode(ExitStatus status) {
        if (status instanceof ExitStatus.Exited exited) {
            return Der.explicit(0, Der.integer(exited.code()));
        }
        if (status instanceof ExitStatus.Signalled signalled) {
            return Der.explicit(1, Der.integer(signalled.signal()));
        }
        if (status instanceof ExitStatus.Stopped) {
            return Der.explicitNull(2);
        }
        throw Der.unencodable(status);
    }

    private static ExitStatus decodeStatus(Node node) {
        Choice choice = node.choice();
        return switch (choice.tag()) {
            case 0 -> new ExitStatus.Exited(choice.node("exited").int32());
            case 1 -> new ExitStatus.Signalled(choice.node("signalled").int32());
            case 2 -> choice.empty("stopped", new ExitStatus.Stopped());
            default -> throw choice.unknown("exit status");
        };
    }

    private static DerValue path(Path path) {
        return Der.utf8(Name.of(path).toString());
    }

    private static Path decodePath(Node node) {
        Name name = node.name();
        if (name.label().isPresent()) {
            throw node.error("expected a path ending in ':', got the name \"" + name + "\"");
        }
        return name.path();
    }
}
