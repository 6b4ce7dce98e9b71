package org.albatross.client;

import com.fasterxml.jackson.annotation.JsonTypeInfo;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.BeanDescription;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.JsonSerializer;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.SerializationConfig;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.cfg.MapperConfig;
import com.fasterxml.jackson.databind.introspect.AnnotatedClass;
import com.fasterxml.jackson.databind.introspect.JacksonAnnotationIntrospector;
import com.fasterxml.jackson.databind.jsontype.TypeResolverBuilder;
import com.fasterxml.jackson.databind.jsontype.TypeSerializer;
import com.fasterxml.jackson.databind.jsontype.impl.StdTypeResolverBuilder;
import com.fasterxml.jackson.databind.jsontype.impl.TypeIdResolverBase;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.ser.BeanPropertyWriter;
import com.fasterxml.jackson.databind.ser.BeanSerializerModifier;
import java.io.IOException;
import java.lang.reflect.RecordComponent;
import java.time.Instant;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.albatross.protocol.Command;
import org.albatross.protocol.FailBehaviour;
import org.albatross.protocol.Label;
import org.albatross.protocol.Name;
import org.albatross.protocol.Octets;
import org.albatross.protocol.Path;
import org.albatross.protocol.UnikernelInfo;

/**
 * The JSON every {@code --json} output uses (docs/client.md): one object per reply or stream element, with a
 * {@code kind} naming it (the record's name in kebab case) and the record's fields in snake case. Names are
 * albatross's text form, bytes hex, times ISO-8601, absent optionals null.
 */
final class JsonShapes {
    /** Byte strings longer than this (a SHA-256 digest) are shown to a person by their size: an image, a chunk. */
    private static final int HEX_SHOWN = 32;

    private static final ObjectMapper MAPPER = new ObjectMapper()
            .setAnnotationIntrospector(new KindOfSealedAlternatives())
            .setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
            .disable(SerializationFeature.FAIL_ON_EMPTY_BEANS)
            .registerModule(new SimpleModule("albatross")
                    .addSerializer(Name.class, asText())
                    .addSerializer(Path.class, asText())
                    .addSerializer(Label.class, asText())
                    .addSerializer(Instant.class, asText())
                    .addSerializer(Octets.class, new JsonSerializer<>() {
                        @Override
                        public void serialize(Octets value, JsonGenerator json, SerializerProvider provider)
                                throws IOException {
                            json.writeString(value.toHex());
                        }
                    })
                    .addSerializer(FailBehaviour.class, new JsonSerializer<>() {
                        @Override
                        public void serialize(FailBehaviour value, JsonGenerator json, SerializerProvider provider)
                                throws IOException {
                            json.writeObject(value instanceof FailBehaviour.Restart restart
                                    ? Map.of("restart_on", restart.exitCodes().stream().sorted().toList())
                                    : "quit");
                        }

                        /** A value of its own ("quit" or the codes), not an object with a kind. */
                        @Override
                        public void serializeWithType(FailBehaviour value, JsonGenerator json,
                                SerializerProvider provider, TypeSerializer kind) throws IOException {
                            serialize(value, json, provider);
                        }
                    })
                    .addSerializer(optionals())
                    .setSerializerModifier(new NotStartedAsNull()));

    private JsonShapes() {
    }

    /** {@code value} as one line of JSON: {@code {"kind": ..., "name": ..., fields...}}. */
    static String line(Name name, Object value) {
        ObjectNode node = MAPPER.createObjectNode();
        node.put("kind", kind(value.getClass()));
        node.put("name", name.toString());
        node.setAll((ObjectNode) MAPPER.valueToTree(value));
        return node.toString();
    }

    /** {@code value}, about no name (e.g. a certificate), as one line of JSON: {@code {"kind": ..., fields...}}. */
    static String line(Object value) {
        ObjectNode node = MAPPER.createObjectNode();
        node.put("kind", kind(value.getClass()));
        node.setAll((ObjectNode) MAPPER.valueToTree(value));
        return node.toString();
    }

    /**
     * What a record is, in kebab case: its name ({@code event-entry}, {@code unikernel-stop}), after its service's for
     * a command, whose names repeat from one service to the next ({@code policy-add}, {@code unikernel-create},
     * {@code event-log-subscribe-count}).
     */
    static String kind(Class<?> type) {
        Class<?> service = type.getEnclosingClass();
        if (Command.class.isAssignableFrom(type) && service != null && Command.class.isAssignableFrom(service)) {
            return kebab(service.getSimpleName().replaceFirst("Command$", "")) + "-" + kebab(type.getSimpleName());
        }
        return kebab(type.getSimpleName());
    }

    /**
     * A record on one line for a person: its kind, then its components as {@code key=value} in the JSON's snake case,
     * nested records joined with dots ({@code by.leaf_serial=5}), a nested alternative of a sealed type by its kind
     * ({@code status=exited status.code=3}), absent and empty ones left out. Every event kind gets the same
     * treatment, so a new kind needs no code here.
     */
    static String keyValues(Record value) {
        StringBuilder line = new StringBuilder(kind(value.getClass()));
        appendComponents(line, "", value);
        return line.toString();
    }

