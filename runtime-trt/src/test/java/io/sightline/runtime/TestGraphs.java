package io.sightline.runtime;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;

/** The graphs written by src/test/python/make_test_graphs.py, and the input pattern it used. */
public final class TestGraphs {
    private TestGraphs() {
    }

    public static Path graph(String fileName) {
        try {
            var url = TestGraphs.class.getResource("/graphs/" + fileName);
            if (url == null) {
                throw new IllegalStateException("test graph missing: " + fileName + " (run make_test_graphs.py)");
            }
            return Path.of(url.toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    /** make_test_graphs.pattern: ((i * 2654435761) mod 1000) / 1000 - 0.5, scaled by {@code sign}. */
    public static void fill(Tensor t, float sign) {
        var buf = t.floats();
        for (int i = 0; i < buf.capacity(); i++) {
            buf.put(i, sign * ((float) ((i * 2654435761L) % 1000) / 1000f - 0.5f));
        }
    }

    public static float[] expected(String graph, String output) {
        try {
            byte[] bytes = Files.readAllBytes(graph(graph + "." + output + ".expected.f32"));
            float[] out = new float[bytes.length / 4];
            ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN).asFloatBuffer().get(out);
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
