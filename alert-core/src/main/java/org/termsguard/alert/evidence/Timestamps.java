package org.termsguard.alert.evidence;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.security.cert.CertPathValidator;
import java.security.cert.CertificateFactory;
import java.security.cert.PKIXParameters;
import java.security.cert.TrustAnchor;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Date;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.bouncycastle.asn1.nist.NISTObjectIdentifiers;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cms.SignerInformationVerifier;
import org.bouncycastle.cms.jcajce.JcaSimpleSignerInfoVerifierBuilder;
import org.bouncycastle.tsp.TSPException;
import org.bouncycastle.tsp.TimeStampRequest;
import org.bouncycastle.tsp.TimeStampRequestGenerator;
import org.bouncycastle.tsp.TimeStampResponse;
import org.bouncycastle.tsp.TimeStampToken;
import org.bouncycastle.util.Selector;

/**
 * RFC 3161 trusted time for checkpoints, with BouncyCastle: a request over a SHA-256 digest (a nonce, the TSA's
 * certificate asked for), and the checks a relying party makes of the reply (§2.4.2): granted, the same digest and
 * nonce, signed by a certificate whose only extended key usage is timeStamping, that certificate valid at the token's
 * time and chaining to a trusted root.
 */
public final class Timestamps {

    /** A request as sent, with what its reply must repeat. */
    public record Request(byte[] der, byte[] digest, BigInteger nonce) {}

    /**
     * A verified token.
     *
     * @param response the whole TimeStampResp as received (what {@code openssl ts -verify -in} reads)
     * @param genTime the time the TSA vouches for
     */
    public record Token(byte[] response, Instant genTime, BigInteger serial, String tsa, String policy) {}

    /** Why a reply was refused. */
    public static final class Refused extends Exception {
        public Refused(String message) {
            super(message);
        }

        public Refused(String message, Throwable cause) {
            super(message, cause);
        }
    }

    private static final SecureRandom RANDOM = new SecureRandom();

    private Timestamps() {}

