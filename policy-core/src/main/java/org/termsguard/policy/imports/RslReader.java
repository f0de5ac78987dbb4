package org.termsguard.policy.imports;

import java.io.IOException;
import java.io.StringReader;
import java.math.BigDecimal;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import org.termsguard.contracts.events.Purpose;
import org.termsguard.policy.terms.TermsDocument.ListPrice;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.xml.sax.InputSource;
import org.xml.sax.SAXException;

/**
 * Reads an RSL 1.0 license document ({@code <rsl xmlns="https://rslstandard.org/rsl">}). For content covering the
 * whole site, {@code <permits type="usage">} tokens become allowed purposes when the license is free (no payment,
 * {@code free} or {@code attribution}) and purposes needing a license when it must be paid for;
 * {@code <prohibits type="usage">} tokens always need a license. A per-crawl or per-use amount becomes the list
 * price of unlicensed records. {@code train-ai} is read as {@code ai-train}.
 */
public final class RslReader {

    static final String NAMESPACE = "https://rslstandard.org/rsl";
    private static final Set<String> FREE = Set.of("free", "attribution");
    private static final Set<String> PAID =
            Set.of("purchase", "subscription", "training", "crawl", "use", "inference", "contribution");
    private static final Set<String> PER_RECORD = Set.of("crawl", "use", "inference");
    private static final Set<String> SITE_WIDE_PATHS = Set.of("", "/", "/*", "*");

    private RslReader() {}

    public static ImportedTerms read(String xml) {
        Element root = parse(xml).getDocumentElement();
        if (!NAMESPACE.equals(root.getNamespaceURI()) || !"rsl".equals(root.getLocalName())) {
            throw new UnreadableDocument("an RSL document's root element must be <rsl xmlns=\"" + NAMESPACE
                    + "\">; this one is <" + root.getTagName() + "> in namespace " + root.getNamespaceURI());
        }
        ImportedTerms terms = new ImportedTerms(ImportFormat.RSL);
        int contentIndex = 0;
        for (Element child : children(root)) {
            if (is(child, "content")) {
                content(terms, child, "RSL content[" + contentIndex++ + "]");
            } else {
                unknown(terms, child, "RSL <rsl>");
            }
        }
        if (contentIndex == 0) {
            terms.report().unmapped("RSL <rsl>", "(empty)", "the document has no <content> element");
        }
        return terms;
    }

    private static void content(ImportedTerms terms, Element content, String where) {
        ImportReport report = terms.report();
        String url = content.getAttribute("url");
        String source = where + " url=\"" + url + "\"";
        boolean siteWide = siteWide(url);
        int licenseIndex = 0;
        for (Element child : children(content)) {
            if (is(child, "license")) {
                String licenseSource = source + " license[" + licenseIndex++ + "]";
                if (siteWide) {
                    license(terms, child, licenseSource);
                } else {
                    report.unmapped(
                            licenseSource,
                            outline(child),
                            "applies to " + url + " only; default terms cover the owner's whole site");
                }
            } else if (!common(terms, child, source)) {
                unknown(terms, child, source);
            }
        }
    }

    private static void license(ImportedTerms terms, Element license, String source) {
        ImportReport report = terms.report();
        Optional<Element> payment =
                children(license).stream().filter(e -> is(e, "payment")).findFirst();
        String paymentType = payment.map(p -> p.getAttribute("type").toLowerCase(Locale.ROOT))
                .filter(t -> !t.isEmpty())
                .orElse("free");
        boolean free = FREE.contains(paymentType);
        for (Element child : children(license)) {
            String clause = outline(child);
            if (is(child, "permits") || is(child, "prohibits")) {
                boolean permits = is(child, "permits");
                String type = child.getAttribute("type").isEmpty() ? "usage" : child.getAttribute("type");
                if (!type.equals("usage")) {
                    report.unmapped(
                            source,
                            clause,
                            "access events carry no " + (type.equals("geo") ? "location" : "user class") + ", so "
                                    + type + " terms cannot be checked");
                    continue;
                }
                for (String token : tokens(child.getTextContent())) {
                    Optional<Purpose> purpose = Purpose.fromToken(token);
                    if (purpose.isEmpty()) {
                        report.unmapped(source, token, "not an RSL usage token Termsguard knows");
                    } else {
                        boolean allowed = permits && free;
                        terms.prefer(
                                purpose.get(),
                                allowed,
                                source,
                                clause + (permits && !free ? " with payment type " + paymentType : ""));
                    }
                }
            } else if (is(child, "payment")) {
                payment(terms, child, source, paymentType);
            } else if (!common(terms, child, source)) {
                unknown(terms, child, source);
            }
        }
    }

