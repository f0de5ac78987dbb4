package org.termsguard.policy.imports;

import com.apicatalog.jsonld.JsonLdError;
import com.apicatalog.jsonld.JsonLdErrorCode;
import com.apicatalog.jsonld.document.Document;
import com.apicatalog.jsonld.document.JsonDocument;
import com.apicatalog.jsonld.loader.DocumentLoader;
import com.apicatalog.jsonld.loader.DocumentLoaderOptions;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.util.Set;

/**
 * Resolves the ODRL context to the copy bundled in this service and refuses every other remote context: an
 * import must not make the server fetch URLs chosen by whoever posts the document.
 */
final class OdrlContexts implements DocumentLoader {

    static final String ODRL_CONTEXT = "http://www.w3.org/ns/odrl.jsonld";
    private static final Set<String> ODRL_CONTEXT_URLS =
            Set.of(ODRL_CONTEXT, "https://www.w3.org/ns/odrl.jsonld", "http://www.w3.org/ns/odrl/2/odrl.jsonld");

    private final Document odrl;

    OdrlContexts() {
        try (InputStream in = OdrlContexts.class.getResourceAsStream("/jsonld/odrl.jsonld")) {
            JsonDocument document = JsonDocument.of(in);
            document.setDocumentUrl(URI.create(ODRL_CONTEXT));
            this.odrl = document;
        } catch (IOException | JsonLdError e) {
            throw new IllegalStateException("The bundled ODRL context cannot be read", e);
        }
    }

    @Override
    public Document loadDocument(URI url, DocumentLoaderOptions options) throws JsonLdError {
        if (ODRL_CONTEXT_URLS.contains(url.toString())) {
            return odrl;
        }
        throw new JsonLdError(
                JsonLdErrorCode.LOADING_REMOTE_CONTEXT_FAILED,
                "remote context " + url + " is not fetched; only the ODRL 2.2 context (" + ODRL_CONTEXT
                        + ") is known, other terms must be defined inline");
    }
}
