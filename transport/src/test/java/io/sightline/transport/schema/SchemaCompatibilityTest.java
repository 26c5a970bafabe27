package io.sightline.transport.schema;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.DescriptorProtos.DescriptorProto;
import com.google.protobuf.DescriptorProtos.FieldDescriptorProto;
import com.google.protobuf.DescriptorProtos.FileDescriptorProto;
import com.google.protobuf.DescriptorProtos.FileDescriptorSet;
import com.google.protobuf.Descriptors.EnumDescriptor;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

class SchemaCompatibilityTest {
    private static final String RELEASE_0_1_0 = "/descriptors/sightline-v1-0.1.0.pb";
    private final SchemaCompatibility check = new SchemaCompatibility(WireSchema.PACKAGE);

    private static FileDescriptorSet released() throws IOException {
        try (InputStream in = SchemaCompatibilityTest.class.getResourceAsStream(RELEASE_0_1_0)) {
            assertThat(in).as(RELEASE_0_1_0).isNotNull();
            return FileDescriptorSet.parseFrom(in);
        }
    }

    @Test
    void currentSchemaKeepsEveryFieldOfEveryRelease() throws Exception {
        Path folder = Path.of(SchemaCompatibilityTest.class.getResource(RELEASE_0_1_0).toURI()).getParent();
        List<Path> releases;
        try (Stream<Path> files = Files.list(folder)) {
            releases = files.filter(p -> p.getFileName().toString().matches("sightline-v1-.*\\.pb")).sorted().toList();
        }
        assertThat(releases).isNotEmpty();
        for (Path release : releases) {
            FileDescriptorSet released = FileDescriptorSet.parseFrom(Files.readAllBytes(release));
            assertThat(released.getFileList()).extracting(FileDescriptorProto::getPackage).contains(WireSchema.PACKAGE);
            assertThat(check.violations(released, WireSchema.descriptorSet())).as(release.getFileName().toString()).isEmpty();
        }
    }

    @Test
    void releaseCoversTheMessagesOfTheIssue() throws IOException {
        List<String> names = released().getFileList().stream()
                .filter(f -> f.getPackage().equals(WireSchema.PACKAGE))
                .flatMap(f -> f.getMessageTypeList().stream()).map(DescriptorProto::getName).toList();
        assertThat(names).contains("Header", "Detection", "ObjectHypothesis", "SpatialRelation", "DetectionFrame",
                "StageTimings", "SceneSnapshot", "TrackEvent", "GroundingRequest", "GroundingResult",
                "ServiceStatus", "Health");
    }

    @Test
    void everyEnumStartsWithUnspecifiedZero() {
        assertThat(WireSchema.enums()).isNotEmpty();
        for (EnumDescriptor e : WireSchema.enums()) {
            String prefix = e.getName().replaceAll("([a-z0-9])([A-Z])", "$1_$2").toUpperCase();
            assertThat(e.getValues().get(0).getNumber()).as(e.getFullName()).isZero();
            assertThat(e.getValues().get(0).getName()).as(e.getFullName()).isEqualTo(prefix + "_UNSPECIFIED");
        }
    }

    @Test
    void detectsAFieldNumberReusedUnderAnotherName() throws IOException {
        FileDescriptorSet changed = modifyMessage(released(), "DetectionFrame",
                m -> m.setField(indexOf(m, 5), m.getField(indexOf(m, 5)).toBuilder().setName("age_ms")));
        assertThat(check.violations(released(), changed))
                .containsExactly("sightline.v1.DetectionFrame field 5 (frame_age_ms) was renamed to age_ms");
    }

    @Test
    void detectsARetypedField() throws IOException {
        FileDescriptorSet changed = modifyMessage(released(), "Detection",
                m -> m.setField(indexOf(m, 1), m.getField(indexOf(m, 1)).toBuilder().setType(FieldDescriptorProto.Type.TYPE_STRING)));
        assertThat(check.violations(released(), changed))
                .containsExactly("sightline.v1.Detection field 1 (track_id) was retyped from TYPE_UINT64 to TYPE_STRING");
    }

    @Test
    void detectsAFieldMadeRepeated() throws IOException {
        FileDescriptorSet changed = modifyMessage(released(), "GroundingResult",
                m -> m.setField(indexOf(m, 3), m.getField(indexOf(m, 3)).toBuilder().setLabel(FieldDescriptorProto.Label.LABEL_REPEATED)));
        assertThat(check.violations(released(), changed)).singleElement().asString().contains("field 3 (target) was relabelled");
    }

    @Test
    void removedFieldMustBeReserved() throws IOException {
        FileDescriptorSet removed = modifyMessage(released(), "Health", m -> m.removeField(indexOf(m, 13)));
        assertThat(check.violations(released(), removed)).containsExactly(
                "sightline.v1.Health field 13 (uptime_s) was removed without reserving number 13",
                "sightline.v1.Health field 13 (uptime_s) was removed without reserving name \"uptime_s\"");

        FileDescriptorSet reserved = modifyMessage(released(), "Health", m -> m.removeField(indexOf(m, 13))
                .addReservedRange(DescriptorProto.ReservedRange.newBuilder().setStart(13).setEnd(14))
                .addReservedName("uptime_s"));
        assertThat(check.violations(released(), reserved)).isEmpty();
    }

    @Test
    void detectsARenamedEnumValue() throws IOException {
        FileDescriptorSet released = released();
        FileDescriptorSet.Builder b = released.toBuilder();
        for (FileDescriptorProto.Builder f : b.getFileBuilderList()) {
            f.getEnumTypeBuilderList().stream().filter(e -> e.getName().equals("GroundingStatus"))
                    .forEach(e -> e.getValueBuilder(2).setName("GROUNDING_STATUS_NOTHING"));
        }
        assertThat(check.violations(released, b.build())).containsExactly(
                "sightline.v1.GroundingStatus value 2 (GROUNDING_STATUS_NO_MATCH) was renamed to GROUNDING_STATUS_NOTHING");
    }

    private static int indexOf(DescriptorProto.Builder message, int number) {
        for (int i = 0; i < message.getFieldCount(); i++) {
            if (message.getField(i).getNumber() == number) {
                return i;
            }
        }
        throw new AssertionError(message.getName() + " has no field " + number);
    }

    private static FileDescriptorSet modifyMessage(FileDescriptorSet set, String message,
                                                   UnaryOperator<DescriptorProto.Builder> change) {
        FileDescriptorSet.Builder b = set.toBuilder();
        int hits = 0;
        for (FileDescriptorProto.Builder f : b.getFileBuilderList()) {
            if (!f.getPackage().equals(WireSchema.PACKAGE)) {
                continue;
            }
            for (DescriptorProto.Builder m : f.getMessageTypeBuilderList()) {
                if (m.getName().equals(message)) {
                    change.apply(m);
                    hits++;
                }
            }
        }
        assertThat(hits).as("message " + message).isEqualTo(1);
        return b.build();
    }
}
