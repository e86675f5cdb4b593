package org.losslab.report;

import de.erichseifert.vectorgraphics2d.VectorGraphics2D;
import de.erichseifert.vectorgraphics2d.svg.SVGProcessor;
import de.erichseifert.vectorgraphics2d.util.PageSize;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.AffineTransform;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.imageio.ImageIO;
import org.knowm.xchart.internal.chartpart.Chart;

/**
 * Writes a {@link Figure} as PNG (at twice the nominal size, for sharp text on high-density screens)
 * and as SVG, by painting every panel at its grid position on one canvas.
 */
public final class FigureEncoder {

    static final int PNG_SCALE = 2;

    private FigureEncoder() {
    }

    public static void writePng(Figure f, Path file) throws IOException {
        if (!ImageIO.write(image(f), "png", file.toFile())) {
            throw new IOException("no PNG writer available for " + file);
        }
    }

    /** The PNG of {@link #writePng} as bytes (losslab serve answers with them). */
    public static byte[] png(Figure f) throws IOException {
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        if (!ImageIO.write(image(f), "png", out)) {
            throw new IOException("no PNG writer available");
        }
        return out.toByteArray();
    }

    private static BufferedImage image(Figure f) {
        BufferedImage image = new BufferedImage(f.width() * PNG_SCALE, f.height() * PNG_SCALE, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
            g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
            g.setRenderingHint(RenderingHints.KEY_STROKE_CONTROL, RenderingHints.VALUE_STROKE_PURE);
            g.setColor(Color.WHITE);
            g.fillRect(0, 0, image.getWidth(), image.getHeight());
            g.scale(PNG_SCALE, PNG_SCALE);
            paint(f, g);
        } finally {
            g.dispose();
        }
        return image;
    }

    public static void writeSvg(Figure f, Path file) throws IOException {
        VectorGraphics2D g = new VectorGraphics2D();
        paint(f, g);
        try (OutputStream out = Files.newOutputStream(file)) {
            new SVGProcessor().getDocument(g.getCommands(), new PageSize(0, 0, f.width(), f.height())).writeTo(out);
        }
    }

    private static void paint(Figure f, Graphics2D g) {
        for (int i = 0; i < f.panels().size(); i++) {
            Chart<?, ?> chart = f.panels().get(i);
            AffineTransform saved = g.getTransform();
            g.translate((i % f.columns()) * f.panelWidth(), (i / f.columns()) * f.panelHeight());
            chart.paint(g, f.panelWidth(), f.panelHeight());
            g.setTransform(saved);
        }
    }
}
