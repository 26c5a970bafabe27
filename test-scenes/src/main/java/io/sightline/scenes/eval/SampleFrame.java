package io.sightline.scenes.eval;

/** An annotated frame for the report: its key, a caption and the PNG bytes. */
public record SampleFrame(FrameKey key, String caption, byte[] png) {
    public SampleFrame {
        png = png.clone();
    }

    @Override
    public byte[] png() {
        return png.clone();
    }
}