    private static void appendComponents(StringBuilder line, String prefix, Record value) {
        for (RecordComponent component : value.getClass().getRecordComponents()) {
            String key = prefix + PropertyNamingStrategies.SnakeCaseStrategy.INSTANCE.translate(component.getName());
            Object field = componentOf(value, component);
            if (field instanceof Optional<?> optional) {
                field = optional.orElse(null);
            }
            if (field == null || field instanceof Collection<?> collection && collection.isEmpty()) {
                continue;
            }
            if (field instanceof Octets bytes && bytes.size() > HEX_SHOWN) {
                line.append(' ').append(key).append("=<").append(bytes.size()).append(" bytes>");
                continue;
            }
            JsonNode json = MAPPER.valueToTree(field);
            if (json.isObject() && field instanceof Record nested) {
                if (isSealedAlternative(nested.getClass())) {
                    line.append(' ').append(key).append('=').append(kind(nested.getClass()));
                }
                appendComponents(line, key + ".", nested);
            } else {
                line.append(' ').append(key).append('=').append(json.isTextual() ? json.asText() : json.toString());
            }
        }
    }

    private static Object componentOf(Record value, RecordComponent component) {
        try {
            return component.getAccessor().invoke(value);
        } catch (ReflectiveOperationException inaccessible) {
            throw new IllegalStateException("cannot read " + component + " of " + value.getClass(), inaccessible);
        }
    }

    static ObjectMapper mapper() {
        return MAPPER;
    }

    private static boolean isSealedAlternative(Class<?> type) {
        return Arrays.stream(type.getInterfaces()).anyMatch(Class::isSealed);
    }

    /**
     * Every alternative of a sealed type carries its {@link #kind} as {@code "kind"}, wherever it sits: an event in
     * an event entry ({@code {"kind":"startup"}}, which is nothing but its kind), the exit status in a stop. A new
     * kind needs no code here.
     */
    private static final class KindOfSealedAlternatives extends JacksonAnnotationIntrospector {
        private static final long serialVersionUID = 1L;

        @Override
        public TypeResolverBuilder<?> findTypeResolver(MapperConfig<?> config, AnnotatedClass annotated,
                JavaType baseType) {
            Class<?> type = annotated.getRawType();
            if (type.isSealed() || isSealedAlternative(type)) {
                return new StdTypeResolverBuilder().init(JsonTypeInfo.Id.CUSTOM, new KindIds())
                        .inclusion(JsonTypeInfo.As.PROPERTY).typeProperty("kind");
            }
            return super.findTypeResolver(config, annotated, baseType);
        }
    }

    /** Type ids for writing only: a record's {@link #kind}. */
    private static final class KindIds extends TypeIdResolverBase {
        @Override
        public String idFromValue(Object value) {
            return kind(value.getClass());
        }

        @Override
        public String idFromValueAndType(Object value, Class<?> type) {
            return kind(type);
        }

        @Override
        public JsonTypeInfo.Id getMechanism() {
            return JsonTypeInfo.Id.CUSTOM;
        }
    }

    private static String kebab(String camel) {
        return camel.replaceAll("([a-z0-9])([A-Z])", "$1-$2").toLowerCase(Locale.ROOT);
    }

    @SuppressWarnings("unchecked")
    private static JsonSerializer<Optional<?>> optionals() {
        return new JsonSerializer<>() {
            @Override
            public Class<Optional<?>> handledType() {
                return (Class<Optional<?>>) (Class<?>) Optional.class;
            }

            @Override
            public void serialize(Optional<?> value, JsonGenerator json, SerializerProvider provider)
                    throws IOException {
                json.writeObject(value.orElse(null));
            }
        };
    }

    /**
     * A unikernel that is not running has no start time: its {@code started} is null rather than the epoch the
     * protocol's record keeps for it.
     */
    private static final class NotStartedAsNull extends BeanSerializerModifier {
        private static final long serialVersionUID = 1L;

        @Override
        public List<BeanPropertyWriter> changeProperties(SerializationConfig config, BeanDescription bean,
                List<BeanPropertyWriter> properties) {
            if (!bean.getBeanClass().equals(UnikernelInfo.class)) {
                return properties;
            }
            return properties.stream().map(property -> property.getName().equals("started")
                    ? new BeanPropertyWriter(property) {
                        private static final long serialVersionUID = 1L;

                        @Override
                        public void serializeAsField(Object info, JsonGenerator json, SerializerProvider provider)
                                throws Exception {
                            if (((UnikernelInfo) info).running()) {
                                super.serializeAsField(info, json, provider);
                            } else {
                                json.writeNullField(getName());
                            }
                        }
                    }
                    : property).toList();
        }
    }

    private static <T> JsonSerializer<T> asText() {
        return new JsonSerializer<>() {
            @Override
            public void serialize(T value, JsonGenerator json, SerializerProvider provider) throws IOException {
                json.writeString(value.toString());
            }
        };
    }
}
