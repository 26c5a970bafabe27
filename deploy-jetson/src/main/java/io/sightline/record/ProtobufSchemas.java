package io.sightline.record;

import com.google.protobuf.DescriptorProtos.FileDescriptorSet;
import com.google.protobuf.Descriptors.Descriptor;
import com.google.protobuf.Descriptors.FileDescriptor;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * MCAP's "protobuf" schema encoding (https://mcap.dev/spec/registry#protobuf): the schema name is the message's full
 * name and the schema data a serialized FileDescriptorSet holding its file and every file that one imports.
 */
public final class ProtobufSchemas {
    public static final String ENCODING = "protobuf";

    private ProtobufSchemas() {
    }

    public static byte[] fileDescriptorSet(Descriptor message) {
        Set<FileDescriptor> files = new LinkedHashSet<>();
        add(message.getFile(), files);
        FileDescriptorSet.Builder set = FileDescriptorSet.newBuilder();
        files.forEach(f -> set.addFile(f.toProto()));
        return set.build().toByteArray();
    }

    /** Dependencies first, each file once. */
    private static void add(FileDescriptor f, Set<FileDescriptor> out) {
        if (out.contains(f)) {
            return;
        }
        for (FileDescriptor d : f.getDependencies()) {
            add(d, out);
        }
        out.add(f);
    }
}
