package org.termsguard.localstack;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.StringWriter;
import java.math.BigInteger;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaCertStore;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.cms.jcajce.JcaSimpleSignerInfoGeneratorBuilder;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.operator.jcajce.JcaDigestCalculatorProviderBuilder;
import org.bouncycastle.tsp.TSPAlgorithms;
import org.bouncycastle.tsp.TSPException;
import org.bouncycastle.tsp.TimeStampRequest;
import org.bouncycastle.tsp.TimeStampResponseGenerator;
import org.bouncycastle.tsp.TimeStampTokenGenerator;

/**
 * A Time-Stamping Authority for the local stack and the tests (RFC 3161 over HTTP, §3.4): its own root and a TSA
 * certificate with the critical timeStamping extended key usage (§2.3), EC P-256, made at start; requests {@code
 * POST}ed as {@code application/timestamp-query} get a {@code application/timestamp-reply}. As real as Kafka and
 * PostgreSQL are here: production points at a public TSA instead.
 */
public final class LocalTsa implements AutoCloseable {

    /** The TSA policy its tokens name: an OID of the example arc, since this TSA vouches for nothing beyond a test. */
    public static final String POLICY = "1.3.6.1.4.1.32473.1.1";

    private static final String QUERY = "application/timestamp-query";
    private static final String REPLY = "application/timestamp-reply";

    private final HttpServer server;
    private final X509CertificateHolder root;
    private final X509CertificateHolder tsa;
    private final TimeStampResponseGenerator responder;
    private final AtomicLong serial = new AtomicLong(System.currentTimeMillis());

    /** The TSA's signing key and certificate with its root. */
    private record Identity(java.security.PrivateKey key, X509CertificateHolder tsa, X509CertificateHolder root) {}

    private static final char[] STORE_PASSWORD = "termsguard-local-tsa".toCharArray();