    private static void payment(ImportedTerms terms, Element payment, String source, String type) {
        ImportReport report = terms.report();
        if (!FREE.contains(type) && !PAID.contains(type)) {
            report.unmapped(source, outline(payment), "'" + type + "' is not an RSL payment type");
            return;
        }
        for (Element child : children(payment)) {
            String clause = outline(child);
            if (is(child, "amount")) {
                if (!PER_RECORD.contains(type)) {
                    report.unmapped(
                            source,
                            clause + " (" + type + ")",
                            "a " + type + " price is not a price per record; Termsguard's list price prices each"
                                    + " unlicensed record (it comes from crawl or use payments)");
                    continue;
                }
                String currency = child.getAttribute("currency").toUpperCase(Locale.ROOT);
                try {
                    BigDecimal perRecord = new BigDecimal(child.getTextContent().strip());
                    if (perRecord.signum() < 0 || !currency.matches("[A-Z]{3}")) {
                        throw new NumberFormatException();
                    }
                    terms.listPrice(
                            new ListPrice(perRecord.movePointRight(3).stripTrailingZeros(), currency),
                            source,
                            clause + " per " + type);
                } catch (NumberFormatException e) {
                    report.unmapped(source, clause, "an amount needs a decimal of 0 or more and an ISO 4217 currency");
                }
            } else if (is(child, "standard") || is(child, "custom")) {
                terms.refer(child.getTextContent().strip(), source, clause);
                report.mapped(source, clause, "recorded: the " + child.getLocalName() + " rate card");
            } else {
                unknown(terms, child, source);
            }
        }
    }

    /** Elements allowed in both content and license: who to write to, where the legal terms are. */
    private static boolean common(ImportedTerms terms, Element element, String source) {
        ImportReport report = terms.report();
        String clause = outline(element);
        if (is(element, "copyright")) {
            String email = element.getAttribute("contactEmail");
            if (!email.isEmpty()) {
                terms.noticeContact(email, source, clause);
            } else {
                report.unmapped(source, clause, "no contactEmail to send notices to");
            }
            return true;
        }
        if (is(element, "terms")) {
            terms.refer(element.getTextContent().strip(), source, clause);
            report.mapped(source, clause, "recorded: the owner's legal terms, cited in notices");
            return true;
        }
        if (is(element, "legal")) {
            report.unmapped(
                    source, clause, "legal statements (warranty, disclaimer...) are kept for people, not evaluated");
            return true;
        }
        if (is(element, "schema")) {
            report.unmapped(source, clause, "asset metadata does not change what is allowed");
            return true;
        }
        return false;
    }

    private static void unknown(ImportedTerms terms, Element element, String source) {
        terms.report().unmapped(source, outline(element), "not an RSL 1.0 element here");
    }

    private static boolean siteWide(String url) {
        if (SITE_WIDE_PATHS.contains(url.strip())) {
            return true;
        }
        try {
            URI uri = URI.create(url.strip());
            return uri.isAbsolute() && SITE_WIDE_PATHS.contains(uri.getRawPath() == null ? "" : uri.getRawPath());
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    private static boolean is(Element element, String name) {
        return NAMESPACE.equals(element.getNamespaceURI()) && name.equals(element.getLocalName());
    }

    private static List<Element> children(Element parent) {
        List<Element> elements = new ArrayList<>();
        for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element e) {
                elements.add(e);
            }
        }
        return elements;
    }

    private static List<String> tokens(String text) {
        List<String> tokens = new ArrayList<>();
        for (String token : text.split("[\\s,]+")) {
            if (!token.isBlank()) {
                tokens.add(token.strip());
            }
        }
        return tokens;
    }

    /** The element as a short quote: name, attributes and text, for the report. */
    private static String outline(Element element) {
        StringBuilder quote = new StringBuilder("<").append(element.getLocalName());
        var attributes = element.getAttributes();
        for (int i = 0; i < attributes.getLength(); i++) {
            Node a = attributes.item(i);
            if (!a.getNodeName().startsWith("xmlns")) {
                quote.append(' ')
                        .append(a.getNodeName())
                        .append("=\"")
                        .append(a.getNodeValue())
                        .append('"');
            }
        }
        quote.append('>');
        if (children(element).isEmpty()) {
            String text = element.getTextContent().strip();
            quote.append(text.length() > 200 ? text.substring(0, 200) + "…" : text);
        } else {
            quote.append('…');
        }
        return quote.toString();
    }

    private static org.w3c.dom.Document parse(String xml) {
        try {
            DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
            factory.setNamespaceAware(true);
            // No DTDs, no external entities: an uploaded document must not read files or reach the network.
            factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            factory.setXIncludeAware(false);
            factory.setExpandEntityReferences(false);
            DocumentBuilder builder = factory.newDocumentBuilder();
            builder.setErrorHandler(new org.xml.sax.helpers.DefaultHandler());
            return builder.parse(new InputSource(new StringReader(xml)));
        } catch (SAXException e) {
            throw new UnreadableDocument("not well-formed XML (or it declares a DTD): " + e.getMessage());
        } catch (ParserConfigurationException | IOException e) {
            throw new UnreadableDocument("cannot read the XML: " + e.getMessage(), e);
        }
    }
}
