package org.termsguard.alert.notices.service;

import com.openhtmltopdf.pdfboxout.PdfRendererBuilder;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import org.jsoup.Jsoup;
import org.jsoup.helper.W3CDom;

/**
 * A notice's HTML laid out as PDF by openhtmltopdf (PDFBox), for the evidence bundle and the e-mail. Blocking: call
 * it on a worker thread.
 */
@ApplicationScoped
public class NoticePdf {

    public byte[] render(String html) {
        // jsoup reads HTML5 as a browser does; openhtmltopdf wants a W3C DOM.
        org.w3c.dom.Document document = W3CDom.convert(Jsoup.parse(html));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        PdfRendererBuilder builder = new PdfRendererBuilder()
                .useFastMode()
                .withW3cDocument(document, "about:blank")
                // A notice quotes event values; nothing it names is ever fetched (no image, font or style by URL).
                .useUriResolver((base, uri) -> null)
                .withProducer("Termsguard")
                .toStream(out);
        try {
            builder.run();
        } catch (IOException e) {
            throw new UncheckedIOException("the notice could not be laid out as PDF", e);
        }
        return out.toByteArray();
    }
}