    /** A request for a token over the SHA-256 of {@code data}. */
    public static Request request(byte[] data) {
        byte[] digest = sha256(data);
        BigInteger nonce = new BigInteger(63, RANDOM);
        TimeStampRequestGenerator generator = new TimeStampRequestGenerator();
        generator.setCertReq(true);
        TimeStampRequest request = generator.generate(NISTObjectIdentifiers.id_sha256, digest, nonce);
        try {
            return new Request(request.getEncoded(), digest, nonce);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Checks a reply to {@code request}; answers the token when every check of RFC 3161 §2.4.2 holds. */
    public static Token verify(byte[] reply, Request request, Collection<X509Certificate> trusted) throws Refused {
        TimeStampResponse response = parse(reply);
        try {
            response.validate(new TimeStampRequest(request.der()));
        } catch (TSPException | IOException e) {
            throw new Refused("the reply does not answer the request: " + e.getMessage(), e);
        }
        return check(reply, response, request.digest(), trusted);
    }

    /** Checks a stored reply against the data it is said to timestamp (no request at hand: a bundle's reader). */
    public static Token verifyStored(byte[] reply, byte[] data, Collection<X509Certificate> trusted) throws Refused {
        return check(reply, parse(reply), sha256(data), trusted);
    }

    private static TimeStampResponse parse(byte[] reply) throws Refused {
        try {
            TimeStampResponse response = new TimeStampResponse(reply);
            if (response.getStatus() > 1 || response.getTimeStampToken() == null) {
                throw new Refused("the TSA did not grant a token (status " + response.getStatus() + ": "
                        + response.getStatusString() + ")");
            }
            return response;
        } catch (TSPException | IOException | RuntimeException e) {
            throw new Refused("not an RFC 3161 TimeStampResp: " + e.getMessage(), e);
        }
    }

    private static Token check(
            byte[] reply, TimeStampResponse response, byte[] digest, Collection<X509Certificate> trusted)
            throws Refused {
        TimeStampToken token = response.getTimeStampToken();
        var info = token.getTimeStampInfo();
        if (!NISTObjectIdentifiers.id_sha256.equals(info.getMessageImprintAlgOID())
                || !MessageDigest.isEqual(info.getMessageImprintDigest(), digest)) {
            throw new Refused("the token is over another digest than the data's SHA-256");
        }
        @SuppressWarnings("unchecked")
        Collection<X509CertificateHolder> signers =
                token.getCertificates().getMatches((Selector<X509CertificateHolder>) (Selector<?>) token.getSID());
        if (signers.isEmpty()) {
            throw new Refused("the token does not carry its signer's certificate");
        }
        try {
            X509CertificateHolder holder = signers.iterator().next();
            SignerInformationVerifier verifier = new JcaSimpleSignerInfoVerifierBuilder().build(holder);
            // Checks the signature, the ESS certificate id, and that the certificate's extended key usage is
            // timeStamping alone and critical (RFC 3161 §2.3).
            token.validate(verifier);
            Instant genTime = info.getGenTime().toInstant();
            chain(token, holder, trusted, genTime);
            return new Token(
                    reply,
                    genTime,
                    info.getSerialNumber(),
                    info.getTsa() == null
                            ? holder.getSubject().toString()
                            : info.getTsa().toString(),
                    info.getPolicy().getId());
        } catch (TSPException | GeneralSecurityException | org.bouncycastle.operator.OperatorCreationException e) {
            throw new Refused("the token does not verify: " + e.getMessage(), e);
        }
    }

    /** The signer's certificate, with those the token carries, must chain to a trusted root at genTime. */
    private static void chain(
            TimeStampToken token, X509CertificateHolder signer, Collection<X509Certificate> trusted, Instant at)
            throws GeneralSecurityException, Refused {
        if (trusted.isEmpty()) {
            throw new Refused("no trusted TSA root is configured");
        }
        JcaX509CertificateConverter converter = new JcaX509CertificateConverter();
        List<X509Certificate> path = new ArrayList<>();
        path.add(converter.getCertificate(signer));
        @SuppressWarnings("unchecked")
        Collection<X509CertificateHolder> carried = token.getCertificates().getMatches(null);
        for (X509CertificateHolder other : carried) {
            if (!other.equals(signer)) {
                path.add(converter.getCertificate(other));
            }
        }
        Set<TrustAnchor> anchors = new HashSet<>();
        trusted.forEach(root -> anchors.add(new TrustAnchor(root, null)));
        // The path as the token carries it, signer first, without the trusted roots themselves.
        List<X509Certificate> untrusted = path.stream()
                .filter(c -> trusted.stream().noneMatch(root -> root.equals(c)))
                .toList();
        PKIXParameters parameters = new PKIXParameters(anchors);
        parameters.setRevocationEnabled(false);
        parameters.setDate(Date.from(at));
        try {
            CertPathValidator.getInstance("PKIX")
                    .validate(CertificateFactory.getInstance("X.509").generateCertPath(untrusted), parameters);
        } catch (java.security.cert.CertPathValidatorException e) {
            throw new Refused(
                    "the TSA's certificate does not chain to a trusted root at " + at + ": " + e.getMessage(), e);
        }
    }

    /** Every certificate of a PEM file (the TSA's chain, or the roots to trust). */
    public static List<X509Certificate> certificates(byte[] pem) {
        try {
            List<X509Certificate> certificates = new ArrayList<>();
            for (var certificate :
                    CertificateFactory.getInstance("X.509").generateCertificates(new ByteArrayInputStream(pem))) {
                certificates.add((X509Certificate) certificate);
            }
            return certificates;
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException("not PEM certificates: " + e.getMessage(), e);
        }
    }

    private static byte[] sha256(byte[] data) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(data);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
