package io.sightline.scenes.eval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;

class SvgChartTest {
    @Test
    void ticksAreRoundNumbersInsideTheRange() {
        assertThat(SvgChart.ticks(0, 1)).containsExactly(0.0, 0.2, 0.4, 0.6, 0.8, 1.0);
        // 36.2 / 5 = 7.24 -> step 5.
        assertThat(SvgChart.ticks(0, 36.2)).containsExactly(0.0, 5.0, 10.0, 15.0, 20.0, 25.0, 30.0, 35.0);
        assertThat(SvgChart.ticks(0, 0.026)).first().isEqualTo(0.0);
        assertThat(SvgChart.ticks(0, 0.026)).last().isEqualTo(0.025);
    }

    @Test
    void drawsWellFormedSvgWithOneMarkPerPoint() throws Exception {
        String svg = new SvgChart("a <b> & c", "x", "y", 0, 1, 0, 1)
            .line(new double[] {0, 0.5, 1}, new double[] {1, 0.5, 0}, "#000000", "line 'q'")
            .dots(new double[] {0.1, 0.2}, new double[] {0.3, 5.0}, "#ff0000", null)
            .bars(new double[] {0, 0.5, 1}, new double[] {0.2, 0.4}, "#00ff00", "bars")
            .render();
        Document d = DocumentBuilderFactory.newInstance().newDocumentBuilder()
            .parse(new ByteArrayInputStream(svg.getBytes(StandardCharsets.UTF_8)));
        assertThat(d.getElementsByTagName("circle").getLength()).isEqualTo(2);
        assertThat(d.getElementsByTagName("polyline").getLength()).isEqualTo(1);
        assertThat(svg).contains("a &lt;b&gt; &amp; c");
        assertThatThrownBy(() -> new SvgChart("t", "x", "y", 1, 1, 0, 1)).hasMessageContaining("empty chart range");
    }
}
