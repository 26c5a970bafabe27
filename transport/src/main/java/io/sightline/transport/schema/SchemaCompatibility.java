package io.sightline.transport.schema;

import com.google.protobuf.DescriptorProtos.DescriptorProto;
import com.google.protobuf.DescriptorProtos.EnumDescriptorProto;
import com.google.protobuf.DescriptorProtos.EnumValueDescriptorProto;
import com.google.protobuf.DescriptorProtos.FieldDescriptorProto;
import com.google.protobuf.DescriptorProtos.FileDescriptorProto;
import com.google.protobuf.DescriptorProtos.FileDescriptorSet;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Compares the wire schema of a released descriptor set with the current one and lists every change
 * that would break a reader or writer of the release: a field number reused under another name,
 * retyped or relabelled; a removed field whose number or name is not {@code reserved}; the same for
 * enum values; a removed message or enum. Only files of the given proto package are compared
 * (imports such as google/protobuf/timestamp.proto are not ours).
 */
public final class SchemaCompatibility {
    private final String protoPackage;

    public SchemaCompatibility(String protoPackage) {
        this.protoPackage = protoPackage;
    }

    public List<String> violations(FileDescriptorSet released, FileDescriptorSet current) {
        Map<String, DescriptorProto> oldMessages = new LinkedHashMap<>();
        Map<String, DescriptorProto> newMessages = new LinkedHashMap<>();
        Map<String, EnumDescriptorProto> oldEnums = new LinkedHashMap<>();
        Map<String, EnumDescriptorProto> newEnums = new LinkedHashMap<>();
        index(released, oldMessages, oldEnums);
        index(current, newMessages, newEnums);

        List<String> out = new ArrayList<>();
        oldMessages.forEach((name, old) -> {
            DescriptorProto now = newMessages.get(name);
            if (now == null) {
                out.add("message " + name + " was removed");
            } else {
                compareMessage(name, old, now, out);
            }
        });
        oldEnums.forEach((name, old) -> {
            EnumDescriptorProto now = newEnums.get(name);
            if (now == null) {
                out.add("enum " + name + " was removed");
            } else {
                compareEnum(name, old, now, out);
            }
        });
        return out;
    }

    private void index(FileDescriptorSet set, Map<String, DescriptorProto> messages, Map<String, EnumDescriptorProto> enums) {
        for (FileDescriptorProto file : set.getFileList()) {
            if (!protoPackage.equals(file.getPackage())) {
                continue;
            }
            String prefix = file.getPackage();
            file.getMessageTypeList().forEach(m -> indexMessage(prefix, m, messages, enums));
            file.getEnumTypeList().forEach(e -> enums.put(prefix + "." + e.getName(), e));
        }
    }

    private void indexMessage(String prefix, DescriptorProto message, Map<String, DescriptorProto> messages,
                              Map<String, EnumDescriptorProto> enums) {
        String name = prefix + "." + message.getName();
        messages.put(name, message);
        message.getNestedTypeList().forEach(nested -> indexMessage(name, nested, messages, enums));
        message.getEnumTypeList().forEach(e -> enums.put(name + "." + e.getName(), e));
    }

    private static void compareMessage(String name, DescriptorProto old, DescriptorProto now, List<String> out) {
        Map<Integer, FieldDescriptorProto> nowByNumber = new LinkedHashMap<>();
        now.getFieldList().forEach(f -> nowByNumber.put(f.getNumber(), f));
        for (FieldDescriptorProto was : old.getFieldList()) {
            String where = name + " field " + was.getNumber() + " (" + was.getName() + ")";
            FieldDescriptorProto is = nowByNumber.get(was.getNumber());
            if (is == null) {
                boolean numberReserved = now.getReservedRangeList().stream()
                        .anyMatch(r -> was.getNumber() >= r.getStart() && was.getNumber() < r.getEnd());
                if (!numberReserved) {
                    out.add(where + " was removed without reserving number " + was.getNumber());
                }
                if (!now.getReservedNameList().contains(was.getName())) {
                    out.add(where + " was removed without reserving name \"" + was.getName() + "\"");
                }
                continue;
            }
            if (!is.getName().equals(was.getName())) {
                out.add(where + " was renamed to " + is.getName());
            }
            if (is.getType() != was.getType() || !is.getTypeName().equals(was.getTypeName())) {
                out.add(where + " was retyped from " + typeOf(was) + " to " + typeOf(is));
            }
            if (is.getLabel() != was.getLabel()) {
                out.add(where + " was relabelled from " + was.getLabel() + " to " + is.getLabel());
            }
            if (is.getProto3Optional() != was.getProto3Optional()) {
                out.add(where + " changed field presence (optional " + was.getProto3Optional() + " -> "
                        + is.getProto3Optional() + ")");
            }
        }
    }

    private static void compareEnum(String name, EnumDescriptorProto old, EnumDescriptorProto now, List<String> out) {
        Map<Integer, EnumValueDescriptorProto> nowByNumber = new LinkedHashMap<>();
        now.getValueList().forEach(v -> nowByNumber.putIfAbsent(v.getNumber(), v));
        for (EnumValueDescriptorProto was : old.getValueList()) {
            String where = name + " value " + was.getNumber() + " (" + was.getName() + ")";
            EnumValueDescriptorProto is = nowByNumber.get(was.getNumber());
            if (is == null) {
                // enum reserved ranges are inclusive at the end (descriptor.proto, EnumReservedRange)
                boolean numberReserved = now.getReservedRangeList().stream()
                        .anyMatch(r -> was.getNumber() >= r.getStart() && was.getNumber() <= r.getEnd());
                if (!numberReserved || !now.getReservedNameList().contains(was.getName())) {
                    out.add(where + " was removed without reserving its number and name");
                }
            } else if (!is.getName().equals(was.getName())) {
                out.add(where + " was renamed to " + is.getName());
            }
        }
    }

    private static String typeOf(FieldDescriptorProto field) {
        return field.getTypeName().isEmpty() ? field.getType().name() : field.getType().name() + " " + field.getTypeName();
    }
}
