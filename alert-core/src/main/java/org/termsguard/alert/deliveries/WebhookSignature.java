package org.termsguard.alert.deliveries;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * {@code Termsguard-Signature: t=<unix seconds>,v1=<hex HMAC-SHA256 of "t.body">}, as Stripe signs its webhooks:
 * the timestamp inside the MAC lets receivers refuse replays of old deliveries.
 */
public final class WebhookSignature {

    public static final String HEADER = "Termsguard-Signature";

    private WebhookSignature() {}

    public static String sign(String secret, long unixSeconds, byte[] body) {
        return "t=" + unixSeconds + ",v1=" + HexFormat.of().formatHex(mac(secret, unixSeconds, body));
    }

    /** What a receiver does: recompute and compare in constant time. */
    public static boolean verify(String header, String secret, byte[] body) {
        long t = -1;
        String v1 = null;
        for (String part : header.split(",")) {
            String[] pair = part.trim().split("=", 2);
            if (pair.length == 2 && pair[0].equals("t")) {
                t = Long.parseLong(pair[1]);
            } else if (pair.length == 2 && pair[0].equals("v1")) {
                v1 = pair[1];
            }
        }
        return t >= 0 && v1 != null && MessageDigest.isEqual(HexFormat.of().parseHex(v1), mac(secret, t, body));
    }

    private static byte[] mac(String secret, long unixSeconds, byte[] body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            mac.update((unixSeconds + ".").getBytes(StandardCharsets.US_ASCII));
            return mac.doFinal(body);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Every Java platform has HmacSHA256", e);
        }
    }
}