    private LocalTsa(int port, Path store)
            throws IOException, GeneralSecurityException, OperatorCreationException, TSPException {
        Identity identity = store != null && Files.exists(store) ? load(store) : generate();
        if (store != null && !Files.exists(store)) {
            save(identity, store);
        }
        this.root = identity.root();
        this.tsa = identity.tsa();
        var signerInfo = new JcaSimpleSignerInfoGeneratorBuilder()
                .build("SHA256withECDSA", identity.key(), new JcaX509CertificateConverter().getCertificate(tsa));
        TimeStampTokenGenerator tokens = new TimeStampTokenGenerator(
                signerInfo,
                new JcaDigestCalculatorProviderBuilder()
                        .build()
                        .get(new org.bouncycastle.asn1.x509.AlgorithmIdentifier(
                                org.bouncycastle.asn1.nist.NISTObjectIdentifiers.id_sha256)),
                new ASN1ObjectIdentifier(POLICY));
        tokens.addCertificates(new JcaCertStore(List.of(tsa, root)));
        this.responder = new TimeStampResponseGenerator(tokens, TSPAlgorithms.ALLOWED);
        this.server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 16);
        server.createContext("/", this::answer);
        server.start();
    }

    /**
     * The launcher's TSA keeps its key and chain (PKCS#12, no root key) across restarts: tokens already stored in the
     * database must keep chaining to the root alert-service publishes.
     */
    private static Identity load(Path store) throws IOException, GeneralSecurityException {
        java.security.KeyStore keys = java.security.KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(store)) {
            keys.load(in, STORE_PASSWORD);
        }
        var chain = keys.getCertificateChain("tsa");
        if (chain == null || chain.length != 2) {
            throw new GeneralSecurityException(store + " does not hold the local TSA's key and chain");
        }
        return new Identity(
                (java.security.PrivateKey) keys.getKey("tsa", STORE_PASSWORD),
                new X509CertificateHolder(chain[0].getEncoded()),
                new X509CertificateHolder(chain[1].getEncoded()));
    }

    private static void save(Identity identity, Path store) throws IOException, GeneralSecurityException {
        java.security.KeyStore keys = java.security.KeyStore.getInstance("PKCS12");
        keys.load(null, null);
        JcaX509CertificateConverter converter = new JcaX509CertificateConverter();
        keys.setKeyEntry("tsa", identity.key(), STORE_PASSWORD, new java.security.cert.Certificate[] {
            converter.getCertificate(identity.tsa()), converter.getCertificate(identity.root())
        });
        Path written = store.resolveSibling(store.getFileName() + ".new");
        try (var out = Files.newOutputStream(written)) {
            keys.store(out, STORE_PASSWORD);
        }
        try {
            Files.setPosixFilePermissions(
                    written, java.nio.file.attribute.PosixFilePermissions.fromString("rw-------"));
        } catch (UnsupportedOperationException e) {
            // not a POSIX file system: the state directory's own permissions apply
        }
        Files.move(written, store, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    }

    private static Identity generate() throws GeneralSecurityException, OperatorCreationException, IOException {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
        generator.initialize(new ECGenParameterSpec("secp256r1"));
        KeyPair rootKey = generator.generateKeyPair();
        KeyPair tsaKey = generator.generateKeyPair();
        Instant now = Instant.now();
        X500Name rootName = new X500Name("CN=Termsguard local TSA root,O=Termsguard (not for production)");
        X509CertificateHolder root = new JcaX509v3CertificateBuilder(
                        rootName,
                        BigInteger.ONE,
                        Date.from(now.minus(Duration.ofDays(1))),
                        Date.from(now.plus(Duration.ofDays(3650))),
                        rootName,
                        rootKey.getPublic())
                .addExtension(Extension.basicConstraints, true, new BasicConstraints(0))
                .addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign))
                .build(new JcaContentSignerBuilder("SHA256withECDSA").build(rootKey.getPrivate()));
        X509CertificateHolder tsa = new JcaX509v3CertificateBuilder(
                        rootName,
                        BigInteger.TWO,
                        Date.from(now.minus(Duration.ofDays(1))),
                        Date.from(now.plus(Duration.ofDays(3650))),
                        new X500Name("CN=Termsguard local TSA,O=Termsguard (not for production)"),
                        tsaKey.getPublic())
                .addExtension(Extension.basicConstraints, true, new BasicConstraints(false))
                .addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature))
                // RFC 3161 §2.3: the TSA's certificate MUST have this one extended key usage, marked critical.
                .addExtension(Extension.extendedKeyUsage, true, new ExtendedKeyUsage(KeyPurposeId.id_kp_timeStamping))
                .build(new JcaContentSignerBuilder("SHA256withECDSA").build(rootKey.getPrivate()));
        return new Identity(tsaKey.getPrivate(), tsa, root);
    }

    /** Starts a TSA on loopback ({@code port} 0: any free port). */
    public static LocalTsa start(int port) {
        try {
            return new LocalTsa(port, null);
        } catch (IOException | GeneralSecurityException | OperatorCreationException | TSPException e) {
            throw new IllegalStateException("the local TSA could not start: " + e.getMessage(), e);
        }
    }

    /**
     * Starts a TSA on loopback whose key and chain are kept in {@code store} (made there on first start), so that
     * it stays the same TSA across restarts.
     */
    public static LocalTsa start(int port, Path store) {
        try {
            return new LocalTsa(port, store);
        } catch (IOException | GeneralSecurityException | OperatorCreationException | TSPException e) {
            throw new IllegalStateException("the local TSA could not start: " + e.getMessage(), e);
        }
    }

    /** Where requests go. */
    public String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/";
    }

    /** The TSA's certificate and its root, PEM: what a relying party trusts ({@code openssl ts -verify -CAfile}). */
    public String chainPem() {
        StringWriter text = new StringWriter();
        try (JcaPEMWriter pem = new JcaPEMWriter(text)) {
            pem.writeObject(tsa);
            pem.writeObject(root);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        return text.toString();
    }

    /** The root alone, PEM. */
    public String rootPem() {
        StringWriter text = new StringWriter();
        try (JcaPEMWriter pem = new JcaPEMWriter(text)) {
            pem.writeObject(root);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        return text.toString();
    }

    private void answer(HttpExchange exchange) throws IOException {
        try (exchange) {
            String type = exchange.getRequestHeaders().getFirst("Content-Type");
            if (!"POST".equals(exchange.getRequestMethod()) || type == null || !type.startsWith(QUERY)) {
                exchange.sendResponseHeaders(415, -1);
                return;
            }
            byte[] query;
            try (InputStream in = exchange.getRequestBody()) {
                query = in.readNBytes(64 * 1024);
            }
            byte[] reply;
            try {
                reply = responder
                        .generate(new TimeStampRequest(query), BigInteger.valueOf(serial.incrementAndGet()), new Date())
                        .getEncoded();
            } catch (TSPException | IOException | RuntimeException e) {
                reply = responder
                        .generateFailResponse(
                                org.bouncycastle.asn1.cmp.PKIStatus.REJECTION,
                                org.bouncycastle.asn1.cmp.PKIFailureInfo.badDataFormat,
                                "unreadable request")
                        .getEncoded();
            }
            exchange.getResponseHeaders().add("Content-Type", REPLY);
            exchange.sendResponseHeaders(200, reply.length);
            exchange.getResponseBody().write(reply);
        } catch (TSPException e) {
            throw new IOException(e);
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }

    /**
     * Runs a TSA until killed (the launcher's): {@code LocalTsa <port> <roots.pem> [<key store>]} writes its root
     * there once it answers, through a temporary file, so that a reader never sees half of it; with a key store, the
     * same TSA as last time.
     */
    public static void main(String[] args) throws IOException, InterruptedException {
        LocalTsa tsa = start(Integer.parseInt(args[0]), args.length > 2 ? Path.of(args[2]) : null);
        Path roots = Path.of(args[1]);
        Path written = Files.writeString(
                roots.resolveSibling(roots.getFileName() + ".new"), tsa.rootPem(), StandardCharsets.US_ASCII);
        Files.move(written, roots, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        Thread.currentThread().join();
    }
}
