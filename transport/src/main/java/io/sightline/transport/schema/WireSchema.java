package io.sightline.transport.schema;

import com.google.protobuf.DescriptorProtos.FileDescriptorSet;
import com.google.protobuf.Descriptors.Descriptor;
import com.google.protobuf.Descriptors.EnumDescriptor;
import com.google.protobuf.Descriptors.FileDescriptor;
import io.sightline.transport.v1.CommonProto;
import io.sightline.transport.v1.DetectionProto;
import io.sightline.transport.v1.GroundingProto;
import io.sightline.transport.v1.StatusProto;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The compiled-in sightline.v1 schema: its files, messages and enums, as the build generated them. */
public final class WireSchema {
    public static final String PACKAGE = "sightline.v1";

    private WireSchema() {
    }

    public static List<FileDescriptor> files() {
        return List.of(CommonProto.getDescriptor(), DetectionProto.getDescriptor(),
                GroundingProto.getDescriptor(), StatusProto.getDescriptor());
    }

    /** The current schema with its imports, in the shape {@code protoc --descriptor_set_out --include_imports} writes. */
    public static FileDescriptorSet descriptorSet() {
        Map<String, FileDescriptor> all = new LinkedHashMap<>();
        files().forEach(f -> collect(f, all));
        FileDescriptorSet.Builder set = FileDescriptorSet.newBuilder();
        all.values().forEach(f -> set.addFile(f.toProto()));
        return set.build();
    }

    public static List<Descriptor> messages() {
        List<Descriptor> out = new ArrayList<>();
        files().forEach(f -> f.getMessageTypes().forEach(m -> collectMessage(m, out)));
        return out;
    }

    public static List<EnumDescriptor> enums() {
        List<EnumDescriptor> out = new ArrayList<>();
        files().forEach(f -> out.addAll(f.getEnumTypes()));
        messages().forEach(m -> out.addAll(m.getEnumTypes()));
        return out;
    }

    private static void collect(FileDescriptor file, Map<String, FileDescriptor> all) {
        file.getDependencies().forEach(d -> collect(d, all));
        all.putIfAbsent(file.getName(), file);
    }

    private static void collectMessage(Descriptor message, List<Descriptor> out) {
        out.add(message);
        message.getNestedTypes().forEach(n -> collectMessage(n, out));
    }
}
